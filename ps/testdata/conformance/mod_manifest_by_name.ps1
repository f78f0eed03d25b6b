Import-Module Counter
Get-Count
(Get-Module Counter).Version.ToString()
(Get-Module Counter).Description
Get-HelpText
try { Get-Internal } catch { 'internal not exported' }
try { Get-HelperValue } catch { 'helper not exported' }
$m = Import-Module Counter -PassThru
$m.Name
