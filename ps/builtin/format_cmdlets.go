package builtin

import "github.com/keyhost/keyhost/ps/eval"

// formatCmdlets are PowerShell's cmdlets for formatting: Format-Table, Format-List, Format-Wide, Out-String, Out-Default, Out-File.
var formatCmdlets = []func() *eval.CommandInfo{}
