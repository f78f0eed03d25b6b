Import-Module ./modules/Greeter/Greeter.psm1
$m = Get-Module Greeter
& $m { $greeting }
Get-Greeting x
Remove-Module Greeter
