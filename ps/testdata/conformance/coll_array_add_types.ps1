$a = @()
$a += 1
$a += 'two'
$a.GetType().Name
$a.Count
$b = 1
$b += 2
$b
$c = 'x'
$c += 1, 2
$c
$d = @(1, 2) + @(3)
$d -join ','
$e = , 'single'
$e.Count
