package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/keyhost/keyhost/engine"
)

// fixedNow is the clock of every test run, so PowerCLI's timestamped error
// messages are reproducible.
var fixedNow = time.Date(2026, 11, 24, 3, 11, 8, 0, time.UTC)

// result is what one keyhost invocation printed and returned.
type result struct {
	stdout, stderr string
	code           int
}

// keyhost runs the command in-process with the given standard input
// ("" for none at all, like pwsh -NonInteractive).
func keyhost(t testing.TB, stdin string, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	a := &app{
		stdout: &out,
		stderr: &errOut,
		getenv: func(string) (string, bool) { return "", false },
		getwd:  os.Getwd,
		now:    func() time.Time { return fixedNow },
	}
	if stdin != "" {
		a.stdin = strings.NewReader(stdin)
	}
	code := a.main(context.Background(), args)
	return result{stdout: out.String(), stderr: errOut.String(), code: code}
}

// demoState writes a fresh demo state file and returns its path.
func demoState(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "state.json")
	r := keyhost(t, "", "inventory", "demo", "-o", path)
	require.Equal(t, 0, r.code, r.stderr)
	return path
}

// objects loads a state file and indexes its crypto objects by name
// ("web01 home", "web01 Hard disk 1", "Prod disk group esx01.lab.local").
func objects(t *testing.T, path string) map[string]engine.ObjectCrypto {
	t.Helper()
	w, err := engine.Load(path)
	require.NoError(t, err)
	out := map[string]engine.ObjectCrypto{}
	for _, o := range w.CryptoObjects() {
		out[o.Name] = o
	}
	return out
}

// fileBytes reads a file for byte-for-byte comparisons.
func fileBytes(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return b
}

// A run that connects to a second vCenter keeps it in the state file, and
// the next run finds it as it was left: here a Native Key Provider
// migrated from vcsa01 to vcsa02 and a VM there rekeyed to it.
func TestRunKeepsSeveralVCenters(t *testing.T) {
	state := demoState(t)
	dir := filepath.Dir(state)
	r := keyhost(t, "", "run", "--state", state, "-c", `
$dr = Connect-VIServer vcsa02.lab.local
$pw = ConvertTo-SecureString 'pw' -AsPlainText -Force
$f = Export-KeyProvider -KeyProvider NKP-Secondary -Server vcsa01.lab.local -FilePath '`+dir+`/' -Password $pw -Force
$kp = Import-KeyProvider -Server $dr -FilePath $f.FullName -Password $pw
Set-VM -VM (Get-VM dr-web01 -Server $dr) -KeyProvider $kp -Confirm:$false | Out-Null
'done'`)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, "done\n", r.stdout)

	r = keyhost(t, "", "run", "--state", state, "-c", `
(Get-KeyProvider -Name NKP-*).Count
$null = Connect-VIServer vcsa02
(Get-VM dr-web01 -Server vcsa02).ExtensionData.Config.KeyId.ProviderId.Id
(Get-KeyProvider -Server vcsa02).Name -join ','`)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, "3\nNKP-Secondary\nNKP-DR,NKP-Secondary\n", r.stdout)
	// verify covers both vCenters: the demo's 34 objects and vcsa02's 6.
	r = keyhost(t, "", "verify", "--state", state)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, "verified 40 objects (24 encrypted, 16 plaintext) on 2 vCenters\n", r.stdout)
}

// A task started with -RunAsync finishes, and is saved, even when the
// script ends without waiting for it.
func TestRunAsyncTasksFinishBeforeTheSave(t *testing.T) {
	state := demoState(t)
	r := keyhost(t, "", "run", "--state", state, "-c", `$t = Set-VM dev03 -KeyProvider NKP-Secondary -Confirm:$false -RunAsync; $t.State`)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, "Running\n", r.stdout)
	assert.Equal(t, "NKP-Secondary", objects(t, state)["dev03 Hard disk 2"].ProviderID)
}
