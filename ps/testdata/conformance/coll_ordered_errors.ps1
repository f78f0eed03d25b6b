$o = [ordered]@{}
$o.first = 1
$o['second'] = 2
$o.Keys -join ','
$o.Count
try { $x = [ordered]'text' } catch { $_.FullyQualifiedErrorId }
([ordered]@{ a = 1 }) -is [System.Collections.Specialized.OrderedDictionary]
