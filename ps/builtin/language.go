package builtin

import "github.com/keyhost/keyhost/ps/eval"

// languageCmdlets are the cmdlets that reach into the language runtime:
// Set-StrictMode, the variable cmdlets, Invoke-Expression, Get-Command,
// Get-Help, the module cmdlets, Read-Host and Write-Progress.
var languageCmdlets = []func() *eval.CommandInfo{}

// languageAliases are the aliases of the language cmdlets.
var languageAliases = map[string]string{}
