package pester

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/keyhost/keyhost/cmdlets"
	"github.com/keyhost/keyhost/engine"
	"github.com/keyhost/keyhost/ps/eval"
)

// Invoke-Pester, New-PesterConfiguration and test files run as scripts,
// inside one session as in pwsh.

// scriptRun is what a script printed and how it ended.
type scriptRun struct {
	out, errOut string
	res         eval.Result
	fs          *eval.MemFS
}

// runScript runs a script in a session with PowerShell's, PowerCLI's and
// Pester's commands on the demo world, with testdata under /tests.
func runScript(t *testing.T, script string) scriptRun {
	t.Helper()
	var out, errOut bytes.Buffer
	fsys := memTree(t, nil)
	w, err := engine.NewDemo()
	require.NoError(t, err)
	t.Cleanup(func() { w.Close() })
	h := &eval.Host{Stdout: &out, Stderr: &errOut, Now: fixedNow, FS: fsys, Getwd: func() (string, error) { return "/tests", nil }}
	r, _ := cmdlets.NewRunner(w, h, true)
	Register(r.Commands())
	res := r.RunCommand(context.Background(), "<test>", script)
	return scriptRun{out: out.String(), errOut: errOut.String(), res: res, fs: fsys}
}

func TestInvokePesterInAScript(t *testing.T) {
	tests := []struct {
		name, script, want string
		exit               int
	}{
		{
			name:   "PassThru result and LASTEXITCODE",
			script: `$r = Invoke-Pester -Path ./rekey -PassThru -Output None; "$($r.Result) $($r.PassedCount) $($r.FailedCount) $($r.TotalCount) $LASTEXITCODE $($r.Tests.Count) $($r.Containers.Count)"`,
			want:   "Passed 19 0 19 0 19 2",
		},
		{
			name: "configuration object",
			script: `$c = New-PesterConfiguration
$c.Run.Path = './failing/Assertions.Tests.ps1'
$c.Run.PassThru = $true
$c.Output.Verbosity = 'None'
$c.Filter.FullName = '*compares*'
$r = Invoke-Pester -Configuration $c
"$($r.FailedCount) $($r.NotRunCount) $LASTEXITCODE $($c.Filter.FullName.Value) $($c.Run.Exit.Default)"`,
			want: "2 14 2 *compares* False",
		},
		{
			name:   "configuration hashtable",
			script: `$r = Invoke-Pester -Configuration @{ Run = @{ Path = './features'; PassThru = $true }; Filter = @{ Tag = 'Fast' }; Output = @{ Verbosity = 'None' } }; "$($r.PassedCount) $($r.NotRunCount)"`,
			want:   "1 49",
		},
		{
			name:   "New-PesterConfiguration -Hashtable",
			script: `$c = New-PesterConfiguration -Hashtable @{ Output = @{ Verbosity = 'Detailed' } }; $c.Output.Verbosity.Value; $c.Output.Verbosity.IsModified; $c.Run.Path.Value`,
			want:   "Detailed\nTrue\n.",
		},
		{
			name:   "exclude tags",
			script: `$r = Invoke-Pester -Path ./rekey -ExcludeTag Integration -PassThru -Output None; "$($r.PassedCount) $($r.NotRunCount)"`,
			want:   "10 9",
		},
		{
			name:   "Run.Throw",
			script: `try { Invoke-Pester -Configuration @{ Run = @{ Path = './failing/Assertions.Tests.ps1'; Throw = $true }; Output = @{ Verbosity = 'None' }; Filter = @{ FullName = '*compares*' } } } catch { $_.Exception.Message }`,
			want:   "Pester run failed, because 2 tests failed",
		},
		{
			name:   "no test files",
			script: `Invoke-Pester -Path ./rekey/Invoke-VMRekey.ps1 -ExcludePath '*' -Output None; "exit $LASTEXITCODE"`,
			want:   "System.Management.Automation.RuntimeException: No test files were found and no scriptblocks were provided. Please ensure that you provided at least one path to a *.Tests.ps1 file, or a directory that contains such file. And that there is at least one file not excluded by ExcludeFile filter '*'. Or that you provided a ScriptBlock test container.\nexit 0",
		},
		{
			name:   "CI exits with the failure count",
			script: `Invoke-Pester -Path ./failing/Assertions.Tests.ps1 -CI -Output None -FullNameFilter '*compares*'; 'not reached'`,
			exit:   2,
		},
		{
			name:   "legacy parameters",
			script: `Invoke-Pester -Script ./rekey/Invoke-VMRekey.Tests.ps1 -Quiet -EnableExit; "exit $LASTEXITCODE"`,
			want:   "exit 0",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := runScript(t, tc.script)
			require.Equal(t, tc.exit, s.res.ExitCode, "stdout:\n%s\nstderr:\n%s", s.out, s.errOut)
			if tc.want != "" {
				assert.Equal(t, tc.want, withoutWhatIf(s.out))
			}
		})
	}
}

// withoutWhatIf drops the "What if:" lines the rekey tests print.
func withoutWhatIf(out string) string {
	var kept []string
	for _, l := range lines(out) {
		if !strings.HasPrefix(l, "What if:") {
			kept = append(kept, l)
		}
	}
	return strings.Join(kept, "\n")
}

func TestCIWritesTheNUnitReport(t *testing.T) {
	s := runScript(t, `Invoke-Pester -Path ./rekey/Invoke-VMRekey.Tests.ps1 -CI -Output None; "exit $LASTEXITCODE"`)
	require.Equal(t, 0, s.res.ExitCode, s.errOut)
	b, err := s.fs.ReadFile("/tests/testResults.xml")
	require.NoError(t, err)
	assert.Contains(t, string(b), `<test-results xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="nunit_schema_2.5.xsd" name="Pester" total="10"`)
}

func TestATestFileRunAsAScriptRunsItsTests(t *testing.T) {
	s := runScript(t, `. ./rekey/Invoke-VMRekey.Tests.ps1; "exit $LASTEXITCODE"`)
	require.Equal(t, 0, s.res.ExitCode, s.errOut)
	assert.Contains(t, s.out, "Describing Invoke-VMRekey\n Context shallow rekey\n   [+] rekeys the VMs of the old provider")
	assert.Contains(t, s.out, "Tests Passed: 10, Failed: 0, Skipped: 0, Inconclusive: 0, NotRun: 0\nexit 0")
}

func TestPesterCommandsOutsideARun(t *testing.T) {
	s := runScript(t, `try { It 'x' { } } catch { $_.Exception.Message }; try { Mock Get-VM { } } catch { $_.Exception.Message }`)
	assert.Equal(t, "The It command may only be used inside a Describe block.\nThe Mock command may only be used inside a Describe block.", strings.TrimRight(s.out, "\n"))
}

func TestNestedInvokePester(t *testing.T) {
	// A test may run Pester itself; the inner run does not disturb the
	// outer one.
	fsys := memTree(t, map[string]string{
		"/outer/Outer.Tests.ps1": `Describe 'outer' {
    It 'runs an inner Pester' {
        $r = Invoke-Pester -Path /tests/rekey/Invoke-VMRekey.Tests.ps1 -PassThru -Output None
        $r.PassedCount | Should -Be 10
    }
    It 'still runs afterwards' { 1 | Should -Be 1 }
}`,
	})
	h := runTests(t, DefaultConfig(), fsys, "/outer")
	require.NoError(t, h.err)
	assert.Equal(t, 2, h.res.PassedCount, h.stdout)
}
