Set-StrictMode -Version Latest
$a = @(1)
try { $a[2] } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }
try { $a['abc'] } catch { $_.FullyQualifiedErrorId }
$a[0]
$a[-1]
