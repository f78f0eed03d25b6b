$pw = ConvertTo-SecureString 'VMware1!' -AsPlainText -Force
$cred = [pscredential]::new('admin@vsphere.local', $pw)
$cred.UserName
$cred.GetNetworkCredential().Password
$cred2 = New-Object System.Management.Automation.PSCredential('root', $pw)
$cred2.UserName
$cred2 -is [pscredential]
"$($cred.Password)"
