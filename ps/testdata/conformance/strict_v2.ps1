Set-StrictMode -Version 2.0
try { "[$undefinedInString]" } catch { $_.FullyQualifiedErrorId }
$string = "This is a string."
try { $null -eq $string.Month } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }
function add ($a, $b) { $a + $b }
try { add(3,4) } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }
add 3 4
$h = @{}
$null -eq $h.missing
$string.Length
