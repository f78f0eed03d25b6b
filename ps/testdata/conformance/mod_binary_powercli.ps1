Import-Module VMware.PowerCLI
Import-Module VMware.VimAutomation.Core -ErrorAction Stop
(Get-Module VMware.PowerCLI).ModuleType
Import-Module NoSuch.Module
'after'
try { Import-Module NoSuch.Module -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }
