# Runs one of the NKP FAQ scripts unchanged, the way an admin pastes it into
# a session: the variables the snippets expect from their caller are set
# here, then the script is dot-sourced into this scope.
#
#   keyhost run --state demo.json faq-wrapper.ps1 -Script faq/01-shallow-rekey-one-vm.ps1 -VMName web01
param(
    [Parameter(Mandatory)][string]$Script,
    [string]$KeyProviderName = 'NKP-Secondary',
    [string]$VMName = 'web01'
)

# Scripts 01 and 03 read $keyprovidername and $vm; 02 reads $keyprovider;
# 04 reads $keyprovidername (and $date, which nobody sets).
$keyprovidername = $KeyProviderName
$keyprovider = Get-KeyProvider -Name $KeyProviderName -ErrorAction Stop
$vm = Get-VM -Name $VMName -ErrorAction Stop

Write-Host "== $Script (key provider $keyprovidername, VM $vm) ==" -ForegroundColor Cyan
. $Script
