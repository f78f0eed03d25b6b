package main

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/keyhost/keyhost/engine"
)

// crashChildEnv carries the child's command line (JSON) to TestCrashChild.
const crashChildEnv = "KEYHOST_CRASH_CHILD"

// TestCrashChild is not a test of its own: TestKillDuringRekeyLoop runs the
// test binary again with this test selected and crashChildEnv set, and the
// child then runs keyhost's main with those arguments until it is killed.
func TestCrashChild(t *testing.T) {
	argv := os.Getenv(crashChildEnv)
	if argv == "" {
		t.Skip("runs only as TestKillDuringRekeyLoop's child process")
	}
	var args []string
	if err := json.Unmarshal([]byte(argv), &args); err != nil {
		t.Fatal(err)
	}
	os.Exit(newProcessApp().main(context.Background(), args))
}

// rekeyLoop moves every encrypted VM and both vSAN clusters round and
// round between two Native providers and the Standard provider, whose
// in-process KMS keys live in the same state file.
const rekeyLoop = `
$providers = 'NKP-Secondary', 'KMS-Standard', 'NKP-Primary'
for ($round = 0; $round -lt 100000; $round++) {
    $kp = Get-KeyProvider -Name $providers[$round % 3]
    foreach ($vm in Get-VM) {
        if ($vm.ExtensionData.Config.KeyId) {
            Set-VM -VM $vm -KeyProvider $kp -Confirm:$false -ErrorAction Stop | Out-Null
        }
    }
    Get-Cluster | ForEach-Object { Start-VsanEncryptionConfiguration -Cluster $_ -KeyProvider $kp -Confirm:$false -ErrorAction Stop | Out-Null }
}
`

// A keyhost run killed with SIGKILL at random moments, many times, in the
// middle of a long rekey loop with frequent checkpoints: after every kill
// the state file loads, every key in it opens every object (Verify), and
// its generation never goes back. Some kills land in the middle of a save
// (the stray temporary files show it); the rename makes that harmless.
func TestKillDuringRekeyLoop(t *testing.T) {
	if testing.Short() {
		t.Skip("kills child processes for ~15 s")
	}
	if runtime.GOOS == "windows" {
		t.Skip("needs SIGKILL")
	}
	dir := t.TempDir()
	state := filepath.Join(dir, "state.json")
	r := keyhost(t, "", "inventory", "generate", "--vms", "300", "--clusters", "2", "--hosts-per-cluster", "4", "--encrypted-fraction", "0.5", "-o", state)
	require.Equal(t, 0, r.code, r.stderr)
	r = keyhost(t, "", "run", "--state", state, "-c", "Get-Cluster | Start-VsanEncryptionConfiguration -EncryptionEnabled $true -Confirm:$false | Out-Null")
	require.Equal(t, 0, r.code, r.stderr)

	args, err := json.Marshal([]string{"run", "--state", state, "--checkpoint", "20ms", "-c", rekeyLoop})
	require.NoError(t, err)
	env := []string{crashChildEnv + "=" + string(args)}
	for _, e := range os.Environ() {
		if !strings.HasPrefix(e, "KEYHOST_") {
			env = append(env, e) // the child uses state.json.key, as the parent does
		}
	}

	const kills = 30
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 7))
	first := loadAndVerify(t, state)
	last, advanced := first, 0
	start := time.Now()
	for i := range kills {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$")
		cmd.Env = env
		require.NoError(t, cmd.Start())
		time.Sleep(time.Duration(150+rng.IntN(350)) * time.Millisecond)
		require.NoError(t, cmd.Process.Kill()) // SIGKILL: no handler, no final save
		_ = cmd.Wait()

		gen := loadAndVerify(t, state)
		require.GreaterOrEqual(t, gen, last, "kill %d: the state file went back in time", i)
		if gen > last {
			advanced++
		}
		last = gen
	}
	strays, _ := filepath.Glob(filepath.Join(dir, ".state.json.tmp-*"))
	t.Logf("%d kills in %s: the file advanced after %d of them, generation %d -> %d; %d kills interrupted a save (stray temporary files)",
		kills, time.Since(start).Round(time.Millisecond), advanced, first, last, len(strays))
	require.Greater(t, advanced, kills/2, "checkpoints kept most runs' work")
}

// loadAndVerify loads the state file, checks that every object decrypts,
// and returns its generation.
func loadAndVerify(t *testing.T, path string) uint64 {
	t.Helper()
	w, err := engine.Load(path)
	require.NoError(t, err, "the state file must always load")
	rep := w.Verify()
	require.True(t, rep.OK(), "every key must open every object: %v", rep.Failures)
	require.Greater(t, rep.Encrypted, 300, "the VMs and disk groups are still encrypted")
	return w.Generation()
}
