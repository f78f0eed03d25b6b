# Export-Clixml writes PowerShell's CLIXML: a PSCustomObject is an <Obj>
# with its type names and its note properties in <MS>; Import-Clixml
# reads it back as a property bag whose type names start with
# "Deserialized.". Numbers, booleans and strings keep their types; an
# array comes back as an ArrayList, a hashtable as a hashtable.
$obj = [pscustomobject]@{ Name = 'srv01'; Port = 443; Enabled = $true; Ratio = 0.5 }
$obj | Export-Clixml -Path ./roundtrip_obj.xml
Get-Content ./roundtrip_obj.xml -Raw
$back = Import-Clixml ./roundtrip_obj.xml
$back.pstypenames -join ', '
$back.Name
$back.Port
$back.Port.GetType().FullName
$back.Enabled.GetType().FullName
$back.Ratio
'-- array and hashtable'
Export-Clixml -Path ./roundtrip_list.xml -InputObject @('x', 'y_x', "tab`there")
$list = Import-Clixml ./roundtrip_list.xml
$list.GetType().FullName
$list.Count
$list[1]
$list[2] -eq "tab`there"
Export-Clixml -LiteralPath ./roundtrip_hash.xml -InputObject @{ Server = 'db01'; When = [datetime]'2024-05-01T10:30:00Z' }
$h = Import-Clixml ./roundtrip_hash.xml
$h.GetType().FullName
$h.Server
$h.When.ToUniversalTime().ToString('yyyy-MM-dd HH:mm:ss')
'-- no clobber'
try { $obj | Export-Clixml ./roundtrip_obj.xml -NoClobber -ErrorAction Stop } catch { $_.Exception.GetType().FullName }
