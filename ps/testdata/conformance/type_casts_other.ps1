[string]42
[string]$null -eq ''
[bool]'False'
[bool]''
[bool]0
[bool]@()
[bool]@($false)
[bool]@($false, $false)
[array]$null -eq $null
([array]'x').Count
([array]@()).Count
[string[]]@(1, 2) -join '+'
([int[]]'1', '2').GetType().Name
([int[]]@('1','2'))[1] + 1
[char[]]'hi' -join ','
([type]'int').FullName
[int].FullName
[int].Name
