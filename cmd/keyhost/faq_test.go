package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/keyhost/keyhost/engine"
)

// The acceptance tests: each NKP FAQ script runs unchanged, dot-sourced
// from testdata/faq-caller.ps1, on the demo inventory; the tests then check
// the world the way vCenter would leave it.

// sharedFAQ is the specification's copy of the FAQ scripts.
const sharedFAQ = "../../../shared/faq"

// faqScript returns the path of a FAQ script: the specification's copy
// when it is there, else the repository's identical copy.
func faqScript(t *testing.T, name string) string {
	t.Helper()
	if _, err := os.Stat(filepath.Join(sharedFAQ, name)); err == nil {
		return filepath.Join(sharedFAQ, name)
	}
	return filepath.Join("demo", "faq", name)
}

// runFAQ runs one FAQ script through the caller wrapper on a state file.
func runFAQ(t *testing.T, state, stdin, script string, extra ...string) result {
	t.Helper()
	args := append([]string{"run", "--state", state, "testdata/faq-caller.ps1", "-Script", faqScript(t, script)}, extra...)
	return keyhost(t, stdin, args...)
}

// assertRewrapped checks a shallow rekey of one object: it is now wrapped
// by provider under a new key id, with the same DEK and the same ciphertext.
func assertRewrapped(t *testing.T, before, after engine.ObjectCrypto, provider string) {
	t.Helper()
	require.True(t, after.Encrypted, after.Name)
	assert.Equal(t, provider, after.ProviderID, "%s provider", after.Name)
	assert.NotEqual(t, before.KeyID, after.KeyID, "%s key id", after.Name)
	assert.NotEqual(t, before.WrappedDEKHash, after.WrappedDEKHash, "%s wrapped DEK", after.Name)
	assert.Equal(t, before.DEKFingerprint, after.DEKFingerprint, "%s DEK must not change in a shallow rekey", after.Name)
	assert.Equal(t, before.CiphertextHash, after.CiphertextHash, "%s data must not be rewritten", after.Name)
	assert.Equal(t, before.PlaintextHash, after.PlaintextHash, after.Name)
}

// assertUnchanged checks that objects kept their exact crypto state.
func assertUnchanged(t *testing.T, before, after map[string]engine.ObjectCrypto, names ...string) {
	t.Helper()
	for _, n := range names {
		require.Contains(t, after, n)
		assert.Equal(t, before[n], after[n], "%s must be untouched", n)
	}
}

// assertVerifies runs keyhost verify on the state: every disk still
// decrypts to its original bytes.
func assertVerifies(t *testing.T, state string) {
	t.Helper()
	r := keyhost(t, "", "verify", "--state", state)
	assert.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stdout, "verified 34 objects")
}

// others lists every object name except the given owners' ones.
func others(all map[string]engine.ObjectCrypto, owners ...string) []string {
	skip := map[string]bool{}
	for _, o := range owners {
		skip[o] = true
	}
	var out []string
	for name, o := range all {
		if !skip[o.OwnerName] {
			out = append(out, name)
		}
	}
	return out
}

func TestFAQ01ShallowRekeyOneVM(t *testing.T) {
	state := demoState(t)
	before := objects(t, state)
	r := runFAQ(t, state, "y\n", "01-shallow-rekey-one-vm.ps1")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Empty(t, r.stderr)
	assert.Equal(t, "\nConfirm\nAre you sure you want to perform this action?\nPerforming the operation \"Reconfigure virtual machine\" on target \"web01\".\n"+
		"[Y] Yes  [A] Yes to All  [N] No  [L] No to All  [S] Suspend  [?] Help (default is \"Y\"): y\n"+
		"\nName                 PowerState Num CPUs MemoryGB\n"+
		"----                 ---------- -------- --------\n"+
		"web01                PoweredOn  2        4.000\n\n", r.stdout)

	after := objects(t, state)
	assertRewrapped(t, before["web01 home"], after["web01 home"], "NKP-Secondary")
	// -SkipHardDisks: the disks keep their NKP-Primary key.
	assertUnchanged(t, before, after, "web01 Hard disk 1", "web01 Hard disk 2")
	assertUnchanged(t, before, after, others(before, "web01")...)
	assertVerifies(t, state)
}

func TestFAQ01AnsweredNoChangesNothing(t *testing.T) {
	state := demoState(t)
	original := fileBytes(t, state)
	r := runFAQ(t, state, "n\n", "01-shallow-rekey-one-vm.ps1")
	assert.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stdout, "Performing the operation \"Reconfigure virtual machine\" on target \"web01\".")
	assert.NotContains(t, r.stdout, "PoweredOn")
	assert.Equal(t, original, fileBytes(t, state), "state file must not be rewritten")
}

func TestFAQ01WithoutInputFailsLikeNonInteractivePwsh(t *testing.T) {
	state := demoState(t)
	original := fileBytes(t, state)
	r := runFAQ(t, state, "", "01-shallow-rekey-one-vm.ps1")
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.stderr, "Set-VM: ")
	assert.Contains(t, r.stderr, "PowerShell is in NonInteractive mode. Read and Prompt functionality is not available.")
	assert.Equal(t, original, fileBytes(t, state))
}

func TestFAQ01ConfirmPreferenceNoneSkipsPrompt(t *testing.T) {
	state := demoState(t)
	r := keyhost(t, "", "run", "--state", state, "-c",
		"$ConfirmPreference = 'None'; $keyprovidername = 'NKP-Secondary'; $vm = Get-VM web01; . '"+faqScript(t, "01-shallow-rekey-one-vm.ps1")+"'")
	require.Equal(t, 0, r.code, r.stderr)
	assert.NotContains(t, r.stdout, "Perform operation?")
	assert.Equal(t, "NKP-Secondary", objects(t, state)["web01 home"].ProviderID)
}

func TestFAQ02RekeyAllStopsAtFirstRefusal(t *testing.T) {
	state := demoState(t)
	before := objects(t, state)
	r := runFAQ(t, state, "", "02-rekey-all-encrypted-vms.ps1")

	// dev04 has snapshots on two branches: vSphere refuses its shallow
	// rekey, and -ErrorAction Stop ends the script there.
	assert.Equal(t, 1, r.code)
	assert.Equal(t, "\nName                 PowerState Num CPUs MemoryGB\n"+
		"----                 ---------- -------- --------\n"+
		"web01                PoweredOn  2        4.000\n"+
		"web02                PoweredOn  2        4.000\n"+
		"db01                 PoweredOn  8        32.000\n"+
		"db02                 PoweredOff 8        32.000\n"+
		"app01                PoweredOn  4        16.000\n\n", r.stdout)
	assert.Contains(t, r.stderr, "Set-VM: ")
	assert.Contains(t, r.stderr, "02-rekey-all-encrypted-vms.ps1:4\nLine |\n   4 |          Set-VM -VM $vm -KeyProvider $keyprovider -SkipHardDisks -Confirm:$false -ErrorAction Stop\n")
	assert.Contains(t, r.stderr, "11/24/2026 3:11:08 AM Set-VM  The operation for the entity \"dev04\" failed with the following message: ")
	assert.Contains(t, r.stderr, "snapshot")

	after := objects(t, state)
	for _, vm := range []string{"web01", "web02", "db01", "db02", "app01"} {
		assertRewrapped(t, before[vm+" home"], after[vm+" home"], "NKP-Secondary")
	}
	// Disks keep their keys (-SkipHardDisks); dev04 was refused whole;
	// jump01 and util01 come after the failure and were never touched.
	assertUnchanged(t, before, after, others(before, "web01", "web02", "db01", "db02", "app01")...)
	for _, d := range []string{"web01 Hard disk 1", "db02 Hard disk 1", "db02 Hard disk 2"} {
		assert.Equal(t, before[d], after[d])
	}
	assertVerifies(t, state)
}

func TestFAQ03DeepRekeySnippetIsAShallowRekey(t *testing.T) {
	// The FAQ prints this under "deep rekey", but it is Set-VM -KeyProvider
	// -SkipHardDisks: PowerCLI does a shallow rekey of the VM home.
	state := demoState(t)
	before := objects(t, state)
	r := runFAQ(t, state, "y\n", "03-deep-rekey-one-vm.ps1", "-VMName", "db02")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stdout, "db02                 PoweredOff 8        32.000\n")

	after := objects(t, state)
	assertRewrapped(t, before["db02 home"], after["db02 home"], "NKP-Secondary")
	assert.Equal(t, "KMS-Standard", before["db02 home"].ProviderID)
	assertUnchanged(t, before, after, others(before, "db02")...)
	assertUnchanged(t, before, after, "db02 Hard disk 1", "db02 Hard disk 2")
	assertVerifies(t, state)
}

func TestFAQ04RekeyVsanClusters(t *testing.T) {
	state := demoState(t)
	before := objects(t, state)
	r := runFAQ(t, state, "", "04-rekey-vsan-clusters.ps1")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Empty(t, r.stderr)
	// $date is never set: it expands to nothing.
	assert.Equal(t, "[REKEY] Rekeying vSAN datastores in Prod to NKP-Secondary ()\n"+
		"[SKIP] Dev does not have an encrypted vSAN datastore ()\n"+
		"[SKIP] Mgmt does not have an encrypted vSAN datastore ()\n", r.stdout)

	after := objects(t, state)
	var prodKey string
	for _, h := range []string{"esx01", "esx02", "esx03"} {
		name := "Prod disk group " + h + ".lab.local"
		assert.Equal(t, "NKP-Primary", before[name].ProviderID)
		assertRewrapped(t, before[name], after[name], "NKP-Secondary")
		if prodKey == "" {
			prodKey = after[name].KeyID
		}
		assert.Equal(t, prodKey, after[name].KeyID, "one cluster KEK wraps every disk group")
	}
	assertUnchanged(t, before, after, others(before, "Prod")...)
	assertVerifies(t, state)

	w, err := engine.Load(state)
	require.NoError(t, err)
	prod := w.Clusters()[0]
	v, err := w.Vsan(prod.ID.Value)
	require.NoError(t, err)
	assert.Equal(t, "NKP-Secondary", v.KeyProvider)
	assert.Equal(t, prodKey, v.KekID)
}

func TestFAQ04ColoursOnlyOnATerminal(t *testing.T) {
	r := keyhost(t, "", "run", "testdata/faq-caller.ps1", "-Script", faqScript(t, "04-rekey-vsan-clusters.ps1"))
	require.Equal(t, 0, r.code, r.stderr)
	assert.NotContains(t, r.stdout, "\x1b[")
}

func TestFAQ05ListEncryptedVMs(t *testing.T) {
	state := demoState(t)
	original := fileBytes(t, state)
	r := runFAQ(t, state, "", "05-list-encrypted-vms.ps1")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, "web01\nweb02\ndb01\ndb02\napp01\ndev04\njump01\n", r.stdout)
	assert.Equal(t, original, fileBytes(t, state), "a read-only script must not rewrite the state")
}

func TestFAQScriptsAreTheSpecificationsCopies(t *testing.T) {
	entries, err := os.ReadDir(sharedFAQ)
	require.NoError(t, err, "the specification's FAQ scripts are expected at %s (CI places shared/ beside the checkout)", sharedFAQ)
	n := 0
	for _, e := range entries {
		if filepath.Ext(e.Name()) != ".ps1" {
			continue
		}
		n++
		assert.Equal(t, fileBytes(t, filepath.Join(sharedFAQ, e.Name())), fileBytes(t, filepath.Join("demo", "faq", e.Name())), e.Name())
	}
	assert.Equal(t, 5, n)
}
