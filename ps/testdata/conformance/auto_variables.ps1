$PSVersionTable.PSVersion.Major
$PSVersionTable.PSEdition
$IsLinux
$PSScriptRoot
$PSCommandPath
$MyInvocation.MyCommand.Name
$HOME
"$PWD"
$ShellId
$args.Count
$ExecutionContext.InvokeCommand.ExpandString('$HOME/x')
function Who { $MyInvocation.MyCommand.Name; $MyInvocation.InvocationName }
Who
$env:KEYHOST_TEST
"[$env:NOT_SET_AT_ALL]"
