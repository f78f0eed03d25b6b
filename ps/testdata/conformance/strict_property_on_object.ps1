Set-StrictMode -Version Latest
$o = [pscustomobject]@{ Name = 'a' }
$o.Name
try { $o.Missing } catch { $_.FullyQualifiedErrorId }
$vms = @([pscustomobject]@{ N = 1 }, [pscustomobject]@{ N = 2 })
$vms.N -join ','
try { $vms.Nope } catch { 'no member on any element' }
