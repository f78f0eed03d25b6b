function Adv { [CmdletBinding()] param() $PSCmdlet.WriteError([System.Management.Automation.ErrorRecord]::new([System.Exception]::new('adv error'), 'AdvErr', 'InvalidData', $null)); 'not reached in adv' }
Adv -ErrorAction Stop
'after advanced'
try { Adv -ErrorAction Stop } catch { "caught: $_ [$($_.FullyQualifiedErrorId)]" }
function Simple { $ErrorActionPreference = 'Stop'; [int]'x'; 'not reached' }
try { Simple } catch { 'caught from simple' }
Simple
'never'
