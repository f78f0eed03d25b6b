<#
.SYNOPSIS
    Disaster-recovery prep across two vCenters: the production NKP is
    backed up, imported at the DR site (dry run first), and the DR site's
    VMs are rekeyed to it with asynchronous tasks.
#>
$ErrorActionPreference = 'Stop'
$prod = $global:DefaultVIServer
$dr = Connect-VIServer -Server vcsa02.lab.local -Credential ([pscredential]::new('administrator@vsphere.local', (ConvertTo-SecureString 'VMware1!' -AsPlainText -Force)))
"Connected: $(($global:DefaultVIServers | ForEach-Object Name) -join ', ')"

$secret = ConvertTo-SecureString 'Transfer-0nly!' -AsPlainText -Force
$file = Get-KeyProvider -Name NKP-Primary -Server $prod | Export-KeyProvider -FilePath /work/transfer/ -Password $secret -Force
"Exported $($file.Name)"

$check = Import-KeyProvider -Server $dr -FilePath $file.FullName -Password $secret -DryRun
"Dry run: $($check.Name) registered=$($check.IsRegistered)"
$kp = Import-KeyProvider -Server $dr -FilePath $file.FullName -Password $secret
Get-KeyProvider -Server $dr | Format-Table Name, Type, DefaultForSystem, IsActive

$tasks = foreach ($vm in Get-VM -Server $dr) {
    if ($vm.ExtensionData.Config.KeyId) {
        Set-VM -VM $vm -KeyProvider $kp -Confirm:$false -RunAsync
    }
}
"Started $(@($tasks).Count) task(s): $(($tasks | ForEach-Object { "$($_.Name)=$($_.State)" }) -join ', ')"
foreach ($vm in $tasks | Wait-Task) {
    "$vm now uses $($vm.ExtensionData.Config.KeyId.ProviderId.Id)"
}
Get-Task -Server $dr | Format-Table Name, State, PercentComplete, ObjectId

# The wrong key file is refused, and the error says why.
try {
    Import-KeyProvider -Server $dr -FilePath $file.FullName -Password (ConvertTo-SecureString 'wrong' -AsPlainText -Force) -ErrorAction Stop
} catch {
    "Refused: $($_.FullyQualifiedErrorId)"
}
Disconnect-VIServer -Server $dr -Confirm:$false
"Still connected: $global:DefaultVIServer ($($global:DefaultVIServers.Count))"
