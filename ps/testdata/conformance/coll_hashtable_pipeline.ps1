$h = @{ a = 1; b = 2 }
($h | Measure-Object).Count
($h.GetEnumerator() | Measure-Object).Count
foreach ($item in $h) { $item.GetType().Name }
$h.Keys | Sort-Object | ForEach-Object { "$_=$($h[$_])" }
@{ } -is [hashtable]
$h.Values | Measure-Object -Sum | ForEach-Object Sum
