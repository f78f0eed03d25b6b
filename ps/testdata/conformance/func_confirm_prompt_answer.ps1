function Remove-Box {
  [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'High')]
  param([string]$Name)
  if ($PSCmdlet.ShouldProcess($Name, 'Remove box')) { "removed $Name" } else { "kept $Name" }
}
Remove-Box one
Remove-Box two
