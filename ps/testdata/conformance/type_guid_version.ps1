$g = [guid]'D3B07384-D9A0-4C1B-9E3F-000000000001'
$g.ToString()
$g.ToString('N')
$g -eq 'd3b07384-d9a0-4c1b-9e3f-000000000001'
[guid]::Empty.ToString()
$n = [guid]::NewGuid()
$n -is [guid]
$n.ToString().Length
$n.ToString() -match '^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$'
try { [guid]'nope' } catch { $_.Exception.Message }
$v = [version]'1.2.3'
"$($v.Major) $($v.Minor) $($v.Build) $($v.Revision)"
[version]'1.2.3' -gt [version]'1.10'
[version]'2.0' -gt '1.99.1'
[version]'1.2' -eq [version]'1.2'
([version]'1.2.3.4').ToString(2)
"$([version]::new(7, 4, 6))"
try { [version]'1' } catch { $_.FullyQualifiedErrorId }
