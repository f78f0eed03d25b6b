package engine

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDemoInventory(t *testing.T) {
	w := demo(t)

	vc := w.VCenter()
	assert.Equal(t, "vcsa01.lab.local", vc.Name)
	assert.Equal(t, "8.0.3", vc.Version)
	assert.Equal(t, "8.0.3.0", vc.APIVersion)

	dcs := w.Datacenters()
	require.Len(t, dcs, 1)
	assert.Equal(t, MoRef{TypeDatacenter, "datacenter-2"}, dcs[0].ID)
	assert.Equal(t, "DC1", dcs[0].Name)
	assert.Len(t, dcs[0].Clusters, 3)

	var clusters []string
	for _, c := range w.Clusters() {
		clusters = append(clusters, c.Name+"="+c.ID.Value)
	}
	assert.Equal(t, []string{"Prod=domain-c8", "Dev=domain-c9", "Mgmt=domain-c10"}, clusters)

	var names, ids []string
	for _, v := range w.VMs() {
		names = append(names, v.Name)
		ids = append(ids, v.ID.String())
		assert.Equal(t, "vmx-20", v.HardwareVersion)
		assert.NotEmpty(t, v.InstanceUUID)
		assert.NotEmpty(t, v.Disks)
		assert.Equal(t, v.Key != nil, v.Encrypted())
	}
	assert.Equal(t, []string{"web01", "web02", "db01", "db02", "app01", "tmpl-web", "dev01", "dev02", "dev03", "dev04", "jump01", "util01"}, names)
	assert.Equal(t, "VirtualMachine-vm-101", ids[0])
	assert.Equal(t, "VirtualMachine-vm-100", ids[5], "the template's explicit id keeps the other VMs' ids")
	assert.Equal(t, "VirtualMachine-vm-111", ids[11])

	var providers []string
	for _, p := range w.KeyProviders() {
		providers = append(providers, p.Name)
		assert.False(t, p.TpmRequired)
	}
	assert.Equal(t, []string{"NKP-Primary", "NKP-Secondary", "KMS-Standard", "NKP-Unbacked"}, providers)
	assert.Equal(t, "NKP-Primary", w.DefaultKeyProvider())

	hosts := map[string]Host{}
	for _, h := range w.Hosts() {
		hosts[h.Name] = h
		assert.Equal(t, "connected", h.ConnectionState)
	}
	require.Len(t, hosts, 6)
	for name, tpm := range map[string]bool{"esx01.lab.local": true, "esx03.lab.local": true, "esx04.lab.local": false, "esx05.lab.local": false, "esx06.lab.local": true} {
		assert.Equal(t, tpm, hosts[name].HasTPM, name)
	}
	// Prod and Mgmt hosts have a host key from NKP-Primary; Dev's are
	// prepared (dev04 is encrypted on esx05) without one.
	for _, name := range []string{"esx01.lab.local", "esx02.lab.local", "esx03.lab.local", "esx06.lab.local"} {
		assert.Equal(t, HostCryptoSafe, hosts[name].CryptoState, name)
		require.NotNil(t, hosts[name].CryptoKey, name)
		assert.Equal(t, "NKP-Primary", hosts[name].CryptoKey.ProviderID, name)
	}
	for _, name := range []string{"esx04.lab.local", "esx05.lab.local"} {
		assert.Equal(t, HostCryptoPrepared, hosts[name].CryptoState, name)
		assert.Nil(t, hosts[name].CryptoKey, name)
	}
	assert.Equal(t, MoRef{TypeHost, "host-10"}, hosts["esx01.lab.local"].ID)
}

func TestDemoVMs(t *testing.T) {
	w := demo(t)
	type want struct {
		power       PowerState
		provider    string // "" = not encrypted
		disksEnc    bool
		snapshots   int
		linkedClone bool
		vtpm        bool
		cluster     string
	}
	cases := map[string]want{
		"web01":  {PoweredOn, "NKP-Primary", true, 0, false, false, "Prod"},
		"web02":  {PoweredOn, "NKP-Primary", true, 0, false, false, "Prod"},
		"db01":   {PoweredOn, "NKP-Primary", true, 1, false, false, "Prod"},
		"db02":   {PoweredOff, "KMS-Standard", true, 0, false, false, "Prod"},
		"app01":  {PoweredOn, "NKP-Primary", false, 0, false, true, "Prod"},
		"dev01":  {PoweredOff, "", false, 0, false, false, "Dev"},
		"dev02":  {PoweredOff, "", false, 0, false, false, "Dev"},
		"dev03":  {PoweredOff, "", false, 0, false, false, "Dev"},
		"dev04":  {PoweredOff, "NKP-Secondary", true, 1, false, false, "Dev"},
		"jump01": {PoweredOn, "NKP-Primary", true, 0, true, false, "Mgmt"},
		"util01": {PoweredOn, "", false, 0, false, false, "Mgmt"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			v := vmNamed(t, w, name)
			assert.Equal(t, c.power, v.PowerState)
			if c.provider == "" {
				assert.Nil(t, v.Key)
				assert.Empty(t, v.CryptoState)
			} else {
				require.NotNil(t, v.Key)
				assert.Equal(t, c.provider, v.Key.ProviderID)
				assert.Equal(t, VMCryptoUnlocked, v.CryptoState)
			}
			for _, d := range v.Disks {
				if c.disksEnc {
					require.NotNil(t, d.Key, d.Label)
					assert.Equal(t, *v.Key, *d.Key, "home and disks share the operation's key")
				} else {
					assert.Nil(t, d.Key, d.Label)
				}
			}
			assert.Len(t, v.Snapshots, c.snapshots)
			assert.Equal(t, c.linkedClone, v.LinkedClone)
			assert.Equal(t, c.vtpm, v.VTPM)
			cl, err := w.Cluster(v.Cluster.Value)
			require.NoError(t, err)
			assert.Equal(t, c.cluster, cl.Name)
		})
	}

	dev04 := vmNamed(t, w, "dev04")
	require.Len(t, dev04.Snapshots, 1)
	assert.Equal(t, "base", dev04.Snapshots[0].Name)
	require.Len(t, dev04.Snapshots[0].Children, 2)
	assert.Equal(t, dev04.Snapshots[0].Children[1].ID.Value, dev04.CurrentSnapshot)

	db01 := vmNamed(t, w, "db01")
	assert.Equal(t, db01.Snapshots[0].ID.Value, db01.CurrentSnapshot)
	assert.Equal(t, []string{"Hard disk 1", "Hard disk 2"}, []string{db01.Disks[0].Label, db01.Disks[1].Label})
	assert.Equal(t, []int32{2000, 2001}, []int32{db01.Disks[0].DeviceKey, db01.Disks[1].DeviceKey})
	assert.Equal(t, "[vsanDatastore] db01/db01_1.vmdk", db01.Disks[1].FileName)
	assert.Equal(t, "[vsanDatastore] db01/db01.vmx", db01.VMPathName)

	v, err := w.Vsan(clusterID(t, w, "Prod"))
	require.NoError(t, err)
	assert.True(t, v.Enabled && v.EncryptionEnabled && !v.ESA && !v.Changing)
	assert.Equal(t, "NKP-Primary", v.KeyProvider)
	assert.Len(t, v.DiskGroups, 3)
	v, err = w.Vsan(clusterID(t, w, "Dev"))
	require.NoError(t, err)
	assert.True(t, v.Enabled)
	assert.False(t, v.EncryptionEnabled)
	v, err = w.Vsan(clusterID(t, w, "Mgmt"))
	require.NoError(t, err)
	assert.False(t, v.Enabled)

	report := w.Verify()
	assert.True(t, report.OK(), "%+v", report.Failures)
	assert.Equal(t, 34, report.Objects)
}

func TestLookupsAcceptBothIDForms(t *testing.T) {
	w := demo(t)
	a, err := w.VM("vm-101")
	require.NoError(t, err)
	b, err := w.VM("VirtualMachine-vm-101")
	require.NoError(t, err)
	assert.Equal(t, a, b)
	_, err = w.Host("HostSystem-host-10")
	require.NoError(t, err)
	_, err = w.Cluster("ClusterComputeResource-domain-c8")
	require.NoError(t, err)
	_, err = w.Datastore("Datastore-datastore-20")
	require.NoError(t, err)

	for _, err := range []error{
		func() error { _, err := w.VM("vm-999"); return err }(),
		func() error { _, err := w.Host("host-999"); return err }(),
		func() error { _, err := w.Cluster("domain-c999"); return err }(),
		func() error { _, err := w.Datastore("datastore-999"); return err }(),
		func() error { _, err := w.KeyProvider("nope"); return err }(),
		func() error { _, err := w.Vsan("domain-c999"); return err }(),
	} {
		requireFault(t, err, FaultNotFound)
	}
}

// Reads return copies: changing them must not reach the world.
func TestReadsReturnCopies(t *testing.T) {
	w := demo(t)
	v := vmNamed(t, w, "web01")
	v.Disks[0].Key.KeyID = "mutated"
	v.Key.ProviderID = "mutated"
	v.Disks[0].Label = "mutated"
	d := vmNamed(t, w, "dev04")
	d.Snapshots[0].Children[0].Name = "mutated"
	h := w.Hosts()
	h[0].CryptoKey.KeyID = "mutated"

	again := vmNamed(t, w, "web01")
	assert.NotEqual(t, "mutated", again.Disks[0].Key.KeyID)
	assert.NotEqual(t, "mutated", again.Key.ProviderID)
	assert.Equal(t, "Hard disk 1", again.Disks[0].Label)
	assert.Equal(t, "feature-a", vmNamed(t, w, "dev04").Snapshots[0].Children[0].Name)
	assert.NotEqual(t, "mutated", w.Hosts()[0].CryptoKey.KeyID)
}

func TestGenerationCountsMutations(t *testing.T) {
	w := demo(t)
	assert.Zero(t, w.Generation())
	require.NoError(t, w.PowerOff(vmID(t, w, "web01")))
	assert.EqualValues(t, 1, w.Generation())
	// A refused mutation does not count.
	requireFault(t, w.PowerOff(vmID(t, w, "web01")), FaultInvalidPowerState)
	assert.EqualValues(t, 1, w.Generation())
	// Nothing to do: nothing changes.
	require.NoError(t, w.ReconfigureCrypto(vmID(t, w, "web01"), CryptoChange{}))
	require.NoError(t, w.SetDefaultKeyProvider("NKP-Primary"))
	assert.EqualValues(t, 1, w.Generation())
	require.NoError(t, w.ReconfigureCrypto(vmID(t, w, "web01"), CryptoChange{Home: CryptoShallowRecrypt}))
	assert.EqualValues(t, 2, w.Generation())
}

// Readers and writers at once; run with -race.
func TestConcurrentUse(t *testing.T) {
	w := demo(t)
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Add(2)
		go func() {
			defer wg.Done()
			for range 20 {
				_ = w.VMs()
				_ = w.CryptoObjects()
				_ = w.Generation()
			}
		}()
		go func() {
			defer wg.Done()
			name := []string{"web01", "web02", "db01", "app01"}[i]
			id := vmID(t, w, name)
			for range 20 {
				assert.NoError(t, w.ReconfigureCrypto(id, CryptoChange{Home: CryptoShallowRecrypt}))
			}
		}()
	}
	wg.Wait()
	assert.EqualValues(t, 80, w.Generation())
	assert.True(t, w.Verify().OK())
}
