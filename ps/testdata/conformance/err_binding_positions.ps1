# Binder errors point at the argument at fault, as PowerShell's do: the
# unknown or unfinished parameter name, or the value that did not convert.
function Set-Thing {
  [CmdletBinding()]
  param([int]$Count, [ValidateSet('a', 'b')][string]$Mode)
  "count $Count mode $Mode"
}
Set-Thing -Bogus 1
Set-Thing -Mode c
Set-Thing -Count
'done'
