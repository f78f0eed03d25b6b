package eval_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/keyhost/keyhost/ps/builtin"
	"github.com/keyhost/keyhost/ps/eval"
)

// files are the contents of an in-memory file system for a run.
type files map[string]string

func runFile(t *testing.T, fs files, path string, args ...string) (string, string, eval.Result) {
	t.Helper()
	var out, errOut bytes.Buffer
	table := eval.NewCommandTable()
	builtin.Register(table)
	h := &eval.Host{Stdout: &out, Stderr: &errOut, FS: eval.NewMemFS(fs), Getwd: func() (string, error) { return "/work", nil }}
	r := eval.New(eval.WithHost(h), eval.WithCommands(table))
	res := r.RunFile(context.Background(), path, args)
	return out.String(), errOut.String(), res
}

func TestScriptFilesAndDotSourcing(t *testing.T) {
	fs := files{
		"/work/scripts/main.ps1": `param([string]$Who = 'world', [switch]$Loud)
. $PSScriptRoot/lib/helpers.ps1
Greet $Who -Loud:$Loud
"root=$PSScriptRoot"
$fromLib
& ./scripts/child.ps1 7
"after child: [$childVar]"`,
		"/work/scripts/lib/helpers.ps1": `function Greet($name, [switch]$Loud) { $s = "hello $name"; if ($Loud) { $s.ToUpper() } else { $s } }
$fromLib = "lib root=$PSScriptRoot"`,
		"/work/scripts/child.ps1": `param($n) $childVar = $n; "child got $n"`,
	}
	out, errOut, res := runFile(t, fs, "scripts/main.ps1", "-Who", "admins", "-Loud")
	assert.Empty(t, errOut)
	assert.Equal(t, 0, res.ExitCode)
	assert.Equal(t, "HELLO ADMINS\nroot=/work/scripts\nlib root=/work/scripts/lib\nchild got 7\nafter child: []\n", out)
}

func TestScriptArgumentsWithoutParamBlock(t *testing.T) {
	out, errOut, res := runFile(t, files{"/work/a.ps1": `"$($args.Count): $($args -join '|')"`}, "a.ps1", "x", "-y", "z")
	assert.Empty(t, errOut)
	assert.Equal(t, 0, res.ExitCode)
	assert.Equal(t, "3: x|-y|z\n", out)
}

func TestMissingMandatoryScriptParameter(t *testing.T) {
	_, errOut, res := runFile(t, files{"/work/m.ps1": `param([Parameter(Mandatory)]$Name) $Name`}, "m.ps1")
	assert.Equal(t, 1, res.ExitCode)
	assert.Contains(t, errOut, "Cannot process command because of one or more missing mandatory parameters: Name.")
}
