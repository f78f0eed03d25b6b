function V {
  [CmdletBinding()]
  param(
    [ValidateSet('Red', 'Green')][string]$Color,
    [ValidateRange(1, 10)][int]$Count,
    [ValidatePattern('^vm-\d+$')][string]$Vm,
    [ValidateLength(2, 4)][string]$Code,
    [ValidateCount(1, 2)][string[]]$Tags,
    [ValidateNotNullOrEmpty()][string]$NotEmpty,
    [ValidateNotNull()]$NotNull,
    [ValidateScript({ $_ -gt 0 })][int]$Positive,
    [ValidateRange('Positive')][int]$Pos2
  )
  'ok'
}
V -Color red -Count 10 -Vm vm-1 -Code ab -Tags a, b -NotEmpty x -NotNull 0 -Positive 1 -Pos2 3
foreach ($call in @(
  { V -Color Blue }, { V -Count 11 }, { V -Count 0 }, { V -Vm x }, { V -Code a }, { V -Code abcde },
  { V -Tags a, b, c }, { V -NotEmpty '' }, { V -NotNull $null }, { V -Positive -1 }, { V -Pos2 0 })) {
  try { & $call } catch { $_.Exception.Message }
}
