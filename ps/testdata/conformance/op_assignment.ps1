$x = 10
$x -= 3; $x
$x *= 2; $x
$x /= 7; $x
$x %= 2; $x
$s = 'ab'; $s += 'cd'; $s
$a = @(1); $a += 2; $a += 3,4; $a -join ','
$h = @{a=1}; $h += @{b=2}; $h.Count
$p, $q, $r = 1, 2, 3, 4
"$p|$q|$($r -join ',')"
$m, $n = 'only'
"[$m][$n]"
$first, $rest = 1..5
$rest -join ''
$i = $j = 7
"$i $j"
