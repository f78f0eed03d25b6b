package engine

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFleetOpensDemoVCentersOnDemand(t *testing.T) {
	f := NewFleet(demo(t), WithClock(testClock))
	defer f.Close()
	gen := f.Generation()

	tests := []struct {
		name, want string
		err        bool
	}{
		{"vcsa01.lab.local", "vcsa01.lab.local", false},
		{"VCSA01", "vcsa01.lab.local", false},
		{"vcsa02", "vcsa02.lab.local", false},
		{"vcsa02.lab.local", "vcsa02.lab.local", false},
		{"vcsa99.lab.local", "", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w, err := f.Open(tc.name)
			if tc.err {
				require.ErrorIs(t, err, ErrUnknownVCenter)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, w.VCenter().Name)
		})
	}
	assert.Len(t, f.Worlds(), 2, "vcsa02 built once")
	assert.Equal(t, gen+1, f.Generation(), "a new vCenter counts as a change")
	dr := f.Find("vcsa02")
	require.NotNil(t, dr)
	assert.Equal(t, "NKP-DR", dr.DefaultKeyProvider())
	assert.Equal(t, []string{"dr-web01", "dr-util01"}, []string{dr.VMs()[0].Name, dr.VMs()[1].Name})
	assert.True(t, dr.Verify().OK())
	assert.Error(t, f.Add(demo(t)), "the same vCenter twice")
}

func TestFleetSaveAndLoad(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "state.json")
	key := testKey(t, 7)
	f := NewFleet(demo(t, WithStateKey(key)), WithClock(testClock), WithStateKey(key))
	dr, err := f.Open("vcsa02")
	require.NoError(t, err)
	// A provider moves from one vCenter to the other through its backup.
	var p12 []byte
	_, err = f.Primary().ExportNativeKeyProvider("NKP-Primary", "pw", func(b []byte) error { p12 = b; return nil })
	require.NoError(t, err)
	_, err = dr.ImportNativeKeyProviderBackup(p12, "pw", ImportOptions{})
	require.NoError(t, err)
	require.NoError(t, dr.ReconfigureCrypto(vmID(t, dr, "dr-web01"), CryptoChange{Home: CryptoShallowRecrypt, Disks: allDisks(vmNamed(t, dr, "dr-web01"), CryptoShallowRecrypt), Provider: "NKP-Primary"}))
	require.NoError(t, f.Save(path))
	f.Close()

	g, err := LoadFleet(path, WithStateKey(key))
	require.NoError(t, err)
	defer g.Close()
	require.Len(t, g.Worlds(), 2)
	assert.Equal(t, g.Primary().Generation()+g.Worlds()[1].Generation(), g.Generation(), "loading adds no vCenter")
	dr2 := g.Find("vcsa02.lab.local")
	require.NotNil(t, dr2)
	assert.Equal(t, "NKP-Primary", vmNamed(t, dr2, "dr-web01").Key.ProviderID)
	assert.True(t, dr2.Verify().OK(), "the imported provider's keys open the rekeyed VM after a reload")
	assert.True(t, g.Primary().Verify().OK())

	// Load reads the primary vCenter of a fleet's file.
	w, err := Load(path, WithStateKey(key))
	require.NoError(t, err)
	defer w.Close()
	assert.Equal(t, "vcsa01.lab.local", w.VCenter().Name)

	// A single vCenter's file is a fleet of one.
	single := filepath.Join(dir, "single.json")
	require.NoError(t, demo(t, WithStateKey(key)).Save(single))
	h, err := LoadFleet(single, WithStateKey(key))
	require.NoError(t, err)
	defer h.Close()
	assert.Len(t, h.Worlds(), 1)
	data, err := os.ReadFile(single)
	require.NoError(t, err)
	assert.NotContains(t, string(data), `"vcenters"`, "a single vCenter's file is written as before")
}

func TestKMSServers(t *testing.T) {
	w := demo(t)
	addr, port, bad := "kms02.lab.local", 5696, 0
	servers := w.KMSServers()
	require.Len(t, servers, 1)
	assert.Equal(t, KMSServer{Provider: "KMS-Standard", Name: "kms01", Address: "kms01.lab.local", Port: 5696, Trusted: true}, servers[0])

	k, err := w.AddKMSServer("KMS-DR", KMSServerSpec{Name: "kms02", Address: &addr, Port: &port})
	require.NoError(t, err)
	assert.Equal(t, "KMS-DR", k.Provider)
	p, err := w.KeyProvider("KMS-DR")
	require.NoError(t, err, "a new provider name creates a standard provider")
	assert.Equal(t, ProviderStandard, p.Type)

	_, err = w.AddKMSServer("KMS-DR", KMSServerSpec{Name: "kms02", Address: &addr, Port: &port})
	requireFault(t, err, FaultAlreadyExists)
	_, err = w.AddKMSServer("KMS-DR", KMSServerSpec{Name: "kms03", Address: &addr, Port: &bad})
	requireFault(t, err, FaultInvalidArgument)
	_, err = w.AddKMSServer("NKP-Primary", KMSServerSpec{Address: &addr, Port: &port})
	requireFault(t, err, FaultNotSupported)

	trusted, untrusted, clear := true, false, -1
	k, err = w.UpdateKMSServer("KMS-DR", "kms02", KMSServerSpec{Trusted: &trusted, ProxyPort: &clear})
	require.NoError(t, err)
	assert.True(t, k.Trusted)
	_, err = w.UpdateKMSServer("KMS-DR", "kms02", KMSServerSpec{Trusted: &untrusted})
	requireFault(t, err, FaultNotSupported)
	require.NoError(t, w.RemoveKMSServer("KMS-DR", "kms02"))
	requireFault(t, w.RemoveKMSServer("KMS-DR", "kms02"), FaultNotFound)
	_, err = w.KeyProvider("KMS-DR")
	require.NoError(t, err, "the provider stays")
}

func TestCreateAndRenameVM(t *testing.T) {
	w := demo(t)
	host := w.Hosts()[3] // esx04, Dev
	vm, err := w.CreateVM(VMSpec{Name: "new01", Host: host.ID.Value, DisksKB: []int64{20 << 20, 30 << 20}, Encrypt: true, Provider: "NKP-Secondary"})
	require.NoError(t, err)
	assert.Equal(t, "VirtualMachine-vm-112", vm.ID.String())
	assert.Equal(t, PoweredOff, vm.PowerState)
	require.NotNil(t, vm.Key)
	assert.Equal(t, "NKP-Secondary", vm.Key.ProviderID)
	assert.Equal(t, vm.Key.KeyID, vm.Disks[1].Key.KeyID)
	assert.Equal(t, "[vsanDatastore (1)] new01/new01_1.vmdk", vm.Disks[1].FileName)

	plain, err := w.CreateVM(VMSpec{Name: "new02", Host: host.ID.Value, DisksKB: []int64{1 << 20}, Encrypt: true, SkipDisks: true})
	require.NoError(t, err)
	assert.Equal(t, "NKP-Primary", plain.Key.ProviderID, "the default provider")
	assert.Nil(t, plain.Disks[0].Key)

	_, err = w.CreateVM(VMSpec{Name: "web01", Host: host.ID.Value})
	requireFault(t, err, FaultAlreadyExists)
	_, err = w.CreateVM(VMSpec{Name: "bad", Host: host.ID.Value, Encrypt: true, Provider: "NKP-Unbacked"})
	requireFault(t, err, FaultInvalidState)
	assert.Len(t, w.VMs(), 14, "a refused VM leaves nothing")

	renamed, err := w.RenameVM(vm.ID.Value, "new01-enc")
	require.NoError(t, err)
	assert.Equal(t, "new01-enc", renamed.Name)
	_, err = w.RenameVM(vm.ID.Value, "dev01")
	requireFault(t, err, FaultAlreadyExists)
	assert.True(t, w.Verify().OK())
}

func TestSetNativeKeyProviderKeyID(t *testing.T) {
	w := demo(t)
	const id = "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9"
	_, err := w.SetNativeKeyProviderKeyID("NKP-Primary", id)
	requireFault(t, err, FaultInUse)
	_, err = w.SetNativeKeyProviderKeyID("KMS-Standard", id)
	requireFault(t, err, FaultNotSupported)
	_, err = w.SetNativeKeyProviderKeyID("NKP-Unbacked", "not-a-uuid")
	requireFault(t, err, FaultInvalidArgument)
	p, err := w.SetNativeKeyProviderKeyID("NKP-Unbacked", id)
	require.NoError(t, err)
	assert.Equal(t, id, p.KeyID)
	assert.False(t, p.BackedUp, "a new key id needs a new backup")
}

func TestVsanDeepRekeyTakesPacedTime(t *testing.T) {
	w := demo(t)
	w.SetWorkPace(100 * time.Microsecond) // Prod: 4096 GiB per disk group, about 0.4 s each
	start := time.Now()
	task, err := w.StartVsanRekey(clusterID(t, w, "Prod"), VsanRekeyOptions{Deep: true})
	require.NoError(t, err)
	v, err := w.Vsan(clusterID(t, w, "Prod"))
	require.NoError(t, err)
	assert.True(t, v.Changing, "observable while it runs")
	require.NoError(t, task.Wait())
	assert.GreaterOrEqual(t, time.Since(start), 3*400*time.Millisecond)

	w.SetWorkPace(time.Hour) // a shallow rekey moves no data: not paced
	require.NoError(t, w.RekeyVsan(clusterID(t, w, "Prod"), false))
}
