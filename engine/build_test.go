package engine

import (
	"testing"

	"github.com/keyhost/keyhost/engine/hosttpm"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The same seed and clock give the same world, byte for byte, but for the
// blobs the hosts' TPMs sealed: a TPM draws from its own random number
// generator, as a real one does, and the simulator's is seeded by OpenSSL.
func TestDeterministicWithSeededRandom(t *testing.T) {
	a := demo(t, WithRandom(seeded(7)))
	b := demo(t, WithRandom(seeded(7)))
	assert.Equal(t, withoutTPMBlobs(t, a), withoutTPMBlobs(t, b))
	assert.NotEqual(t, encoded(t, a), encoded(t, b), "the TPM blobs differ")
	c := demo(t, WithRandom(seeded(8)))
	assert.NotEqual(t, withoutTPMBlobs(t, a), withoutTPMBlobs(t, c))
}

// withoutTPMBlobs is encoded with every TPM-sealed blob left out.
func withoutTPMBlobs(t *testing.T, w *World) []byte {
	t.Helper()
	w.mu.Lock()
	saved := map[*hostProvider]*hosttpm.Blob{}
	for _, h := range w.st.Hosts {
		for _, e := range h.Keystore.Providers {
			saved[e] = e.TPM
			e.TPM = nil
		}
	}
	w.mu.Unlock()
	b := encoded(t, w)
	w.mu.Lock()
	for e, blob := range saved {
		e.TPM = blob
	}
	w.mu.Unlock()
	return b
}

func TestInventoryErrors(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(inv *Inventory)
		msg    string
	}{
		{"no vCenter name", func(inv *Inventory) { inv.VCenter.Name = "" }, "name is required"},
		{"bad instance UUID", func(inv *Inventory) { inv.VCenter.InstanceUUID = "x" }, "UUID"},
		{"unknown default provider", func(inv *Inventory) { inv.DefaultKeyProvider = "Ghost" }, "Ghost"},
		{"duplicate provider", func(inv *Inventory) {
			inv.KeyProviders = append(inv.KeyProviders, inv.KeyProviders[0])
		}, "already exists"},
		{"unknown provider type", func(inv *Inventory) {
			inv.KeyProviders = append(inv.KeyProviders, InventoryProvider{Name: "X", Type: "Trusted"})
		}, "unknown type"},
		{"duplicate host", func(inv *Inventory) {
			c := &inv.Datacenters[0].Clusters[0]
			c.Hosts = append(c.Hosts, c.Hosts[0])
		}, "duplicate host"},
		{"VM on unknown host", func(inv *Inventory) {
			inv.Datacenters[0].Clusters[0].VMs = []InventoryVM{{Name: "v", Host: "nope"}}
		}, `host "nope"`},
		{"vTPM without encryption", func(inv *Inventory) {
			inv.Datacenters[0].Clusters[0].VMs = []InventoryVM{{Name: "v", Host: "h1", VTPM: true}}
		}, "vTPM"},
		{"odd disk size", func(inv *Inventory) {
			inv.Datacenters[0].Clusters[0].VMs = []InventoryVM{{Name: "v", Host: "h1", Disks: []InventoryDisk{{CapacityGB: 1, DataBytes: 100}}}}
		}, "multiple of 16"},
		{"bad power state", func(inv *Inventory) {
			inv.Datacenters[0].Clusters[0].VMs = []InventoryVM{{Name: "v", Host: "h1", PowerState: "on"}}
		}, "power state"},
		{"unknown current snapshot", func(inv *Inventory) {
			inv.Datacenters[0].Clusters[0].VMs = []InventoryVM{{Name: "v", Host: "h1", Snapshots: []InventorySnapshot{{Name: "a"}}, CurrentSnapshot: "b"}}
		}, "current snapshot"},
		{"encrypted by unbacked provider", func(inv *Inventory) {
			inv.KeyProviders = append(inv.KeyProviders, InventoryProvider{Name: "U", Type: ProviderNative})
			inv.Datacenters[0].Clusters[0].VMs = []InventoryVM{{Name: "v", Host: "h1", Encryption: &InventoryEncryption{Provider: "U"}}}
		}, "Key provider U requires backup."},
		{"bad explicit id", func(inv *Inventory) { inv.Datacenters[0].Clusters[0].ID = "cluster-7" }, "domain-c"},
		{"duplicate explicit ids", func(inv *Inventory) {
			inv.Datacenters[0].Clusters[0].VMs = []InventoryVM{{ID: "vm-5", Name: "a", Host: "h1"}, {ID: "vm-5", Name: "b", Host: "h1"}}
		}, "duplicate"},
		{"datastore of another cluster", func(inv *Inventory) {
			inv.Datacenters[0].Clusters[0].VMs = []InventoryVM{{Name: "v", Host: "h1", Datastore: "elsewhere"}}
		}, "elsewhere"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			inv := smallInventory()
			c.mutate(&inv)
			_, err := NewFromInventory(inv)
			require.Error(t, err)
			assert.ErrorContains(t, err, c.msg)
		})
	}
}

func TestInventoryExplicitIDsAndJSON(t *testing.T) {
	data := []byte(`{
	  "vcenter": {"name": "vc.imported"},
	  "keyProviders": [{"name": "KMS", "type": "Standard"}],
	  "datacenters": [{"id": "datacenter-21", "name": "DC", "clusters": [{
	    "id": "domain-c1001", "name": "C", "defaultKeyProvider": "KMS",
	    "hosts": [{"id": "host-3001", "name": "h", "tpm": true}],
	    "vsan": {"esa": true, "encryption": {}},
	    "vms": [{"id": "vm-4001", "name": "v", "host": "h", "disks": [{"capacityGB": 1}], "encryption": {"disks": true}}]
	  }]}]
	}`)
	inv, err := ParseInventory(data)
	require.NoError(t, err)
	w, err := NewFromInventory(inv)
	require.NoError(t, err)
	v, err := w.VM("vm-4001")
	require.NoError(t, err)
	assert.Equal(t, "KMS", v.Key.ProviderID, "cluster default provider")
	cfg, err := w.Vsan("domain-c1001")
	require.NoError(t, err)
	assert.True(t, cfg.ESA)
	assert.Equal(t, "KMS", cfg.KeyProvider)
	assert.Empty(t, w.DefaultKeyProvider())
	s, err := w.CreateSnapshot("vm-4001", "s")
	require.NoError(t, err)
	assert.Equal(t, "snapshot-1001", s.ID.Value)
	assert.True(t, w.Verify().OK())

	_, err = ParseInventory([]byte(`{"vcenter": {"name": "x"}, "typo": 1}`))
	assert.ErrorContains(t, err, "typo")
	_, err = ParseInventory([]byte(`{"vcenter": {"name": "x"}} {}`))
	assert.ErrorContains(t, err, "trailing")
}
