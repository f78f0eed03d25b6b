package builtin

import "github.com/keyhost/keyhost/ps/eval"

// dataCmdlets are PowerShell's cmdlets for data: ConvertTo-Json, ConvertFrom-Json, the CSV cmdlets, ConvertTo-Html, the Clixml cmdlets, Get-Date, Get-Random, New-Guid, Start-Sleep, ConvertTo-SecureString.
var dataCmdlets = []func() *eval.CommandInfo{convertToSecureString, convertToJSON, convertFromJSON, getDate, newTimeSpan, getRandom, newGUID, startSleep, convertToCSV, convertFromCSV, exportCSV, importCSV, convertToHTML, exportClixml, importClixml}
