function f { 'a'; return 'b'; 'c' }
(f) -join ','
function g { foreach ($i in 1..5) { if ($i -eq 3) { return $i } } ; 'not reached' }
g
& { 'block'; return; 'not' }
'before exit'
exit 3
'not reached'
