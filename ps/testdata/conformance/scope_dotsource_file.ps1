. ./lib/tools.inc.ps1
$toolsLoaded
Get-ToolName
Remove-Variable toolsLoaded
& ./lib/tools.inc.ps1
"[$toolsLoaded]"
function outerFn { function innerFn { 'inner' }; innerFn }
outerFn
try { innerFn } catch { 'innerFn not visible' }
function global:GlobalFn { 'global fn' }
GlobalFn
