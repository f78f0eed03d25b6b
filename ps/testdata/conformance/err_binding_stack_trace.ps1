# A binder error carries the script stack of the command it stopped, as
# every error record does: Pester prints it under a failed test.
function Invoke-Inner { Write-Output -Bogus 'x' }
function Invoke-Outer { Invoke-Inner }
try { Invoke-Outer } catch { $_.ScriptStackTrace }
