$o = [pscustomobject]@{ A = 1 }
$o.PSObject.TypeNames.Insert(0, 'My.Type')
$o.PSTypeNames[0]
$o -is [pscustomobject]
$o.PSObject.Properties.Add([psnoteproperty]::new('B', 2))
$o.B
$o.PSObject.Properties.Remove('A')
$o.PSObject.Properties.Name -join ','
try { $o.Nope = 1 } catch { $_.FullyQualifiedErrorId }
$h = @{ x = 1 }
$h.PSObject.Properties['Count'].Value
'abc'.PSObject.Properties['Length'].Value
