Write-Error 'e1' -ErrorVariable ev 2>$null
$ev.Count
$ev[0].Exception.Message
Write-Error 'e2' -ErrorVariable +ev 2>$null
$ev.Count
function Adv { [CmdletBinding()] param() Write-Error 'from adv'; 'out' }
$r = Adv -ErrorVariable fev -OutVariable fov 2>$null
$fev.Count
$fev[0].Exception.Message
$fov -join ','
