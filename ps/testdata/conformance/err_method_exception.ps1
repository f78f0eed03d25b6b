try { [int]::Parse('x') } catch { $_.Exception.Message }
try { 'abc'.Substring(-1) } catch { $_.Exception.InnerException.GetType().FullName }
try { @(1,2).Nope() } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }
