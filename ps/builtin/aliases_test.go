package builtin_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/keyhost/keyhost/ps/builtin"
	"github.com/keyhost/keyhost/ps/eval"
)

func TestAliases(t *testing.T) {
	table := eval.NewCommandTable()
	builtin.Register(table)
	for alias, want := range map[string]string{
		"select": "Select-Object", "sort": "Sort-Object", "group": "Group-Object", "measure": "Measure-Object",
		"tee": "Tee-Object", "ft": "Format-Table", "fl": "Format-List", "fw": "Format-Wide", "gm": "Get-Member",
		"echo": "Write-Output", "cat": "Get-Content", "gc": "Get-Content", "type": "Get-Content", "sc": "Set-Content",
		"ac": "Add-Content", "ls": "Get-ChildItem", "dir": "Get-ChildItem", "gci": "Get-ChildItem", "cd": "Set-Location",
		"sl": "Set-Location", "chdir": "Set-Location", "pwd": "Get-Location", "gl": "Get-Location", "ni": "New-Item",
		"gi": "Get-Item", "rm": "Remove-Item", "del": "Remove-Item", "ri": "Remove-Item", "rmdir": "Remove-Item",
		"erase": "Remove-Item", "rd": "Remove-Item", "foreach": "ForEach-Object", "where": "Where-Object",
		"%": "ForEach-Object", "?": "Where-Object", "sleep": "Start-Sleep", "diff": "Compare-Object",
		"pushd": "Push-Location", "popd": "Pop-Location", "rvpa": "Resolve-Path", "epcsv": "Export-Csv",
		"ipcsv": "Import-Csv", "oh": "Out-Host", "md": "mkdir",
	} {
		t.Run(alias, func(t *testing.T) {
			got, ok := table.ResolveAlias(alias)
			assert.True(t, ok)
			assert.Equal(t, want, got)
			_, found := table.Lookup(got)
			assert.True(t, found, "alias target %s is registered", got)
		})
	}
	t.Run("mkdir is a command", func(t *testing.T) {
		_, found := table.Lookup("mkdir")
		assert.True(t, found)
	})
}
