// Package builtin holds PowerShell's own cmdlets (the parts of
// Microsoft.PowerShell.Utility and Microsoft.PowerShell.Core that admin
// scripts use) written against the evaluator's command interface, and the
// standard aliases. The evaluator itself knows none of them by name.
package builtin

import (
	"github.com/keyhost/keyhost/ps/eval"
)

// Module names as PowerShell reports them in (Get-Command X).Source.
const (
	utilityModule = "Microsoft.PowerShell.Utility"
	coreModule    = "Microsoft.PowerShell.Core"
)

// Register adds PowerShell's standard cmdlets and aliases to a table.
// Each group of cmdlets lives in its own file with its own list.
func Register(t *eval.CommandTable) {
	for _, group := range [][]func() *eval.CommandInfo{
		outputCmdlets,
		pipelineCmdlets,
		objectCmdlets,
		formatCmdlets,
		dataCmdlets,
		fileCmdlets,
		languageCmdlets,
		hostCmdlets,
	} {
		for _, newCmdlet := range group {
			t.Register(newCmdlet())
		}
	}
	for _, m := range []map[string]string{aliases, languageAliases, hostAliases} {
		for alias, target := range m {
			t.Alias(alias, target)
		}
	}
}

// aliases are the aliases of PowerShell's cmdlets. They include the ones
// pwsh 7 defines only on Windows (cat, cp, ls, rm, rmdir, sleep, sort,
// tee, diff, write, ...): on Linux pwsh leaves those names to the native
// tools, but keyhost has no native commands to hide and admins' scripts,
// written on Windows, use them; the issue lists cat, ls, dir and cd
// among the usual aliases. sc is Windows PowerShell 5.1's alias for
// Set-Content (pwsh 6 dropped it), kept for old scripts. mkdir (and its
// alias md) is a function in pwsh; keyhost implements it as a command.
var aliases = map[string]string{
	"echo":    "Write-Output",
	"write":   "Write-Output",
	"%":       "ForEach-Object",
	"foreach": "ForEach-Object",
	"?":       "Where-Object",
	"where":   "Where-Object",
	"select":  "Select-Object",
	"sort":    "Sort-Object",
	"group":   "Group-Object",
	"measure": "Measure-Object",
	"compare": "Compare-Object",
	"diff":    "Compare-Object",
	"tee":     "Tee-Object",
	"sls":     "Select-String",
	"ft":      "Format-Table",
	"fl":      "Format-List",
	"fw":      "Format-Wide",
	"gm":      "Get-Member",
	"oh":      "Out-Host",
	"cat":     "Get-Content",
	"gc":      "Get-Content",
	"type":    "Get-Content",
	"sc":      "Set-Content",
	"ac":      "Add-Content",
	"ls":      "Get-ChildItem",
	"dir":     "Get-ChildItem",
	"gci":     "Get-ChildItem",
	"cd":      "Set-Location",
	"sl":      "Set-Location",
	"chdir":   "Set-Location",
	"pwd":     "Get-Location",
	"gl":      "Get-Location",
	"pushd":   "Push-Location",
	"popd":    "Pop-Location",
	"rvpa":    "Resolve-Path",
	"ni":      "New-Item",
	"gi":      "Get-Item",
	"md":      "mkdir",
	"rm":      "Remove-Item",
	"del":     "Remove-Item",
	"ri":      "Remove-Item",
	"erase":   "Remove-Item",
	"rd":      "Remove-Item",
	"rmdir":   "Remove-Item",
	"sleep":   "Start-Sleep",
	"epcsv":   "Export-Csv",
	"ipcsv":   "Import-Csv",
}

// pipelineInput is the usual -InputObject parameter: positional 0 when
// asked, taking pipeline input by value.
func inputObject(position int) *eval.Parameter {
	return &eval.Parameter{Name: "InputObject", Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Position: position, ValueFromPipeline: true}}}
}
