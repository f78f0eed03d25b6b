try { Set-StrictMode -Version 0 } catch { $_.FullyQualifiedErrorId }
Set-StrictMode -Version 99
try { $undef } catch { 'latest from 99' }
