# Dot-sourced by scope and module cases.
$toolsLoaded = $true
function Get-ToolName { 'tools' }
