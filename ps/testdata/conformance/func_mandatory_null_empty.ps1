function M { param([Parameter(Mandatory)][string]$S) "[$S]" }
try { M -S '' } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }
try { M -S $null } catch { $_.Exception.Message }
function M2 { param([Parameter(Mandatory)][AllowEmptyString()][string]$S) "[$S]" }
M2 -S ''
function M3 { param([Parameter(Mandatory)][AllowNull()]$O) "null ok: $($null -eq $O)" }
M3 -O $null
function M4 { param([Parameter(Mandatory)][string[]]$L) $L.Count }
try { M4 -L @() } catch { $_.Exception.Message }
