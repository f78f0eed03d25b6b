'a-b-c'.Replace('-', '+')
'Hello'.Replace('L', 'x')
'Hello'.Replace('L', 'x', 'OrdinalIgnoreCase')
('a,b,c'.Split(',')).Count
'a1b2c'.Split('12').Count
'a1b2c'.Split([char[]]'12') -join '|'
'a1b2c'.Split('12'.ToCharArray()) -join '|'
'a,,b'.Split(',', [StringSplitOptions]::RemoveEmptyEntries) -join '|'
'a, b ,c'.Split(',', [System.StringSplitOptions]'TrimEntries') -join '|'
'a:b:c:d'.Split(':', 2) -join '|'
'one two'.Split() -join '|'
'a--b--c'.Split('--') -join '|'
'x'.Split(',') -join '|'
