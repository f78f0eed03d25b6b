<#
.SYNOPSIS
    Gets widgets.
.DESCRIPTION
    The long description.
.PARAMETER Name
    The widget name.
#>
function Get-Widget {
    param([string]$Name)
}
function Set-Widget {
    <#
    .SYNOPSIS
        Sets a widget.
    #>
    param([string]$Value)
}
$h = Get-Help Get-Widget
$h.Synopsis
$h.Description[0].Text
$h.Parameters.Parameter[0].Name
$h.Parameters.Parameter[0].Description[0].Text
(Get-Help Set-Widget).Synopsis
(Get-Help Write-Output).Synopsis
(Get-Help ./lib/help.inc.ps1).Synopsis
