# OrderedDictionary keeps insertion order and can insert or remove by index.
$h = [ordered]@{ b = 2; c = 3 }
$h.Insert(0, 'a', 1)
$h.Keys -join ','
$h[0]
$h.RemoveAt(1)
$h.Keys -join ','
try { $h.Insert(0, 'a', 9) } catch { $_.Exception.InnerException.GetType().FullName }
$h.Count
