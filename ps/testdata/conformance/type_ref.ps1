$n = 0
[int]::TryParse('123', [ref]$n)
$n
[int]::TryParse('abc', [ref]$n)
$n
function Set-Out([ref]$target) { $target.Value = 'changed' }
$s = 'orig'
Set-Out ([ref]$s)
$s
$d = $null
[double]::TryParse('2.5', [ref]$d)
$d
