<#
.SYNOPSIS
    Rekeys the encrypted VMs whose keys come from one key provider with
    keys from another.
.EXAMPLE
    Invoke-VMRekey -From NKP-Primary -To NKP-Secondary -Name web*
#>

function Get-EncryptedVM {
    param([string[]]$Name = '*')
    Get-VM -Name $Name | Where-Object { $_.ExtensionData.Config.KeyId }
}

function Invoke-VMRekey {
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'High')]
    param(
        [Parameter(Mandatory)]
        [string]$From,

        [Parameter(Mandatory)]
        [string]$To,

        [string[]]$Name = '*',

        [switch]$Deep
    )

    $target = Get-KeyProvider -Name $To -ErrorAction Stop
    foreach ($vm in Get-EncryptedVM -Name $Name) {
        $provider = $vm.ExtensionData.Config.KeyId.ProviderId.Id
        if ($provider -ne $From) {
            Write-Verbose "Skipping $($vm.Name): its key comes from $provider"
            continue
        }
        if ($PSCmdlet.ShouldProcess($vm.Name, "Rekey with $To")) {
            if ($Deep) {
                $null = Set-VM -VM $vm -KeyProvider $target -Confirm:$false -ErrorAction Stop
            }
            else {
                $null = Set-VM -VM $vm -KeyProvider $target -SkipHardDisks -Confirm:$false -ErrorAction Stop
            }
            [pscustomobject]@{ VM = $vm.Name; From = $provider; To = $To; Deep = [bool]$Deep }
        }
    }
}
