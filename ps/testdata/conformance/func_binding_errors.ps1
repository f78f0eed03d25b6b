function Strict { [CmdletBinding()] param([int]$Count, [string]$Cluster, [string]$Class) }
try { Strict -Nope 1 } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }
try { Strict -C 1 } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }
try { Strict -Count abc } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }
try { Strict 1 2 3 4 } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }
try { Strict -Count } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }
try { Strict -Count 1 -Count 2 } catch { $_.FullyQualifiedErrorId }
function Simple { param($a) "a=$a rest=$($args -join '|')" }
Simple 1 2 -x 3
