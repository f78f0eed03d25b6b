<#
.SYNOPSIS
    Audit: which object uses which key provider, across VMs, templates,
    disks, hosts and vSAN clusters, with the providers' state.
#>
param([string]$CsvPath = '/work/encryption-audit.csv')

$rows = foreach ($vm in @(Get-VM) + @(Get-Template)) {
    $view = $vm.ExtensionData
    $kind = if ($view.Config.Template) { 'Template' } else { 'VM' }
    $homeKey = $view.Config.KeyId
    [pscustomobject]@{
        Kind     = $kind
        Name     = $vm.Name
        Object   = 'home'
        Provider = if ($homeKey) { $homeKey.ProviderId.Id } else { '(none)' }
        State    = if ($homeKey) { $view.Runtime.CryptoState } else { '' }
    }
    foreach ($disk in $view.Config.Hardware.Device | Where-Object { $_ -is [VMware.Vim.VirtualDisk] }) {
        [pscustomobject]@{
            Kind     = "$kind disk"
            Name     = $vm.Name
            Object   = $disk.DeviceInfo.Label
            Provider = if ($disk.Backing.KeyId) { $disk.Backing.KeyId.ProviderId.Id } else { '(none)' }
            State    = ''
        }
    }
}
$rows += foreach ($vmhost in Get-VMHost) {
    $key = $vmhost.ExtensionData.Runtime.CryptoKeyId
    [pscustomobject]@{
        Kind = 'VMHost'; Name = $vmhost.Name; Object = 'host key'
        Provider = if ($key) { $key.ProviderId.Id } else { '(none)' }
        State = "$($vmhost.CryptoState)"
    }
}
$rows += foreach ($cfg in Get-Cluster | Get-VsanClusterConfiguration) {
    if (-not $cfg.VsanEnabled) { continue }
    [pscustomobject]@{
        Kind = 'vSAN'; Name = $cfg.Cluster.Name; Object = 'datastore'
        Provider = if ($cfg.EncryptionEnabled) { $cfg.KeyProvider.Name } else { '(none)' }
        State = if ($cfg.EncryptionChanging) { 'changing' } else { '' }
    }
}

"Encrypted objects by key provider"
$rows | Group-Object Provider | Sort-Object Name |
    Select-Object @{ n = 'Provider'; e = { $_.Name } }, Count |
    Format-Table -AutoSize

"Key providers"
Get-KeyProvider | Select-Object Name, Type, DefaultForSystem, IsActive, @{ n = 'Objects'; e = { $p = $_.Name; @($rows | Where-Object Provider -eq $p).Count } } |
    Format-Table -AutoSize

"Objects of providers that cannot serve keys"
$inactive = (Get-KeyProvider | Where-Object { -not $_.IsActive }).Name
$rows | Where-Object { $_.Provider -in $inactive } | Format-Table -AutoSize

"Locked VMs: $(@($rows | Where-Object State -eq 'locked').Count)"
"Hosts without a host key: $((Get-VMHost | Where-Object { -not $_.ExtensionData.Runtime.CryptoKeyId } | ForEach-Object Name) -join ', ')"

$rows | Export-Csv -Path $CsvPath -NoTypeInformation
"Wrote $(@($rows).Count) rows to $CsvPath"
Get-Content $CsvPath | Select-Object -First 3
