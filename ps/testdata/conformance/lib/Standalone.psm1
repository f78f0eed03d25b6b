$moduleVar = 'module scope'
function Test-Isolation { "sees moduleVar=[$moduleVar] callerVar=[$callerVar] globalVar=[$global:globalVar]" }
function Invoke-Callback([scriptblock]$Block) { & $Block }
