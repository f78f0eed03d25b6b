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
	} {
		for _, newCmdlet := range group {
			t.Register(newCmdlet())
		}
	}
	for _, m := range []map[string]string{aliases, languageAliases} {
		for alias, target := range m {
			t.Alias(alias, target)
		}
	}
}

// aliases are the aliases pwsh 7 defines on every platform.
var aliases = map[string]string{
	"echo":    "Write-Output",
	"write":   "Write-Output",
	"%":       "ForEach-Object",
	"foreach": "ForEach-Object",
	"?":       "Where-Object",
	"where":   "Where-Object",
}

// pipelineInput is the usual -InputObject parameter: positional 0 when
// asked, taking pipeline input by value.
func inputObject(position int) *eval.Parameter {
	return &eval.Parameter{Name: "InputObject", Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Position: position, ValueFromPipeline: true}}}
}
