# The caller the NKP FAQ snippets assume: it sets the variables they read
# and dot-sources one of them, unchanged, into its own scope.
param(
    [Parameter(Mandatory)][string]$Script,
    [string]$KeyProviderName = 'NKP-Secondary',
    [string]$VMName = 'web01'
)

$keyprovidername = $KeyProviderName
$keyprovider = Get-KeyProvider -Name $KeyProviderName -ErrorAction SilentlyContinue
$vm = Get-VM -Name $VMName

. $Script
