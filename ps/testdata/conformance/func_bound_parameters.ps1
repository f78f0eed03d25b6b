function Show-Bound {
  [CmdletBinding()]
  param([string]$Name, [int]$Count = 3, [switch]$Force)
  ($PSBoundParameters.Keys | Sort-Object) -join ','
  $PSBoundParameters.ContainsKey('Count')
}
Show-Bound -Name x
Show-Bound -Name x -Count 5 -Force
function Outer { [CmdletBinding()] param($Name, $Count) Inner @PSBoundParameters }
function Inner { param($Name, $Count) "inner $Name $Count" }
Outer -Name n -Count 2
