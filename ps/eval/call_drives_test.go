package eval_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/keyhost/keyhost/ps/builtin"
	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
)

func TestSessionDrive(t *testing.T) {
	tests := []struct {
		path, drive, name string
		ok                bool
	}{
		{"variable:x", eval.VariableDrive, "x", true},
		{`Env:\PATH`, eval.EnvDrive, "PATH", true},
		{"function:/f*", eval.FunctionDrive, "f*", true},
		{"alias:", eval.AliasDrive, "", true},
		{`Microsoft.PowerShell.Core\Variable::y`, eval.VariableDrive, "y", true},
		{"/tmp/file.txt", "", "", false},
		{"C:/x", "", "", false},
		{"./variable", "", "", false},
	}
	for _, tc := range tests {
		drive, name, ok := eval.SessionDrive(tc.path)
		assert.Equal(t, tc.ok, ok, tc.path)
		assert.Equal(t, tc.drive, drive, tc.path)
		assert.Equal(t, tc.name, name, tc.path)
	}
}

// driveCmdlet exposes the session-drive hooks to scripts for the test:
// Test-Drive -Op list|exists|remove|set -Path p [-Value v].
func driveCmdlet() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name: "Test-Drive",
		Parameters: []*eval.Parameter{
			{Name: "Op", Type: eval.StringType}, {Name: "Path", Type: eval.StringType}, {Name: "Value"},
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				drive, name, ok := eval.SessionDrive(c.String("Path"))
				if !ok {
					return c.WriteObject("not a session drive")
				}
				switch c.String("Op") {
				case "list":
					var names []string
					for _, it := range c.SessionItems(drive, name) {
						n, _ := value.GetProperty(it, "Name")
						v, _ := value.GetProperty(it, "Value")
						names = append(names, fmt.Sprintf("%s=%v", value.ToString(n), value.ToString(v)))
					}
					return c.WriteObject(strings.Join(names, ","))
				case "exists":
					return c.WriteObject(c.SessionItemExists(drive, name))
				case "remove":
					found, err := c.RemoveSessionItem(drive, name, false)
					if err != nil {
						return err
					}
					return c.WriteObject(found)
				case "set":
					return c.SetSessionItem(drive, name, c.Value("Value"))
				}
				return nil
			})
		},
	}
}

func TestSessionDriveHooks(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"variables", `$kh_a = 1; $kh_b = 'x'; Test-Drive list variable:kh_*; Test-Drive exists variable:kh_a; Test-Drive exists variable:kh_zz`,
			"kh_a=1,kh_b=x\nTrue\nFalse\n"},
		{"remove a variable", `$kh_a = 1; Test-Drive remove variable:kh_a; "[$kh_a]"`, "True\n[]\n"},
		{"functions", `function kh-one { 1 }; function kh-two { 2 }; Test-Drive list function:kh-*; Test-Drive remove function:kh-one; Test-Drive exists function:kh-one`,
			"kh-one=,kh-two=\nTrue\nFalse\n"},
		{"set a function", `Test-Drive set function:kh-new -Value { 'new' }; kh-new`, "new\n"},
		{"environment", `Test-Drive set env:KH_X -Value v1; $env:KH_X; Test-Drive list env:KH_*; Test-Drive remove env:KH_X; $null -eq $env:KH_X`,
			"v1\nKH_X=v1\nTrue\nTrue\n"},
		{"aliases", `Set-Alias kh-al Write-Output; Test-Drive exists alias:kh-al; Test-Drive remove alias:kh-al; Test-Drive exists alias:kh-al`,
			"True\nTrue\nFalse\n"},
		{"set a variable", `Test-Drive set variable:kh_v -Value 5; $kh_v + 1`, "6\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			table := eval.NewCommandTable()
			builtin.Register(table)
			table.Register(driveCmdlet())
			r := eval.New(eval.WithHost(&eval.Host{Stdout: &out, Stderr: &errOut}), eval.WithCommands(table))
			src := tc.src
			for _, op := range []string{"list", "exists", "remove", "set"} {
				src = strings.ReplaceAll(src, "Test-Drive "+op+" ", "Test-Drive -Op "+op+" -Path ")
			}
			r.RunCommand(context.Background(), "<test>", src)
			assert.Empty(t, errOut.String())
			assert.Equal(t, tc.want, out.String())
		})
	}
}
