package main

import (
	"bytes"
	"context"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// keyhost test: the Pester runner from the command line.

// testTree copies test files from ../../pester/testdata into a temporary
// folder and returns it.
func testTree(t *testing.T, dirs ...string) string {
	t.Helper()
	root := t.TempDir()
	for _, d := range dirs {
		src := filepath.Join("..", "..", "pester", "testdata", d)
		err := filepath.WalkDir(src, func(p string, e os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(src, p)
			dst := filepath.Join(root, d, rel)
			if e.IsDir() {
				return os.MkdirAll(dst, 0o755)
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(dst, b, 0o644)
		})
		require.NoError(t, err)
	}
	return root
}

// keyhostIn runs keyhost with dir as the current folder.
func keyhostIn(t *testing.T, dir string, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	a := &app{
		stdout: &out,
		stderr: &errOut,
		getenv: func(string) (string, bool) { return "", false },
		getwd:  func() (string, error) { return dir, nil },
		now:    func() time.Time { return fixedNow },
	}
	code := a.main(context.Background(), append([]string{"test"}, args...))
	return result{stdout: out.String(), stderr: errOut.String(), code: code}
}

func TestKeyhostTestRunsTheFolder(t *testing.T) {
	dir := testTree(t, "rekey")
	r := keyhostIn(t, dir)
	require.Equal(t, 0, r.code, r.stdout+r.stderr)
	assert.Contains(t, r.stdout, "Starting discovery in 2 files.")
	assert.Contains(t, r.stdout, "Tests Passed: 19, Failed: 0, Skipped: 0, Inconclusive: 0, NotRun: 0\n")
}

func TestKeyhostTestExitCodes(t *testing.T) {
	dir := testTree(t, "rekey", "failing")
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"failures without -CI exit 0", []string{"failing"}, 0},
		{"-CI exits with failed tests, blocks and files", []string{"failing", "-CI"}, 16 + 2 + 3},
		{"passing run with -CI", []string{"rekey", "-CI"}, 0},
		{"filters apply", []string{"failing/Assertions.Tests.ps1", "-CI", "-FullName", "*compares*"}, 2},
		{"tags apply (two files fail discovery)", []string{".", "-Tag", "Integration", "--ci"}, 2},
		{"unknown option", []string{"--frobnicate"}, 2},
		{"no test file", []string{"rekey/Invoke-VMRekey.ps1", "-CI", "-Tag", "x"}, 0},
		{"missing path", []string{"nope"}, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := keyhostIn(t, dir, tc.args...)
			assert.Equal(t, tc.code, r.code, r.stdout+r.stderr)
		})
	}
}

func TestKeyhostTestWritesReports(t *testing.T) {
	dir := testTree(t, "failing")
	r := keyhostIn(t, dir, "-CI", "--junit", "out/junit.xml", "--nunit", "out/nunit.xml", "-Output", "None")
	require.NotZero(t, r.code)
	assert.Equal(t, "AfterEach ran\n", r.stdout, "only the tests' own host output")
	for _, f := range []string{"testResults.xml", "out/junit.xml", "out/nunit.xml"} {
		b, err := os.ReadFile(filepath.Join(dir, f))
		require.NoError(t, err, f)
		var doc struct {
			XMLName  xml.Name
			Failures int `xml:"failures,attr"`
		}
		require.NoError(t, xml.Unmarshal(b, &doc), f)
		assert.Equal(t, 16, doc.Failures, f)
	}
}

func TestKeyhostTestDetailedOutput(t *testing.T) {
	dir := testTree(t, "rekey")
	r := keyhostIn(t, dir, "rekey/Invoke-VMRekey.Tests.ps1", "-Output", "Detailed")
	require.Equal(t, 0, r.code, r.stderr)
	assert.True(t, strings.HasPrefix(r.stdout, "Pester v5.7.1\n\nStarting discovery in 1 files.\n"), r.stdout)
	assert.Contains(t, r.stdout, "Describing Invoke-VMRekey\n Context shallow rekey\n   [+] rekeys the VMs of the old provider ")
}

func TestKeyhostTestWithAStateFile(t *testing.T) {
	dir := testTree(t, "rekey")
	state := demoState(t)
	r := keyhostIn(t, dir, "rekey/Invoke-VMRekey.Integration.Tests.ps1", "--state", state, "-CI")
	require.Equal(t, 0, r.code, r.stdout+r.stderr)
	// The integration test rekeyed web01 to NKP-Secondary, and the state
	// file keeps it.
	r = keyhost(t, "", "run", "--state", state, "-c", "(Get-VM web01).ExtensionData.Config.KeyId.ProviderId.Id")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, "NKP-Secondary\n", r.stdout)
	// Run again on the changed world, the integration tests fail: the VMs
	// are no longer on NKP-Primary.
	r = keyhostIn(t, dir, "rekey/Invoke-VMRekey.Integration.Tests.ps1", "--state", state, "-CI")
	assert.NotZero(t, r.code)
}

func TestParseTestArgs(t *testing.T) {
	o, err := parseTestArgs([]string{"tests", "-Output", "Detailed", "-Tag", "a,b", "--tag=c", "-ExcludeTag", "slow", "-CI", "--junit", "j.xml", "--nunit=n.xml", "more"})
	require.NoError(t, err)
	assert.Equal(t, []string{"tests", "more"}, o.paths)
	assert.Equal(t, "Detailed", o.output)
	assert.Equal(t, []string{"a", "b", "c"}, o.tags)
	assert.Equal(t, []string{"slow"}, o.excludeTags)
	assert.True(t, o.ci)
	assert.Equal(t, "j.xml", o.junit)
	assert.Equal(t, "n.xml", o.nunit)
	_, err = parseTestArgs([]string{"-Output"})
	assert.Error(t, err)
}

// Tests reach the demo's second vCenter as scripts do, and with --state
// what they change there is saved with the rest.
func TestKeyhostTestReachesTheSecondVCenter(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "DR.Tests.ps1"), []byte(`
Describe 'DR site' {
    BeforeAll { $dr = Connect-VIServer vcsa02 }
    It 'has its VMs' {
        (Get-VM -Server $dr).Name | Should -Be @('dr-web01', 'dr-util01')
    }
    It 'rekeys dr-web01' {
        $kp = New-KeyhostNativeKeyProvider -Name NKP-DR2 -Server $dr
        $null = Export-KeyProvider -KeyProvider $kp -FilePath (Join-Path $TestDrive 'dr2.p12') -Server $dr
        $vm = Set-VM -VM (Get-VM dr-web01 -Server $dr) -KeyProvider $kp -Confirm:$false
        $vm.ExtensionData.Config.KeyId.ProviderId.Id | Should -Be 'NKP-DR2'
    }
}
`), 0o644))
	state := demoState(t)
	r := keyhostIn(t, dir, "--state", state, "-CI")
	require.Equal(t, 0, r.code, r.stdout+r.stderr)
	r = keyhost(t, "", "run", "--state", state, "-c", "$null = Connect-VIServer vcsa02; (Get-VM dr-web01 -Server vcsa02).ExtensionData.Config.KeyId.ProviderId.Id")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, "NKP-DR2\n", r.stdout)
}
