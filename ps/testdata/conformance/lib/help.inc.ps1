<#
.SYNOPSIS
    Does the script thing.
.DESCRIPTION
    A script with help at the top.
#>
param([string]$Target)
"target=$Target"
