'  Web01  '.Trim().ToUpper()
'xxhixx'.Trim('x')
'--abc--'.TrimStart('-')
'--abc--'.TrimEnd('-')
'Hello'.ToLower()
'hello'.ToUpperInvariant()
'abc'.Length
'abcdef'.Substring(2)
'abcdef'.Substring(1, 3)
'abc'.PadLeft(5, '*') + '|'
'abc'.PadRight(5) + '|'
'abc'.Insert(1, 'X')
'abcdef'.Remove(2, 2)
