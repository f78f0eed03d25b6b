try { Get-Variable nope -ErrorAction Stop } catch {
  $_.InvocationInfo.MyCommand.Name
  $_.InvocationInfo.ScriptLineNumber
  $_.FullyQualifiedErrorId
  $_.TargetObject
}
function Adv { [CmdletBinding()] param() $PSCmdlet.MyInvocation.MyCommand.Name; $PSCmdlet.MyInvocation.InvocationName }
Adv
