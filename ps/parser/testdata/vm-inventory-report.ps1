#requires -Version 7.0
#requires -Modules VMware.VimAutomation.Core
<#
.SYNOPSIS
    Writes an inventory of VMs, their encryption state and disks to CSV.
.PARAMETER Server
    The vCenter to connect to.
.EXAMPLE
    ./vm-inventory-report.ps1 -Server vc01.lab.local -OutFile ./inventory.csv
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory, Position = 0)]
    [ValidateNotNullOrEmpty()]
    [string]$Server,

    [Parameter()]
    [ValidateScript({ Test-Path (Split-Path -Parent $_) })]
    [string]$OutFile = "./inventory-$(Get-Date -Format 'yyyyMMdd').csv",

    [ValidateSet('All', 'Encrypted', 'Plain')]
    [string]$Filter = 'All',

    [int]$MinDiskGB = 0,

    [switch]$PassThru
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

function Get-DiskSummary {
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory, ValueFromPipeline)]
        $VM
    )
    process {
        $disks = @(Get-HardDisk -VM $VM)
        $total = ($disks | Measure-Object -Property CapacityGB -Sum).Sum
        [pscustomobject]@{
            Disks      = $disks.Count
            CapacityGB = [math]::Round($total, 2)
            Encrypted  = @($disks | Where-Object { $_.ExtensionData.Backing.KeyId }).Count
        }
    }
}

$connectParams = @{
    Server      = $Server
    ErrorAction = 'Stop'
}
if ($env:VI_USER) {
    $connectParams['User'] = $env:VI_USER
    $connectParams.Password = $env:VI_PASSWORD
}
$null = Connect-VIServer @connectParams

$vms = Get-VM | Sort-Object -Property Name
Write-Verbose "Found $($vms.Count) VMs on $Server"

$rows = foreach ($vm in $vms) {
    $view = Get-View $vm
    $isEncrypted = [bool]$view.Config.KeyId
    switch ($Filter) {
        'Encrypted' { if (-not $isEncrypted) { continue } }
        'Plain' { if ($isEncrypted) { continue } }
    }
    $summary = $vm | Get-DiskSummary
    if ($summary.CapacityGB -lt $MinDiskGB) {
        continue
    }
    [pscustomobject]@{
        Name        = $vm.Name
        PowerState  = "$($vm.PowerState)"
        Encrypted   = $isEncrypted
        KeyProvider = if ($isEncrypted) { $view.Config.KeyId.ProviderId.Id } else { '' }
        Disks       = $summary.Disks
        CapacityGB  = $summary.CapacityGB
        Host        = $vm.VMHost.Name
    }
}

$rows |
    Select-Object Name, PowerState, Encrypted, KeyProvider,
        @{ Name = 'Capacity'; Expression = { '{0:N1} GB' -f $_.CapacityGB } },
        @{ N = 'Host'; E = { $_.Host.ToUpper() } } |
    Export-Csv -Path $OutFile -NoTypeInformation -Encoding utf8

$report = @"
Inventory of $Server
Generated: $(Get-Date -Format o)
VMs: $($rows.Count), encrypted: $(@($rows | Where-Object Encrypted).Count)
Filter: '$Filter' (min $MinDiskGB GB)
"@
Write-Host $report

if ($PassThru) {
    $rows
}
Disconnect-VIServer -Server $Server -Confirm:$false
