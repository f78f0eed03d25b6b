# The caller the NKP FAQ snippets assume, on the Keyhost.PowerCLI shim: it
# imports the module (which defines PowerCLI's cmdlets as functions that
# call a keyhost server), sets the variables the snippets read and
# dot-sources one of them, unchanged, into its own scope.
param(
    [Parameter(Mandatory)][string]$Shim,
    [Parameter(Mandatory)][string]$Script,
    [string]$KeyProviderName = 'NKP-Secondary',
    [string]$VMName = 'web01'
)

Import-Module $Shim

$keyprovidername = $KeyProviderName
$keyprovider = Get-KeyProvider -Name $KeyProviderName -ErrorAction SilentlyContinue
$vm = Get-VM -Name $VMName

. $Script
