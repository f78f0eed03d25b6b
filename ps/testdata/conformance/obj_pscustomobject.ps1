$o = [pscustomobject]@{ Name = 'web01'; Cpu = 2; Mem = $null }
$o.Name
$o.Cpu = 4
$o.Cpu
"$o"
$o.PSObject.Properties.Name -join ','
$o.PSObject.Properties['Cpu'].Value
$o.PSObject.Properties | ForEach-Object { "$($_.Name):$($_.TypeNameOfValue):$($_.MemberType)" }
$o.PSObject.TypeNames[0]
$o.pstypenames -join ','
$o.PSObject.Properties.Match('N*').Name
$copy = $o.PSObject.Copy()
$copy.Name = 'other'
$o.Name
$o | Get-Member -MemberType NoteProperty | ForEach-Object Name
