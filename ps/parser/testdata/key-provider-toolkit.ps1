<#
.SYNOPSIS
    Helpers for vSphere key providers: listing, backup checks, rekey plans.
.DESCRIPTION
    Dot-source this file (. ./key-provider-toolkit.ps1) to get the functions.
    It is deliberately broad in the PowerShell it uses, as admin toolkits are.
#>

Set-StrictMode -Version 3.0

$script:ToolkitVersion = [version]'1.4.2'
$script:DefaultTimeout = New-TimeSpan -Minutes 5
$script:ProviderCache = @{}


function Get-KeyProviderSummary {
    <#
    .SYNOPSIS
        One object per key provider with its type and default flag.
    #>
    [CmdletBinding(DefaultParameterSetName = 'All')]
    [OutputType('KeyProviderSummary')]
    param(
        [Parameter(ParameterSetName = 'ByName', Mandatory, ValueFromPipelineByPropertyName)]
        [Alias('ProviderName', 'KP')]
        [SupportsWildcards()]
        [string[]]$Name,

        [Parameter(ParameterSetName = 'All')]
        [switch]$All,

        [System.TimeSpan]$Timeout = $script:DefaultTimeout
    )
    begin {
        $seen = [System.Collections.Generic.HashSet[string]]::new([System.StringComparer]::OrdinalIgnoreCase)
        Write-Debug "Parameter set: $($PSCmdlet.ParameterSetName)"
    }
    process {
        $providers = if ($PSCmdlet.ParameterSetName -eq 'ByName') {
            foreach ($n in $Name) { Get-KeyProvider -Name $n -ErrorAction SilentlyContinue }
        } else {
            Get-KeyProvider
        }
        foreach ($kp in $providers) {
            if (-not $seen.Add($kp.Name)) { continue }
            $type = switch ($kp.GetType().Name) {
                'NativeKeyProviderImpl' { 'Native' }
                'KmsClusterImpl' { 'Standard' }
                default { 'Trusted' }
            }
            $summary = [pscustomobject]@{
                PSTypeName = 'KeyProviderSummary'
                Name       = $kp.Name
                Type       = $type
                IsDefault  = [bool]$kp.DefaultForSystem
                Checked    = [datetime]::Now
            }
            $script:ProviderCache[$kp.Name] = $summary
            $summary
        }
    }
    end {
        Write-Verbose ('{0} provider(s) listed' -f $seen.Count)
    }
}

function Test-KeyProviderBackup {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, ValueFromPipeline)][ValidateNotNull()]$KeyProvider
    )
    process {
        $backedUp = $KeyProvider.ExtensionData.BackupStatus -eq 'BackedUp'
        if (!$backedUp) {
            Write-Warning -Message "Key provider $($KeyProvider.Name) has not been backed up!"
        }
        [pscustomobject]@{ Name = $KeyProvider.Name; BackedUp = $backedUp }
    }
}

function New-RekeyPlan {
    [CmdletBinding(SupportsShouldProcess)]
    param(
        [Parameter(Mandatory)][string]$From,
        [Parameter(Mandatory)][string]$To,
        [ValidateSet('Shallow', 'Deep')][string]$Mode = 'Shallow',
        [int]$BatchSize = 10
    )
    $vms = @(Get-VM | Where-Object {
            $keyId = $_.ExtensionData.Config.KeyId
            $keyId -and $keyId.ProviderId.Id -eq $From
        })
    if ($vms.Count -eq 0) {
        Write-Host "Nothing to do: no VM uses $From." -ForegroundColor Yellow
        return
    }
    $batches = [System.Collections.Generic.List[object]]::new()
    for ($i = 0; $i -lt $vms.Count; $i += $BatchSize) {
        $end = [math]::Min($i + $BatchSize, $vms.Count) - 1
        $batches.Add($vms[$i..$end])
    }
    $n = 0
    foreach ($batch in $batches) {
        $n++
        [pscustomobject]@{
            Batch   = $n
            VMs     = ($batch | ForEach-Object Name) -join ';'
            Command = "Set-VM -VM `$vms -KeyProvider '$To'" + ($Mode -eq 'Shallow' ? ' -SkipHardDisks' : '')
        }
    }
}

function Invoke-RekeyPlan {
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'High')]
    param(
        [Parameter(Mandatory, ValueFromPipeline)]$Plan,
        [Parameter(Mandatory)][string]$To
    )
    begin {
        $provider = Get-KeyProvider -Name $To -ErrorAction Stop
        $stopwatch = [System.Diagnostics.Stopwatch]::StartNew()
    }
    process {
        foreach ($name in $Plan.VMs -split ';') {
            if (-not $name) { continue }
            $vm = Get-VM -Name $name
            if ($PSCmdlet.ShouldProcess($name, 'Rekey')) {
                try {
                    $task = Set-VM -VM $vm -KeyProvider $provider -SkipHardDisks -Confirm:$false -RunAsync -ErrorAction Stop
                    Wait-Task -Task $task -ErrorAction Stop | Out-Null
                }
                catch {
                    Write-Error -Message "Rekey of $name failed: $($_.Exception.Message)" -ErrorAction Continue
                }
            }
        }
    }
    end {
        $stopwatch.Stop()
        "Elapsed: {0:hh\:mm\:ss}" -f $stopwatch.Elapsed
    }
}

function ConvertTo-KeyReport {
    param([Parameter(ValueFromPipeline)][object[]]$InputObject)
    begin { $all = @() }
    process { $all += $InputObject }
    end {
        $html = $all | ConvertTo-Html -Fragment -Property Name, Type, IsDefault
        @"
<html>
<body>
<h1>Key providers ($($all.Count))</h1>
$html
<p>Generated by toolkit $script:ToolkitVersion on $env:COMPUTERNAME</p>
</body>
</html>
"@
    }
}

# Quick checks when the file is run rather than dot-sourced.
if ($MyInvocation.InvocationName -ne '.') {
    $summaries = Get-KeyProviderSummary -All
    $summaries | Format-Table -AutoSize
    $default = $summaries | Where-Object IsDefault | Select-Object -First 1
    if ($null -eq $default) {
        Write-Warning 'No default key provider is set.'
    } elseif ($default.Type -ne 'Native') {
        Write-Host "Default provider: $($default.Name) ($($default.Type))"
    } else {
        Write-Host "Default provider: $($default.Name) (native)" -ForegroundColor Cyan
    }
    Get-KeyProvider | Test-KeyProviderBackup | Where-Object { -not $_.BackedUp } | ForEach-Object {
        Write-Host ("  {0,-30} NOT BACKED UP" -f $_.Name) -ForegroundColor Red
    }
    $counts = @{}
    Get-VM | ForEach-Object {
        $id = $_.ExtensionData.Config.KeyId?.ProviderId?.Id ?? '(none)'
        $counts[$id] = 1 + ($counts[$id] ?? 0)
    }
    $counts.GetEnumerator() | Sort-Object Value -Descending | ForEach-Object {
        '{0,-30} {1,5}' -f $_.Key, $_.Value
    }
    $report = $summaries | ConvertTo-KeyReport
    $report | Set-Content -Path (Join-Path ([System.IO.Path]::GetTempPath()) 'keyproviders.html') -Encoding utf8
    $label = $summaries.Count -eq 1 ? 'provider' : 'providers'
    Write-Host "$($summaries.Count) $label checked with toolkit v$($script:ToolkitVersion.ToString())."
}
