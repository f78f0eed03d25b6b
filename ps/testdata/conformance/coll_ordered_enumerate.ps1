$o = [ordered]@{ z = 1; a = 2; m = 3 }
$o.Keys -join ','
$o.Values -join ','
$o[0]
$o['a']
foreach ($kv in $o.GetEnumerator()) { "$($kv.Key)=$($kv.Value) [$($kv.Name)]" }
$o.GetEnumerator() | ForEach-Object { $_.Key }
$h = @{ one = 1 }
$h.GetEnumerator() | ForEach-Object { $_.GetType().FullName }
$e = $o.GetEnumerator()
$null = $e.MoveNext()
$e.Current.Key
$o.Insert
