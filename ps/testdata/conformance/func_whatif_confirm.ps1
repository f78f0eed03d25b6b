function Remove-Thing {
  [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Low')]
  param([string]$Name)
  if ($PSCmdlet.ShouldProcess($Name, 'Remove thing')) { "removed $Name" }
}
Remove-Thing a
Remove-Thing b -WhatIf
$WhatIfPreference = $true
Remove-Thing c
$WhatIfPreference = $false
Remove-Thing d -Confirm:$false
function Danger { [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'High')] param() if ($PSCmdlet.ShouldProcess('target')) { 'did it' } }
Danger -Confirm:$false
Danger
'after'
