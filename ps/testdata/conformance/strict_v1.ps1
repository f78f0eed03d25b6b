Set-StrictMode -Version 1
"[$undefinedInString]"
try { $undefinedVar } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }
$s = 'x'
$null -eq $s.NoSuchProperty
