$i = 5
$i++
$i
++$i
$i
$i--
$j = $i++
"$j $i"
$k = ++$i
"$k $i"
"$($i++) $i"
$h = @{n=1}
$h.n++
$h.n
$arr = 1,2,3
$arr[1]++
$arr -join ','
$u++
$u
