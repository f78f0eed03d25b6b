$name = 'web01'
"vm $name here"
'vm $name here'
"len $name.Length"
"len $($name.Length)"
"[$undefined]"
$arr = 1, 2, 3
"arr: $arr"
$OFS = '-'
"arr: $arr"
Remove-Variable OFS
"${name}:ok"
"escaped `$name and `"quotes`" and tab`t|"
"Sub: $(1 + 2) and $((1,2,3).Count)"
$h = @{k='v'}
"h: $($h.k) $($h['k'])"
