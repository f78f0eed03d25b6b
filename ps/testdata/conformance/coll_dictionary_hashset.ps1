$d = [System.Collections.Generic.Dictionary[string, int]]::new()
$d.Add('one', 1)
$d['two'] = '2'
$d.Count
$d['two'] + 1
$d.ContainsKey('ONE')
$d.Remove('one')
$d.Keys -join ','
$out = 0
$d.TryGetValue('two', [ref]$out)
$out
$set = [System.Collections.Generic.HashSet[string]]::new()
$set.Add('a')
$set.Add('a')
$set.Add('b')
$set.Count
$set.Contains('b')
