# Get-Unique drops consecutive duplicates of sorted input. It compares
# case-sensitively unless -CaseInsensitive; -AsString compares the
# strings, -OnType the types.
1, 1, 2, 2, 2, 3, 1 | Get-Unique
'-- strings, case-sensitive'
'a', 'a', 'A', 'b', 'B', 'B' | Get-Unique
'-- case-insensitive'
'a', 'a', 'A', 'b', 'B', 'B' | Get-Unique -CaseInsensitive
'-- as string'
1, '1', 1.0, 2 | Get-Unique -AsString
'-- on type'
(1, 2, 'a', 'b', 3 | Get-Unique -OnType | ForEach-Object { $_.GetType().Name }) -join ','
'-- sorted'
'dog', 'cat', 'dog', 'bird', 'cat' | Sort-Object | Get-Unique
'-- InputObject is one object'
(Get-Unique -InputObject 1, 1, 2).Count
'-- alias'
(1, 1 | gu | Measure-Object).Count
