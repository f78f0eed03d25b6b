$l = [System.Collections.Generic.List[string]]::new()
$l.Add('x')
$l.Add(5)
$l.Count
$l[1].GetType().Name
$l.Remove('x')
$l.Remove('nope')
$l.Count
$nums = [System.Collections.Generic.List[int]]::new()
$nums.Add('42')
$nums[0] + 1
try { $nums.Add('abc') } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }
$nums -is [System.Collections.Generic.List[int]]
$nums.GetType().Name
$objs = New-Object System.Collections.Generic.List[object]
$objs.Add(@{a=1})
$objs.Count
$fromArray = [System.Collections.Generic.List[string]]@('a', 'b')
$fromArray.ToArray() -join '+'
