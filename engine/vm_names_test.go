package engine

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// scanNamed is what VMsNamed must return: a scan of every VM, in
// inventory order, comparing names without case.
func scanNamed(w *World, names []string) []string {
	var out []string
	for _, vm := range w.VMs() {
		for _, n := range names {
			if strings.EqualFold(vm.Name, n) {
				out = append(out, vm.ID.Value)
				break
			}
		}
	}
	return out
}

func idsOf(vms []VM) []string {
	var out []string
	for _, vm := range vms {
		out = append(out, vm.ID.Value)
	}
	return out
}

// checkNameIndex compares the index with a scan for each query.
func checkNameIndex(t *testing.T, w *World, when string) {
	t.Helper()
	queries := [][]string{
		{"web01"}, {"WEB01"}, {"Db02"}, {"tmpl-web"}, {"nosuchvm"},
		{"db02", "web01"}, {"web01", "web01"}, {"renamed"}, {"dev03"},
	}
	for _, q := range queries {
		assert.Equal(t, scanNamed(w, q), idsOf(w.VMsNamed(q)), "%s: VMsNamed(%q)", when, q)
	}
}

func TestVMsNamedFollowsTheInventory(t *testing.T) {
	w := demo(t)
	checkNameIndex(t, w, "demo")
	require.NotEmpty(t, w.VMsNamed([]string{"WEB01"}), "names compare without case")

	_, err := w.RenameVM(vmID(t, w, "web01"), "Renamed")
	require.NoError(t, err)
	checkNameIndex(t, w, "after a rename")
	assert.Empty(t, w.VMsNamed([]string{"web01"}), "the old name is gone")

	files, err := w.UnregisterVM(vmID(t, w, "dev03"))
	require.NoError(t, err)
	checkNameIndex(t, w, "after an unregister")
	_, err = w.RegisterVM(files, hostNamed(t, w, "esx05.lab.local").ID.Value)
	require.NoError(t, err)
	checkNameIndex(t, w, "after registering it again (now last)")

	path := filepath.Join(t.TempDir(), "state.json")
	require.NoError(t, w.Save(path))
	loaded, err := Load(path)
	require.NoError(t, err)
	defer loaded.Close()
	checkNameIndex(t, loaded, "after a load")
}

// BenchmarkVMsNamedGenerated45k looks one VM up by name in a 45,000-VM
// world, as Get-VM -Name vm22222 does.
func BenchmarkVMsNamedGenerated45k(b *testing.B) {
	w, err := Generate(GenerateOptions{VMs: MaxVMs, Clusters: 10, HostsPerCluster: 8, EncryptedFraction: 0.5})
	require.NoError(b, err)
	defer w.Close()
	b.ResetTimer()
	for range b.N {
		if len(w.VMsNamed([]string{"vm22222"})) != 1 {
			b.Fatal("vm22222 not found")
		}
	}
}
