"tab[`t] nl[`n] bell[`a]".Length
"`u{263A}".Length
"`$notvar"
"a``b"
'single `n stays'
"`"quoted`""
"x""y"
'it''s'
