function B([bool]$Flag) { "flag=$Flag" }
B $true
B 0
try { B 'false' } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }
function Sw([switch]$On) { $On.GetType().Name; [bool]$On }
Sw -On
