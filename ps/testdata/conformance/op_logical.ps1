function Side($v) { "side $v"; $v }
$true -and $false
$true -or $false
$true -xor $true
-not $false
!0
-not ''
-not 'False'
$r = $false -and (Side 1)
"r=$r"
$null -or 0
