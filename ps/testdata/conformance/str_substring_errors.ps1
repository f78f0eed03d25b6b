try { 'abc'.Substring(5) } catch { $_.Exception.Message; $_.FullyQualifiedErrorId; $_.Exception.InnerException.GetType().Name }
try { 'abc'.Substring(1, 5) } catch { $_.Exception.Message }
'abc'.Substring(4)
'after'
