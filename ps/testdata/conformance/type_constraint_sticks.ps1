[int]$x = '5'
$x = '10'
$x.GetType().Name
$x + 1
try { $x = 'abc' } catch { $_.FullyQualifiedErrorId }
$x
[string]$s = 42
$s.GetType().Name
[string[]]$list = 'one'
$list += 'two'
$list.Count
