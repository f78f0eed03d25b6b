Invoke-Expression '1 + 2'
$cmd = '$z = 10; $z * 2'
iex $cmd
$z
'Get-Variable z -ValueOnly' | Invoke-Expression
try { Invoke-Expression '1 +' } catch { $_.FullyQualifiedErrorId; $_.Exception.GetType().Name }
