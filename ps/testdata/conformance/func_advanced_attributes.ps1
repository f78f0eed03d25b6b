function Get-Thing {
  [CmdletBinding(DefaultParameterSetName = 'ByName')]
  param(
    [Parameter(Mandatory, Position = 0, ParameterSetName = 'ByName')][string]$Name,
    [Parameter(Mandatory, ParameterSetName = 'ById')][int]$Id,
    [Parameter()][Alias('Recurse', 'r')][switch]$Deep
  )
  "$($PSCmdlet.ParameterSetName) $Name$Id $Deep"
}
Get-Thing web
Get-Thing -Id 7
Get-Thing -Name x -r
Get-Thing -Na y -Recurse
