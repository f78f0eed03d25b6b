$Error.Clear()
Write-Error 'first' 2>$null
Write-Error 'second' -ErrorAction SilentlyContinue
$Error.Count
$Error[0].Exception.Message
$Error[1].Exception.Message
Write-Error 'ignored' -ErrorAction Ignore
$Error.Count
try { throw 'caught one' } catch { }
$Error[0].Exception.Message
$Error.Count
$Error[0].GetType().Name
