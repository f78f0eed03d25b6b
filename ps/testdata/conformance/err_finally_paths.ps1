function f { try { 'body'; return 'ret' } finally { 'finally' } }
f
foreach ($i in 1..3) { try { if ($i -eq 2) { continue }; if ($i -eq 3) { break }; "i$i" } finally { "f$i" } }
try { try { throw 'inner' } finally { 'inner finally' } } catch { "outer caught $_" }
try { 'no error' } catch { 'not run' } finally { 'always' }
