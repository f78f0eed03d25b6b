$callerVar = 'caller'
$global:globalVar = 'global'
Import-Module ./lib/Standalone.psm1
function Wrapper { $callerVar = 'in wrapper'; Test-Isolation }
Wrapper
$local = 'from caller'
Invoke-Callback { "callback sees [$local]" }
