'a' -lt 'b'
'B' -lt 'a'
'abc' -gt 'abd'
'10' -lt '9'
10 -lt '9'
'apple' -eq 'APPLE'
'apple' -cne 'APPLE'
'2' -gt 10
