$_ = 'outer value'
try { throw 'inner' } catch { "in catch: $_" }
"after catch: $_"
function Handle { try { throw 'fn' } catch { return "handled $_" } }
Handle
