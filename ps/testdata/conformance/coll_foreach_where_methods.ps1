(1..5).ForEach({ $_ * 2 }) -join ','
(1..6).Where({ $_ % 2 -eq 0 }) -join ','
(1..6).Where({ $_ -gt 2 }, 'First') -join ','
(1..6).Where({ $_ -gt 2 }, 'First', 2) -join ','
(1..6).Where({ $_ -gt 2 }, 'Last') -join ','
(1..6).Where({ $_ -gt 3 }, 'SkipUntil') -join ','
(1..6).Where({ $_ -gt 3 }, 'Until') -join ','
$even, $odd = (1..6).Where({ $_ % 2 -eq 0 }, 'Split')
"$even|$odd"
('a','b').ForEach([string]).Count
(1, 2).ForEach({ param($x) "$x$_" }, 'p') -join ','
@().Where({ $true }).Count
