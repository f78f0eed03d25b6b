try { throw @{ Code = 5 } } catch { $_.TargetObject.Code; $_.Exception.Message }
try { throw [pscustomobject]@{ Reason = 'r' } } catch { $_.TargetObject.Reason }
try { throw 1, 2 } catch { $_.Exception.Message }
