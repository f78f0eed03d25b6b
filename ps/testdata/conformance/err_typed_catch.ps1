try { throw [System.IO.FileNotFoundException]::new('nofile') } catch [System.IO.IOException] { "io: $($_.Exception.GetType().Name)" } catch { 'other' }
try { throw [System.ArgumentNullException]::new('param1') } catch [System.ArgumentException] { $_.Exception.Message; $_.Exception.ParamName }
try { [int]'x' } catch [System.InvalidCastException] { 'cast' }
try { Write-Error 'w' -ErrorAction Stop } catch [Microsoft.PowerShell.Commands.WriteErrorException] { 'write-error' }
try { throw 'x' } catch [System.Management.Automation.RuntimeException] { 'rt' }
try { throw [System.InvalidOperationException]::new('op') } catch [System.Management.Automation.RuntimeException] { 'outer rt' } catch [System.InvalidOperationException] { 'inner first' }
try { NoSuchCommand-Abc } catch [System.Management.Automation.CommandNotFoundException] { 'cnf' }
try { $null.Foo() } catch { $_.FullyQualifiedErrorId }
try { [int]::Parse('x') } catch [System.FormatException] { $_.Exception.GetType().Name; $_.FullyQualifiedErrorId }
try { throw [System.TimeoutException]::new() } catch [TimeoutException] { $_.Exception.Message }
try { throw [System.Exception]::new('base') } catch [System.SystemException] { 'no' } catch [System.Exception] { 'exception' }
