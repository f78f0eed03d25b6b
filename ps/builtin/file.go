package builtin

import "github.com/keyhost/keyhost/ps/eval"

// fileCmdlets are PowerShell's cmdlets for files and locations (module
// Microsoft.PowerShell.Management): Get-Content, Set-Content,
// Add-Content, Test-Path, Join-Path, Split-Path, Resolve-Path, New-Item,
// Remove-Item, Get-ChildItem, Get-Location, Set-Location, Push-Location,
// Pop-Location, and the mkdir function. They reach files only through
// the run's file system (eval.Call.FS), so tests can use eval.MemFS.
var fileCmdlets = []func() *eval.CommandInfo{
	getContent, setContentCmd, addContentCmd, testPath, joinPath, splitPath, resolvePath,
	newItem, removeItem, getChildItem, getItem, getLocation, setLocation, pushLocation, popLocation, mkdir,
}
