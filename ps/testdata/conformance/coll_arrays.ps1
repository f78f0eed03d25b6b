$a = 1, 2, 3
$a.Count
$a.Length
$a[0]
$a[-1]
$a[0, 2] -join ','
$a[5] -eq $null
@().Count
@($null).Count
(, 5).Count
$a.Contains(2)
$a.IndexOf(3)
$b = $a
$b[0] = 99
$a[0]
$c = $a.Clone()
$c[0] = 1
$a[0]
$nested = @(1, @(2, 3))
$nested.Count
$nested[1][0]
'x'.Count
$null.Count
$a | ForEach-Object { $_ * 10 }
