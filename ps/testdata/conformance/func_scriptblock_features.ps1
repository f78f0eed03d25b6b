$x = 'outer'
$sb = { "x is $x" }
& $sb
$x = 'changed'
& $sb
$make = { param($v) { "captured $v" }.GetNewClosure() }
$c = & $make 'one'
$v = 'global v'
& $c
$sb3 = [scriptblock]::Create('param($a) $a * 2')
& $sb3 21
$sb3.ToString()
{ 1 + 1 }.Invoke()
