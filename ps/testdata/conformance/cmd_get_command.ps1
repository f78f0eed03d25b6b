(Get-Command Write-Output).CommandType
(Get-Command Write-Output).Source
function My-Func { param($A) }
(Get-Command My-Func).CommandType
(Get-Command echo).CommandType
(Get-Command echo).Definition
(Get-Command My-Func).Parameters.Keys -join ','
function Adv-Func { [CmdletBinding()] param([Parameter(Mandatory)][string]$Name, [int]$Count) }
$p = (Get-Command Adv-Func).Parameters
$p['Name'].ParameterType.FullName
$p.ContainsKey('Verbose')
$p['Name'].ParameterSets['__AllParameterSets'].IsMandatory
(Get-Command Adv-Func).ParameterSets[0].Name
(Get-Command Adv-Func).ParameterSets[0].ToString()
(Get-Command -Name 'Write-O*' | ForEach-Object Name) -join ','
Get-Command Nope-Cmd
'after'
