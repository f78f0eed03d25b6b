$h = @{ a = 1 }
switch ($h) { { $_ -is [hashtable] } { 'hashtable as one item' } }
$count = 0
switch (1, 2, 3, 4) { { $_ -gt 2 } { $count++ } }
$count
switch ('x') { 'X' { 'ci 1' } 'x' { 'ci 2' } }
