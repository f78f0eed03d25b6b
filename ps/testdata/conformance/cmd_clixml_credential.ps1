# The credential pattern: Export-Clixml a PSCredential, Import-Clixml it
# back and use it. Import-Clixml rehydrates a PSCredential. pwsh on
# Linux has no DPAPI: the password is stored as the hex of its UTF-16LE
# bytes (not encrypted), so the file's text is known.
$pw = ConvertTo-SecureString 'S3cret!' -AsPlainText -Force
$cred = New-Object System.Management.Automation.PSCredential('CORP\svc', $pw)
$cred | Export-Clixml -Path ./cred.xml
Get-Content ./cred.xml -Raw
$c2 = Import-Clixml -Path ./cred.xml
$c2 -is [pscredential]
$c2.UserName
$c2.Password.GetType().FullName
$c2.GetNetworkCredential().Password
$c2.GetNetworkCredential().Domain
