try { [int]'abc' } catch { $_.FullyQualifiedErrorId; $_.Exception.GetType().FullName; $_.Exception.Message }
try { [byte]300 } catch { $_.Exception.Message }
try { [int]@(1,2) } catch { $_.Exception.Message }
try { [hashtable]'x' } catch { $_.Exception.Message }
[int]'x'
'after'
