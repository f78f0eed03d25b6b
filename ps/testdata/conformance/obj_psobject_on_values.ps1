(1).PSObject.TypeNames[0]
'abc'.PSTypeNames[0]
@(1).PSObject.BaseObject.Count
$h = @{ k = 1 }
$h.PSObject.Properties['Keys'].Value -join ','
$o = [pscustomobject]@{ X = 1 }
$o.PSObject.Properties['X'].Value = 42
$o.X
$o.PSObject.BaseObject -eq $o
