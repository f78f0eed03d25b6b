package builtin_test

import (
	"testing"
)

func TestSessionDrives(t *testing.T) {
	runCases(t, []scriptCase{
		{"test-path variable", `$x = 5; Test-Path variable:x; Test-Path variable:nope`, "True\nFalse\n"},
		{"get-item variable", `$x = 5; (Get-Item variable:x).Value`, "5\n"},
		{"function drive", `function Get-Thing {1}; (Get-ChildItem function:Get-T*).Name`, "Get-Thing\n"},
		{"remove variable item", `$x = 5; Remove-Item variable:x; Test-Path variable:x`, "False\n"},
		{"missing session item", `Get-Item variable:nope -ErrorAction SilentlyContinue; $Error[0].FullyQualifiedErrorId`, "PathNotFound,Microsoft.PowerShell.Commands.GetItemCommand\n"},
	})
}
