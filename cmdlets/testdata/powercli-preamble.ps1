<#
.SYNOPSIS
    The preamble most PowerCLI scripts start with: PowerCLI settings,
    a connection, a check that exactly one vCenter is the default, then
    a short report of the encrypted VMs.
#>
param([string]$VCenter = 'vcsa01.lab.local')

Set-PowerCLIConfiguration -InvalidCertificateAction Ignore -Confirm:$false | Out-Null
Set-PowerCLIConfiguration -Scope User -ParticipateInCEIP $false -Confirm:$false | Out-Null
Set-PowerCLIConfiguration -DefaultVIServerMode Single -Scope Session -Confirm:$false | Out-Null

$null = Connect-VIServer vcsa02.lab.local
$vc = Connect-VIServer -Server $VCenter -User administrator@vsphere.local -Password 'VMware1!'
if ($global:DefaultVIServers.Count -ne 1) {
    throw "Connect to exactly one vCenter (connected: $($global:DefaultVIServers -join ', '))"
}
Write-Host "Connected to $($global:DefaultVIServer.Name) as $($vc.User)"

Get-PowerCLIConfiguration

Get-VM | Where-Object { $_.ExtensionData.Config.KeyId } |
    Sort-Object Name |
    Select-Object Name, @{ N = 'KeyProvider'; E = { $_.ExtensionData.Config.KeyId.ProviderId.Id } } |
    Format-Table -AutoSize

Disconnect-VIServer -Server * -Confirm:$false
