try {
  try { 'work' } finally { throw 'from finally' }
} catch { "caught $_" }
function Clean { try { return 'value' } finally { 'cleanup' } }
$v = Clean
$v -join ','
