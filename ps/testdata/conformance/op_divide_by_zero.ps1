'before'
1/0
'after'
try { 1/0 } catch { $_.Exception.GetType().Name; $_.Exception.InnerException.GetType().Name; $_.FullyQualifiedErrorId }
try { 5 % 0 } catch [System.DivideByZeroException] { 'caught by inner type' }
