package engine

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGenerateSmall(t *testing.T) {
	w, err := Generate(GenerateOptions{VMs: 100, Clusters: 3, HostsPerCluster: 4, EncryptedFraction: 0.25}, WithClock(testClock))
	require.NoError(t, err)
	vms := w.VMs()
	require.Len(t, vms, 100)
	encrypted := 0
	for i, v := range vms {
		assert.Equal(t, fmt.Sprintf("vm%05d", i+1), v.Name, "inventory order")
		assert.Equal(t, fmt.Sprintf("vm-%d", 101+i), v.ID.Value)
		require.Len(t, v.Disks, 1)
		if v.Key != nil {
			encrypted++
			assert.Equal(t, "NKP-Primary", v.Key.ProviderID)
			assert.Equal(t, v.Key, v.Disks[0].Key)
		}
	}
	assert.Equal(t, 25, encrypted)
	assert.Len(t, w.Clusters(), 3)
	assert.Len(t, w.Hosts(), 12)
	assert.Len(t, w.KeyProviders(), 4)
	for _, o := range w.CryptoObjects() {
		if o.Kind != ObjectVsanDiskGroup {
			assert.Equal(t, 512, o.Size)
		}
	}
	r := w.Verify()
	assert.True(t, r.OK())
	assert.Equal(t, 200+12, r.Objects)

	// Every VM of the generated world can be rekeyed.
	require.NoError(t, w.ReconfigureCrypto(vms[3].ID.Value, CryptoChange{Home: CryptoShallowRecrypt, Disks: allDisks(vms[3], CryptoShallowRecrypt)}))
}

func TestGenerateOptionsValidated(t *testing.T) {
	for _, o := range []GenerateOptions{
		{VMs: -1},
		{VMs: MaxVMs + 1},
		{VMs: 1, HostsPerCluster: MaxHostsPerCluster + 1},
		{VMs: 1, Clusters: 100, HostsPerCluster: 26},
		{VMs: 1, Clusters: -1},
		{VMs: 1, EncryptedFraction: 1.5},
		{VMs: 1, PayloadBytes: 100},
	} {
		_, err := Generate(o)
		assert.Error(t, err, "%+v", o)
	}
	w, err := Generate(GenerateOptions{})
	require.NoError(t, err)
	assert.Empty(t, w.VMs())
}

// TestGenerateMax builds, saves and loads a world at vCenter's VM maximum.
// It takes a few seconds, so it is skipped with -short.
func TestGenerateMax(t *testing.T) {
	if testing.Short() {
		t.Skip("45,000 VMs")
	}
	start := time.Now()
	w, err := Generate(GenerateOptions{VMs: MaxVMs, Clusters: 20, HostsPerCluster: 32, EncryptedFraction: 0.5})
	require.NoError(t, err)
	built := time.Since(start)
	path := filepath.Join(t.TempDir(), "state.json")
	start = time.Now()
	require.NoError(t, w.Save(path))
	saved := time.Since(start)
	start = time.Now()
	l, err := Load(path)
	require.NoError(t, err)
	loaded := time.Since(start)
	assert.Len(t, l.VMs(), MaxVMs)
	t.Logf("45,000 VMs: generate %v, save %v, load %v", built, saved, loaded)
}
