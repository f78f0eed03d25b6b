$null -eq @()
(@() -eq $null).Count
(@(1, $null, 2) -eq $null).Count
$null -ne 0
'' -eq $null
0 -eq $null
$null -lt 1
@($null).Count
$nothing = & { }
$null -eq $nothing
@($nothing).Count
