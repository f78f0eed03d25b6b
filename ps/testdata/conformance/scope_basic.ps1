$x = 'script'
function Show { "in function: $x"; $x = 'local'; "after local assign: $x" }
Show
"after call: $x"
function SetScript { $script:x = 'set via script:' }
SetScript
$x
function SetGlobal { $global:g = 'global value' }
SetGlobal
$g
& { $y = 'child only' }
"[$y]"
. { $z = 'dot sourced' }
$z
