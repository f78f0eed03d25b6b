try {
  try { throw [System.ArgumentException]::new('arg') }
  catch [System.InvalidOperationException] { 'wrong catch' }
  finally { 'inner finally' }
} catch [System.ArgumentException] { "outer got $($_.Exception.Message)" }
try { try { throw 'a' } catch { throw 'b' } } catch { "last: $_" }
