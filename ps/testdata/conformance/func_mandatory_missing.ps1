function Need { param([Parameter(Mandatory)][string]$Name) "got $Name" }
Need
'after'
try { Need } catch { $_.FullyQualifiedErrorId; $_.Exception.GetType().Name }
