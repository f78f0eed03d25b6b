trap { "trapped: $_"; continue }
'one'
throw 'oops'
'two'
[int]'bad'
'three'
