function F1 { trap { 'trap in F1'; break }; 'F1 start'; throw 'err1'; 'F1 end' }
try { F1 } catch { "caller caught $_" }
function F2 { trap { 'trap in F2' }; throw 'err2'; 'F2 continues' }
F2
'end'
