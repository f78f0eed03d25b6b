package builtin

import "github.com/keyhost/keyhost/ps/eval"

// fileCmdlets are PowerShell's cmdlets for files and locations: Get-Content, Set-Content, Add-Content, Test-Path, Join-Path, Split-Path, Resolve-Path, New-Item, Remove-Item, Get-ChildItem, Get-Location, Set-Location.
var fileCmdlets = []func() *eval.CommandInfo{}
