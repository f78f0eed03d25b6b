<#
    Rekeys every encrypted VM of a cluster with a new key provider, logging
    what happens. Re-runnable: VMs already on the provider are skipped.
#>
[CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'High')]
param(
    [Parameter(Mandatory)][string]$Cluster,
    [Parameter(Mandatory)][string]$KeyProviderName,
    [ValidateRange(1, 64)][int]$ThrottleLimit = 4,
    [string]$LogPath = (Join-Path $PSScriptRoot 'rekey.log'),
    [switch]$Deep
)

$script:Failures = [System.Collections.Generic.List[string]]::new()

function Write-Log {
    param(
        [Parameter(Mandatory, Position = 0)][string]$Message,
        [ValidateSet('INFO', 'WARN', 'ERROR')][string]$Level = 'INFO'
    )
    $line = '{0:u} [{1,-5}] {2}' -f (Get-Date), $Level, $Message
    Add-Content -Path $LogPath -Value $line
    switch ($Level) {
        'ERROR' { Write-Error $Message -ErrorAction Continue }
        'WARN' { Write-Warning $Message }
        default { Write-Verbose $Message }
    }
}

trap [System.Management.Automation.PipelineStoppedException] {
    Write-Log 'Stopped by the user' -Level WARN
    break
}

try {
    $provider = Get-KeyProvider -Name $KeyProviderName -ErrorAction Stop
}
catch [VMware.VimAutomation.Sdk.Types.V1.ErrorHandling.VimException.ViError] {
    Write-Log "Key provider '$KeyProviderName' not found: $($_.Exception.Message)" -Level ERROR
    exit 2
}
catch {
    Write-Log "Unexpected: $_" -Level ERROR
    throw
}

$vms = Get-Cluster -Name $Cluster | Get-VM |
    Where-Object { $_.ExtensionData.Config.KeyId -and $_.ExtensionData.Config.KeyId.ProviderId.Id -ne $provider.Name }

$i = 0
:vmLoop foreach ($vm in $vms) {
    $i++
    Write-Progress -Activity 'Rekeying' -Status $vm.Name -PercentComplete ($i / [math]::Max(1, $vms.Count) * 100)
    if ($vm.PowerState -eq 'PoweredOff' -and -not $Deep) {
        Write-Log "$($vm.Name) is off; a shallow rekey still applies" -Level WARN
    }
    $attempt = 0
    do {
        $attempt++
        try {
            if ($PSCmdlet.ShouldProcess($vm.Name, "Rekey with $KeyProviderName")) {
                $params = @{
                    VM          = $vm
                    KeyProvider = $provider
                    Confirm     = $false
                    ErrorAction = 'Stop'
                }
                if (-not $Deep) { $params.SkipHardDisks = $true }
                Set-VM @params | Out-Null
                Write-Log "Rekeyed $($vm.Name) (attempt $attempt)"
            }
            continue vmLoop
        }
        catch [System.TimeoutException], [System.Net.WebException] {
            Write-Log "Transient failure on $($vm.Name): $($_.Exception.Message)" -Level WARN
            Start-Sleep -Seconds ([math]::Pow(2, $attempt))
        }
        catch {
            $script:Failures.Add($vm.Name)
            Write-Log "Failed on $($vm.Name): $_" -Level ERROR
            break
        }
        finally {
            $global:LASTREKEY = Get-Date
        }
    } while ($attempt -lt 3)
}

if ($script:Failures.Count -gt 0) {
    Write-Log ("{0} VM(s) failed: {1}" -f $script:Failures.Count, ($script:Failures -join ', ')) -Level ERROR
    exit 1
}
Write-Log 'Done' && Write-Host 'All VMs rekeyed' -ForegroundColor Green
