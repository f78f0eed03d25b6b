filter Get-Even { if ($_ % 2 -eq 0) { $_ } }
1..6 | Get-Even | ForEach-Object { "e$_" }
function Sum-Input { $total = 0; foreach ($n in $input) { $total += $n }; $total }
1..4 | Sum-Input
function Proc { process { "p:$_" } }
'x', 'y' | Proc
Proc
