# Get-Culture and Get-UICulture return en-US CultureInfo objects; Get-Host
# returns $Host itself. Clear-Host writes nothing when the output is not a
# terminal.
$c = Get-Culture
$c.GetType().FullName
$c.Name
$c.DisplayName
$c.LCID
"$c"
$c.NumberFormat.NumberDecimalSeparator
(Get-UICulture).Name
(Get-Culture -Name en-US).LCID
'-- host'
$h = Get-Host
$h.Name
$h.Version.Major
$h -eq $Host
$h.InstanceId -eq $Host.InstanceId
'-- clear'
Clear-Host
cls
clear
'done'
