'abc' -contains 'b'
'abc', 'def' -contains 'ABC'
'abc', 'def' -ccontains 'ABC'
1, 2, 3 -notcontains 4
'a' -in 'A', 'B'
'a' -cin 'A', 'B'
'x' -notin @()
@(1, '1') -contains 1
