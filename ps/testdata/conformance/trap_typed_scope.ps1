trap [System.DivideByZeroException] { 'div trap'; continue }
trap { 'generic trap'; continue }
1/0
throw 'x'
if ($true) { throw 'nested' ; 'after nested' }
'done'
