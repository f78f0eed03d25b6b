Import-Module ./modules/Greeter/Greeter.psm1
Get-Greeting
Get-Greeting -Name admin
gg vm
$ExportedVar
try { Get-Secret } catch { $_.FullyQualifiedErrorId }
"[$greeting]"
Set-Greeting 'Hi'
Get-Greeting
(Get-Module Greeter).Name
(Get-Module Greeter).ModuleType
(Get-Command Get-Greeting).Source
Remove-Module Greeter
@(Get-Module Greeter).Count
try { Get-Greeting } catch { 'removed' }
