$h = @{ Name = 'web01'; Cpu = 2 }
$h.Name
$h['CPU']
$h.Missing -eq $null
$h.Count
$h.Keys.Count
$h.ContainsKey('name')
$h.ContainsValue(2)
$h.Add('New', 1)
$h.New
$h.Remove('New')
$h.ContainsKey('New')
$h.Extra = 'x'
$h['Other'] = 'y'
$h.Count
try { $h.Add('Name', 'dup') } catch { $_.Exception.InnerException.Message }
$h2 = @{a = 1} + @{b = 2}
$h2.Count
try { @{a=1} + @{a=2} } catch { $_.Exception.Message }
try { $bad = @{ k = 1; K = 2 } } catch { $_.FullyQualifiedErrorId }
$h.GetType().Name
