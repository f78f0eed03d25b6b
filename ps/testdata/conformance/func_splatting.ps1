function Target { param($A, $B, $C = 'default') "A=$A B=$B C=$C" }
$h = @{ A = 1; B = 2 }
Target @h
$arr = 'x', 'y'
Target @arr
Target @h -B 'explicit'
Target -B 'explicit' @h
$sw = @{ Force = $true }
function Sw([switch]$Force) { "Force=$Force" }
Sw @sw
