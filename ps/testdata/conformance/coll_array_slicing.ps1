$x = 10, 20, 30, 40, 50
$x[1..2] -join ','
$x[-2..-1] -join ','
$x[0, -1] -join ','
$x[10..12].Count
$x[1..0] -join ','
($x | Select-Object -First 2) -join ','
,@(1, 2) | ForEach-Object { $_.Count }
@(1, 2) | ForEach-Object { $_ }
