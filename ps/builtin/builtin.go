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
func Register(t *eval.CommandTable) {
	for _, ci := range []*eval.CommandInfo{
		writeOutput(),
		writeHost(),
		outNull(),
		writeError(),
		writeWarning(),
		writeVerbose(),
		forEachObject(),
		whereObject(),
	} {
		t.Register(ci)
	}
	// Aliases that pwsh 7 defines on every platform.
	for alias, target := range map[string]string{
		"echo":    "Write-Output",
		"write":   "Write-Output",
		"%":       "ForEach-Object",
		"foreach": "ForEach-Object",
		"?":       "Where-Object",
		"where":   "Where-Object",
	} {
		t.Alias(alias, target)
	}
}

// pipelineInput is the usual -InputObject parameter: positional 0 when
// asked, taking pipeline input by value.
func inputObject(position int) *eval.Parameter {
	return &eval.Parameter{Name: "InputObject", Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Position: position, ValueFromPipeline: true}}}
}
