# A small module, to show mocking inside modules and InModuleScope.
function Get-PrivateVMName { 'internal' }

function Get-VMReport {
    param([string]$Name = '*')
    Get-VM -Name $Name | ForEach-Object { "$($_.Name): $(Get-PrivateVMName)" }
}

Export-ModuleMember -Function Get-VMReport
