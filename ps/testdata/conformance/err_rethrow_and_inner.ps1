try { try { throw 'orig' } catch { 'handling'; throw } } catch { "outer: $($_.Exception.Message)" }
try { try { 1/0 } catch { throw $_ } } catch { $_.Exception.InnerException.GetType().Name }
$inner = [System.Exception]::new('inner msg')
try { throw [System.InvalidOperationException]::new('outer msg', $inner) } catch { $_.Exception.Message; $_.Exception.InnerException.Message; $_.Exception.GetBaseException().Message }
try { throw } catch { $_.Exception.Message }
try { throw 42 } catch { $_.TargetObject.GetType().Name; $_.Exception.Message }
