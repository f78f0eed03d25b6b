# Get-Help -Parameter renders the parameter as pwsh's help view does;
# comment-based help numbers positions from 1 (HelpCommentsParser).
function Get-Widget {
    <#
    .SYNOPSIS
        Gets widgets.
    .PARAMETER Name
        The widget name.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, ValueFromPipelineByPropertyName)]
        [Alias('N')]
        [string[]]$Name,
        [int]$Count = 2,
        [switch]$Force
    )
}
Get-Help Get-Widget -Parameter Name
Get-Help Get-Widget -Parameter C*, F*
Get-Help Get-Widget -Parameter Nope -ErrorAction SilentlyContinue
$Error[0].FullyQualifiedErrorId
$Error[0].Exception.Message
