# With several parameter sets open to pipeline input, PowerShell settles
# the set for each input object: the one whose parameters the object binds.
function Get-Account {
  [CmdletBinding(DefaultParameterSetName = 'ByName')]
  param(
    [Parameter(ParameterSetName = 'ByName', Mandatory, ValueFromPipelineByPropertyName)][string]$Name,
    [Parameter(ParameterSetName = 'ById', Mandatory, ValueFromPipelineByPropertyName)][int]$Id
  )
  process { "$($PSCmdlet.ParameterSetName): $Name$Id" }
}
[pscustomobject]@{ Name = 'alice' } | Get-Account
[pscustomobject]@{ Id = 7 } | Get-Account
[pscustomobject]@{ Name = 'bob' }, [pscustomobject]@{ Id = 8 }, [pscustomobject]@{ Name = 'carol' } | Get-Account
# A parameter the previous object bound and this one does not is back at
# its default, and out of $PSBoundParameters.
function Show-Bound {
  [CmdletBinding()]
  param(
    [Parameter(ValueFromPipelineByPropertyName)][string]$Name = 'none',
    [Parameter(ValueFromPipelineByPropertyName)][int]$Size
  )
  process { "$Name $Size [$(($PSBoundParameters.Keys | Sort-Object) -join ',')]" }
}
[pscustomobject]@{ Name = 'a'; Size = 1 }, [pscustomobject]@{ Size = 2 }, [pscustomobject]@{ Name = 'c' } | Show-Bound
# By value, an object binds first where it needs no conversion: 42 is an
# [int] and goes to -Id, '7' stays a [string] for -Name.
function Get-Thing {
  [CmdletBinding(DefaultParameterSetName = 'ByName')]
  param(
    [Parameter(ParameterSetName = 'ByName', Mandatory, ValueFromPipeline)][string]$Name,
    [Parameter(ParameterSetName = 'ById', Mandatory, ValueFromPipeline)][int]$Id
  )
  process { "$($PSCmdlet.ParameterSetName): [$Name] [$Id]" }
}
'alice', 42, '7' | Get-Thing
