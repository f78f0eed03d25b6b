<#
.SYNOPSIS
    Moves every encrypted object of a vCenter from one key provider to a new
    Native Key Provider: hosts, VMs, templates and vSAN clusters.
.DESCRIPTION
    Pre-flight checks (one vCenter, healthy vSAN, no resync), a new NKP
    backed up before use and made the default, then a shallow rekey of
    everything the old provider protects. Objects vSphere refuses to rekey
    are reported, not fatal. Run it with -WhatIf first.
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [string]$OldProvider = 'NKP-Primary',
    [string]$NewProvider = 'NKP-2027',
    [string]$BackupFolder = '/work/backups'
)

$ErrorActionPreference = 'Stop'

function Write-Step([string]$Text) { Write-Host "==> $Text" }

# --- Pre-flight -------------------------------------------------------------
if ($global:DefaultVIServers.Count -ne 1) {
    throw "Connect to exactly one vCenter first (connected: $($global:DefaultVIServers.Count))."
}
$vc = $global:DefaultVIServer
Write-Step "vCenter $($vc.Name) ($($vc.Version)), user $($vc.User)"

$old = Get-KeyProvider -Name $OldProvider
if (-not $old.IsActive) { throw "Key provider $OldProvider is not active." }

foreach ($cluster in Get-Cluster) {
    $cfg = Get-VsanClusterConfiguration -Cluster $cluster
    if (-not $cfg.VsanEnabled) { continue }
    $health = Test-VsanClusterHealth -Cluster $cluster
    $resync = @(Get-VsanResyncingComponent -Cluster $cluster)
    Write-Host ("    vSAN {0,-6} health={1,-6} resyncing={2}" -f $cluster.Name, $health.OverallHealthStatus, $resync.Count)
    if ($health.OverallHealthStatus -ne 'green' -or $resync.Count -gt 0) {
        throw "vSAN cluster $cluster is not healthy; fix it before rekeying."
    }
}

Write-Host "This rekeys everything protected by $OldProvider to $NewProvider."
$answer = Read-Host "Type YES to continue"
if ($answer -cne 'YES') {
    Write-Warning "Aborted by the operator."
    exit 2
}

# --- The new provider -------------------------------------------------------
Write-Step "Creating $NewProvider"
$new = Get-KeyProvider -Name $NewProvider -ErrorAction SilentlyContinue
if (-not $new) {
    $new = New-KeyhostNativeKeyProvider -Name $NewProvider -WarningAction SilentlyContinue
}
$password = ConvertTo-SecureString 'Backup-Pa55!' -AsPlainText -Force
$backup = Export-KeyProvider -KeyProvider $new -FilePath "$BackupFolder/" -Password $password -Force
Write-Host "    backup $($backup.Name) written ($($backup.Length -gt 0))"
Set-KeyProvider -KeyProvider $new -DefaultForSystem -Confirm:$false | Out-Null
$new = Get-KeyProvider -Name $NewProvider
Write-Host "    $new active=$($new.IsActive) default=$($new.DefaultForSystem)"

$report = [System.Collections.Generic.List[object]]::new()
function Add-Result($Kind, $Name, $Result) {
    $report.Add([pscustomobject]@{ Kind = $Kind; Name = $Name; Result = $Result })
}

# --- Hosts -------------------------------------------------------------------
Write-Step "Host keys"
foreach ($vmhost in Get-VMHost) {
    $key = $vmhost.ExtensionData.Runtime.CryptoKeyId
    if ($vmhost.CryptoState -ne 'Safe' -or $key.ProviderId.Id -ne $OldProvider) {
        Add-Result 'VMHost' $vmhost.Name "skipped ($($vmhost.CryptoState))"
        continue
    }
    $updated = Set-VMHost -VMHost $vmhost -KeyProvider $new -Confirm:$false
    Add-Result 'VMHost' $vmhost.Name "rekeyed ($($updated.ExtensionData.Runtime.CryptoKeyId.ProviderId.Id))"
}

# --- Virtual machines ---------------------------------------------------------
Write-Step "Virtual machines"
foreach ($vm in Get-VM) {
    $keyId = $vm.ExtensionData.Config.KeyId
    if (-not $keyId -or $keyId.ProviderId.Id -ne $OldProvider) { continue }
    $encryptedDisks = @($vm.ExtensionData.Config.Hardware.Device |
        Where-Object { $_ -is [VMware.Vim.VirtualDisk] -and $_.Backing.KeyId })
    try {
        if ($encryptedDisks.Count -gt 0) {
            Set-VM -VM $vm -KeyProvider $new -Confirm:$false | Out-Null
        } else {
            Set-VM -VM $vm -KeyProvider $new -SkipHardDisks -Confirm:$false | Out-Null
        }
        Add-Result 'VM' $vm.Name "rekeyed ($($encryptedDisks.Count) disks)"
    } catch {
        $msg = $_.Exception.Message -replace '^.*?\t\t', ''
        Add-Result 'VM' $vm.Name "FAILED: $msg"
    }
}

# --- Templates: convert, rekey, convert back -----------------------------------
Write-Step "Templates"
foreach ($template in Get-Template) {
    if ($template.ExtensionData.Config.KeyId.ProviderId.Id -ne $OldProvider) { continue }
    $vm = Set-Template -Template $template -ToVM
    Set-VM -VM $vm -KeyProvider $new -Confirm:$false | Out-Null
    $back = Set-VM -VM $vm -ToTemplate -Confirm:$false
    Add-Result 'Template' $back.Name "rekeyed ($($back.ExtensionData.Config.KeyId.ProviderId.Id))"
}

# --- vSAN ------------------------------------------------------------------------
Write-Step "vSAN clusters"
foreach ($cluster in Get-Cluster) {
    $cfg = Get-VsanClusterConfiguration -Cluster $cluster
    if (-not $cfg.EncryptionEnabled -or $cfg.KeyProvider.Name -ne $OldProvider) { continue }
    Start-VsanEncryptionConfiguration -Cluster $cluster -KeyProvider $new -Confirm:$false | Out-Null
    Start-VsanEncryptionConfiguration -Cluster $cluster -ShallowRekey -Confirm:$false | Out-Null
    $after = Get-VsanClusterConfiguration -Cluster $cluster
    $health = Test-VsanClusterHealth -Cluster $cluster
    Add-Result 'vSAN' $cluster.Name "rekeyed ($($after.KeyProvider), health $($health.OverallHealthStatus))"
}

# --- Report ------------------------------------------------------------------------
Write-Step "Summary"
$report | Format-Table -AutoSize
$failed = @($report | Where-Object { $_.Result -like 'FAILED*' })
$left = @(Get-VM) + @(Get-Template) | Where-Object { $_.ExtensionData.Config.KeyId.ProviderId.Id -eq $OldProvider }
Write-Host "$($failed.Count) failed; still on ${OldProvider}: $(($left | ForEach-Object Name) -join ', ')"
if ($failed.Count -gt 0) { exit 1 }
