#Requires -Version 7
#Requires -Modules VMware.PowerCLI, @{ ModuleName = 'VMware.VimAutomation.Core'; ModuleVersion = '12.0' }
#requires -PSEdition Core
'ran'
(Get-Module VMware.PowerCLI).Name
