# [ipaddress] and [uri] parse addresses and URLs.
$ip = [ipaddress]'10.0.0.1'
"$ip $($ip.AddressFamily) $($ip.Address)"
$ip -is [System.Net.IPAddress]
$parsed = $null
[ipaddress]::TryParse('300.1.1.1', [ref]$parsed)
[ipaddress]::TryParse('fe80::1', [ref]$parsed)
"$parsed $($parsed.AddressFamily)"
try { [ipaddress]'not-an-ip' } catch { $_.Exception.Message }
('192.168.1.10' -as [ipaddress]).GetAddressBytes() -join '.'
$null -eq ('x.y' -as [ipaddress])
$u = [uri]'https://VC01.lab.local/sdk/vimService?x=1'
$u.Scheme
$u.Host
$u.Port
$u.AbsolutePath
$u.Query
$u.Segments -join '|'
"$u"
([uri]'http://esx01:8080/').Port
([uri]'relative/path').IsAbsoluteUri
