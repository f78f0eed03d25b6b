$list = [System.Collections.ArrayList]::new()
$list.Add('a')
$null = $list.Add('b')
[void]$list.Add('c')
$list.Count
$list[1]
$list.Remove('b')
$list -join ','
$list.Insert(0, 'first')
$list -join ','
$list.RemoveAt(0)
$list.Contains('c')
$list.IndexOf('c')
$list.AddRange(@('d', 'e'))
$list.Count
$list[0] = 'A'
$list -join ','
$list2 = [System.Collections.ArrayList]@(3, 1, 2)
$list2.Sort()
$list2 -join ','
$list2.GetType().FullName
($list2 + 4).GetType().Name
"$list2"
