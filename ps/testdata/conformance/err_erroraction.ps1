function Test-NonTerm { Write-Error 'nt'; 'after error in function' }
Test-NonTerm 2>$null
Write-Error 'x' -ErrorAction SilentlyContinue; 'continued'
try { Write-Error 'stopped' -ErrorAction Stop; 'not reached' } catch { "caught $($_.Exception.Message)"; $_.Exception.GetType().Name; $_.FullyQualifiedErrorId }
$ErrorActionPreference = 'Stop'
try { Write-Error 'pref stop'; 'not reached' } catch { 'caught pref' }
$ErrorActionPreference = 'Continue'
try { Write-Error 'inquire' -ErrorAction Inquire } catch { 'inquire is stop' }
