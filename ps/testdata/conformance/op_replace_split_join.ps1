'web01' -replace '(\w+)(\d\d)', '$2-$1'
'Hello' -replace 'l'
'a.b.c' -replace '\.', '/'
'ABC' -creplace 'b', 'x'
'ABC' -replace 'b', 'x'
'John Smith' -replace '(?<first>\w+) (?<last>\w+)', '${last}, ${first}'
('a,b,,c' -split ',').Count
('a1b2c3' -split '\d') -join '|'
('a b  c' -split ' ', 2) -join '|'
(-split '  one two   three ') -join '|'
'x','y','z' -join ', '
-join ('a','b')
('a.b' -split '.', 0, 'SimpleMatch') -join '|'
'1,2;3' -split '[,;]' | ForEach-Object { [int]$_ * 2 }
