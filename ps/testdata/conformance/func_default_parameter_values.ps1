# $PSDefaultParameterValues (about_Parameters_Default_Values) gives
# cmdlets and advanced functions defaults for unbound parameters.
function Get-Widget {
    [CmdletBinding()]
    param([string]$Size = 'Small', [string]$Color = 'Red')
    "size=$Size color=$Color bound=$(@($PSBoundParameters.Keys | Sort-Object) -join ',')"
}
function Get-Plain {
    param([string]$Size = 'Small')
    "plain=$Size"
}
$PSDefaultParameterValues['Get-Widget:Size'] = 'Large'
Get-Widget
Get-Widget -Size Tiny
Get-Plain
$PSDefaultParameterValues['Get-*:Color'] = 'Blue'
$PSDefaultParameterValues['Get-Widget:Color'] = 'Green'
Get-Widget
$PSDefaultParameterValues['Disabled'] = $true
Get-Widget
$PSDefaultParameterValues.Remove('Disabled')
$PSDefaultParameterValues['Get-Widget:Size'] = { 'Com' + 'puted' }
Get-Widget
$PSDefaultParameterValues = @{ '*:Verbose' = $true }
function Test-Verbose { [CmdletBinding()] param() Write-Verbose 'verbose by default' }
Test-Verbose
# Write-Verbose is a cmdlet too: the entry turns its -Verbose on anywhere.
Write-Verbose 'direct'
'done'
