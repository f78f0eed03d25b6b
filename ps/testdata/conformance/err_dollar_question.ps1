Write-Output 'x' | Out-Null
$?
Write-Error 'bad' -ErrorAction SilentlyContinue
$?
1 + 1 | Out-Null
$?
function Fails { [CmdletBinding()] param() $PSCmdlet.WriteError([System.Management.Automation.ErrorRecord]::new([Exception]::new('e'), 'E', 'NotSpecified', $null)) }
Fails -ErrorAction SilentlyContinue
$?
