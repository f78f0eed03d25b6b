function Get-Item2 {
  [CmdletBinding(DefaultParameterSetName = 'Name')]
  param(
    [Parameter(ParameterSetName = 'Name', Position = 0, ValueFromPipeline)][string]$Name,
    [Parameter(ParameterSetName = 'Id', Mandatory)][int]$Id
  )
  process { "$($PSCmdlet.ParameterSetName): $Name$Id" }
}
'a', 'b' | Get-Item2
Get-Item2 -Id 3
try { Get-Item2 -Name x -Id 3 } catch { $_.FullyQualifiedErrorId }
