$null ?? 'default'
$v = 'set'
$v ?? 'default'
$x = $null
$x ??= 5
$x
$y = 3
$y ??= 5
$y
$n = 7
$n -gt 5 ? 'big' : 'small'
$o = $null
"[$(${o}?.Name)]"
"[${o}?.Name]"
$p = [pscustomobject]@{Name='web01'}
${p}?.Name
$list = $null
"[$(${list}?[0])]"
$list = 'a','b'
${list}?[1]
