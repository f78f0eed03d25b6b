package engine

import (
	"path/filepath"
	"slices"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// objectsOfProvider lists the names of the objects a provider's keys wrap,
// straight from the inspection listing.
func objectsOfProvider(w *World, name string) []string {
	var out []string
	for _, o := range w.CryptoObjects() {
		if o.ProviderID == name {
			out = append(out, o.Name)
		}
	}
	sort.Strings(out)
	return out
}

func refNames(refs []NamedRef) []string {
	var out []string
	for _, r := range refs {
		out = append(out, r.Name)
	}
	return out
}

func TestDependencyReport(t *testing.T) {
	w := demo(t)
	require.NoError(t, w.SetClusterDefaultKeyProvider(clusterID(t, w, "Dev"), "NKP-Primary"))
	d, err := w.KeyProviderDependencies("NKP-Primary")
	require.NoError(t, err)
	assert.Equal(t, []string{"web01", "web02", "db01", "app01", "tmpl-web", "jump01"}, refNames(d.VMs))
	assert.Equal(t, []string{"Prod"}, refNames(d.VsanClusters))
	assert.Equal(t, []string{"esx01.lab.local", "esx02.lab.local", "esx03.lab.local", "esx06.lab.local"}, refNames(d.Hosts))
	assert.True(t, d.DefaultForSystem)
	assert.Equal(t, []string{"Dev"}, refNames(d.DefaultForClusters))
	var names []string
	for _, o := range d.Objects {
		names = append(names, o.Owner.Name+" "+o.Object)
	}
	sort.Strings(names)
	assert.Equal(t, objectsOfProvider(w, "NKP-Primary"), names, "every object the provider's keys wrap, and only those")
	assert.True(t, d.InUse())
	assert.Equal(t, "6 VMs (14 VM objects), 1 vSAN cluster (3 disk groups) and 4 hosts", d.Summary())

	d, err = w.KeyProviderDependencies("NKP-Unbacked")
	require.NoError(t, err)
	assert.False(t, d.InUse())
	assert.Equal(t, "nothing", d.Summary())
	_, err = w.KeyProviderDependencies("NoSuch")
	requireFault(t, err, FaultNotFound)
}

// Deleting a provider objects still use locks them; importing its backup
// unlocks them: nothing is lost while a backup exists.
func TestRemoveLocksAndImportRestores(t *testing.T) {
	w := demo(t)
	saved := backup(t, w, "NKP-Primary", "")
	before := w.CryptoObjects()
	used := objectsOfProvider(w, "NKP-Primary")

	d, err := w.RemoveKeyProvider("NKP-Primary")
	require.NoError(t, err)
	assert.Len(t, d.Objects, len(used))
	assert.True(t, d.DefaultForSystem)
	assert.Equal(t, "", w.DefaultKeyProvider(), "vSphere picks no new default")
	_, err = w.KeyProvider("NKP-Primary")
	requireFault(t, err, FaultNotFound)

	web01 := vmNamed(t, w, "web01")
	assert.Equal(t, VMCryptoLocked, web01.CryptoState)
	assert.Equal(t, "NKP-Primary", web01.LockedBy)
	assert.Equal(t, VMCryptoUnlocked, vmNamed(t, w, "db02").CryptoState, "KMS-Standard's VM is untouched")

	r := w.Verify()
	require.False(t, r.OK())
	var failed []string
	for _, f := range r.Failures {
		failed = append(failed, f.Object)
		assert.Equal(t, "key provider NKP-Primary is missing", f.Reason, f.Object)
	}
	sort.Strings(failed)
	assert.Equal(t, used, failed, "exactly the provider's objects fail, with a clear reason")
	for _, o := range w.CryptoObjects() {
		if slices.Contains(used, o.Name) {
			assert.Equal(t, "key provider NKP-Primary is missing", o.Error)
			assert.Empty(t, o.DEKFingerprint)
		}
	}

	// Operations on locked objects fail with a clear fault.
	f := requireFault(t, w.ReconfigureCrypto(web01.ID.Value, CryptoChange{Home: CryptoShallowRecrypt, Provider: "NKP-Secondary"}), FaultInvalidState)
	assert.Contains(t, f.Message, "key provider NKP-Primary is missing")
	require.NoError(t, w.PowerOff(web01.ID.Value))
	requireFault(t, w.PowerOn(web01.ID.Value), FaultInvalidState)
	requireFault(t, w.RekeyVsan(clusterID(t, w, "Prod"), false), FaultInvalidState)
	// Without a default, encrypting needs an explicit provider.
	f = requireFault(t, w.ReconfigureCrypto(vmID(t, w, "dev01"), CryptoChange{Home: CryptoEncrypt}), FaultRuntime)
	assert.Contains(t, f.Message, "no system default")

	// A new provider may not take the name the locked objects wait for.
	_, err = w.CreateNativeKeyProvider("NKP-Primary", false)
	f = requireFault(t, err, FaultInUse)
	assert.Contains(t, f.Message, "Import that provider's backup")
	d2, err := w.KeyProviderDependencies("NKP-Primary")
	require.NoError(t, err, "the report works for a missing provider too")
	assert.Len(t, d2.Objects, len(used))

	// The locked world saves and loads.
	path := filepath.Join(t.TempDir(), "locked.json")
	require.NoError(t, w.Save(path))
	l, err := Load(path, WithClock(testClock))
	require.NoError(t, err)
	assert.Equal(t, VMCryptoLocked, vmNamed(t, l, "web01").CryptoState)

	// A backup of another provider named NKP-Primary does not open them.
	other := backup(t, demo(t), "NKP-Primary", "")
	_, err = l.ImportNativeKeyProviderBackup(other, "", ImportOptions{})
	f = requireFault(t, err, FaultInvalidArgument)
	assert.Contains(t, f.Message, "does not open 17 objects of the 17 locked objects")

	res, err := l.ImportNativeKeyProviderBackup(saved, "", ImportOptions{DryRun: true})
	require.NoError(t, err)
	assert.Equal(t, len(used), res.Unlocked)
	assert.Equal(t, VMCryptoLocked, vmNamed(t, l, "web01").CryptoState, "dry run")
	res, err = l.ImportNativeKeyProviderBackup(saved, "", ImportOptions{})
	require.NoError(t, err)
	assert.Equal(t, len(used), res.Unlocked)
	assert.True(t, l.Verify().OK(), "%v", l.Verify().Failures)
	assert.Equal(t, before, l.CryptoObjects(), "every DEK and ciphertext as before")
	assert.Equal(t, VMCryptoUnlocked, vmNamed(t, l, "web01").CryptoState)
	require.NoError(t, l.PowerOn(vmID(t, l, "web01")))
	require.NoError(t, l.RekeyVsan(clusterID(t, l, "Prod"), false))
	assert.Equal(t, "", l.DefaultKeyProvider(), "importing does not make it the default again")
}

func TestRemoveRules(t *testing.T) {
	w := demo(t)
	d, err := w.RemoveKeyProvider("NKP-Unbacked")
	require.NoError(t, err)
	assert.False(t, d.InUse())
	_, err = w.RemoveKeyProvider("NKP-Unbacked")
	requireFault(t, err, FaultNotFound)

	// A cluster default falls back to the system default.
	dev := clusterID(t, w, "Dev")
	_, err = w.CreateNativeKeyProvider("NKP-Dev", false)
	require.NoError(t, err)
	require.NoError(t, w.SetClusterDefaultKeyProvider(dev, "NKP-Dev"))
	d, err = w.RemoveKeyProvider("NKP-Dev")
	require.NoError(t, err)
	assert.False(t, d.InUse())
	assert.Equal(t, []string{"Dev"}, refNames(d.DefaultForClusters))
	c, _ := w.Cluster(dev)
	assert.Empty(t, c.DefaultKeyProvider)

	// A Standard provider in use would take its in-process KMS keys along.
	before := encoded(t, w)
	d, err = w.RemoveKeyProvider("KMS-Standard")
	f := requireFault(t, err, FaultInUse)
	assert.Contains(t, f.Message, "in-process KMS")
	assert.Equal(t, []string{"db02"}, refNames(d.VMs))
	assert.Equal(t, before, encoded(t, w))
	db02 := vmNamed(t, w, "db02")
	require.NoError(t, w.ReconfigureCrypto(db02.ID.Value, CryptoChange{Home: CryptoShallowRecrypt, Disks: allDisks(db02, CryptoShallowRecrypt), Provider: "NKP-Primary"}))
	_, err = w.RemoveKeyProvider("KMS-Standard")
	require.NoError(t, err)
	assert.True(t, w.Verify().OK())
}

// Rotation: NKP has none built in (it would break other vCenters that share
// the key). A new provider, backed up and made the default, and a shallow
// rekey of everything is the rotation; the old provider can then go.
func TestRotationIsANewProviderAndAShallowRekey(t *testing.T) {
	w := demo(t)
	before := w.CryptoObjects()
	_, err := w.CreateNativeKeyProvider("NKP-2027", false)
	require.NoError(t, err)
	_ = backup(t, w, "NKP-2027", "")
	require.NoError(t, w.SetDefaultKeyProvider("NKP-2027"))

	for _, vm := range w.VMs() {
		// vSphere cannot shallow-rekey a linked clone: jump01 gets a deep
		// rekey, powered off.
		op := CryptoShallowRecrypt
		if vm.Template {
			// vSphere changes nothing on a template: convert it first.
			_, err := w.MarkAsVirtualMachine(vm.ID.Value)
			require.NoError(t, err)
		}
		if vm.LinkedClone {
			op = CryptoDeepRecrypt
			require.NoError(t, w.PowerOff(vm.ID.Value))
		}
		ch := CryptoChange{Disks: map[int32]CryptoOp{}}
		if vm.Key != nil && vm.Key.ProviderID == "NKP-Primary" {
			ch.Home = op
		}
		for _, d := range vm.Disks {
			if d.Key != nil && d.Key.ProviderID == "NKP-Primary" {
				ch.Disks[d.DeviceKey] = op
			}
		}
		require.NoError(t, w.ReconfigureCrypto(vm.ID.Value, ch), vm.Name)
	}
	require.NoError(t, w.ReconfigureVsanEncryption(clusterID(t, w, "Prod"), VsanEncryptionSpec{Provider: "NKP-2027"}))

	d, err := w.KeyProviderDependencies("NKP-Primary")
	require.NoError(t, err)
	assert.Empty(t, d.Objects, "no object needs the old provider")
	assert.Empty(t, d.VsanClusters)
	assert.NotEmpty(t, d.Hosts, "host keys stay until the hosts are rekeyed (Set-VMHost), which is host crypto's business")
	_, err = w.RemoveKeyProvider("NKP-Primary")
	require.NoError(t, err)
	require.True(t, w.Verify().OK())

	after := map[string]ObjectCrypto{}
	for _, o := range w.CryptoObjects() {
		after[o.Name] = o
	}
	for _, o := range before {
		a := after[o.Name]
		if o.ProviderID != "NKP-Primary" {
			assert.Equal(t, o, a, "%s untouched", o.Name)
			continue
		}
		assert.Equal(t, "NKP-2027", a.ProviderID, o.Name)
		assert.NotEqual(t, o.KeyID, a.KeyID, o.Name)
		if o.OwnerName == "jump01" {
			assert.NotEqual(t, o.DEKFingerprint, a.DEKFingerprint, "%s: a deep rekey replaces the DEK", o.Name)
			continue
		}
		assert.Equal(t, o.DEKFingerprint, a.DEKFingerprint, "%s: a shallow rekey keeps the DEK", o.Name)
		assert.Equal(t, o.CiphertextHash, a.CiphertextHash, "%s: and the data", o.Name)
	}
}

// A VM's files move to another vCenter (a replica, a restore, a migration):
// locked there until the provider's backup is imported, then it decrypts.
func TestMoveVMToAnotherWorld(t *testing.T) {
	a := demo(t)
	saved := backup(t, a, "NKP-Primary", "")
	files, err := a.ExportVM(vmID(t, a, "web01"))
	require.NoError(t, err)
	_, err = a.ExportVM(vmID(t, a, "jump01"))
	requireFault(t, err, FaultNotSupported)

	b, err := NewFromInventory(smallInventory(), WithClock(testClock))
	require.NoError(t, err)
	host := b.Hosts()[0]
	vm, err := b.RegisterVM(files, host.ID.Value)
	require.NoError(t, err)
	assert.Equal(t, "web01", vm.Name)
	assert.Equal(t, PoweredOff, vm.PowerState)
	assert.Equal(t, VMCryptoLocked, vm.CryptoState)
	assert.Equal(t, "NKP-Primary", vm.LockedBy)
	h, _ := b.Host(host.ID.Value)
	assert.Equal(t, HostCryptoIncapable, h.CryptoState, "no keys reached the host")

	// Unreadable before the import.
	r := b.Verify()
	require.Len(t, r.Failures, 3)
	for _, f := range r.Failures {
		assert.Equal(t, "key provider NKP-Primary is missing", f.Reason)
	}
	requireFault(t, b.PowerOn(vm.ID.Value), FaultInvalidState)
	_, err = b.RegisterVM(files, host.ID.Value)
	requireFault(t, err, FaultAlreadyExists)

	res, err := b.ImportNativeKeyProviderBackup(saved, "", ImportOptions{})
	require.NoError(t, err)
	assert.Equal(t, 3, res.Unlocked)
	assert.True(t, b.Verify().OK(), "%v", b.Verify().Failures)
	require.NoError(t, b.PowerOn(vm.ID.Value))
	h, _ = b.Host(host.ID.Value)
	assert.Equal(t, HostCryptoPrepared, h.CryptoState, "prepared for the keys it now holds")

	// The same DEKs, the same ciphertext, the same plaintext.
	for label, o := range objectsOf(t, b, "web01") {
		ao := objectsOf(t, a, "web01")[label]
		assert.Equal(t, ao.DEKFingerprint, o.DEKFingerprint, label)
		assert.Equal(t, ao.CiphertextHash, o.CiphertextHash, label)
		assert.Equal(t, ao.PlaintextHash, o.PlaintextHash, label)
	}
	b.mu.RLock()
	kr := b.newKeyring()
	pt, dek, err := kr.open(&b.vms[vm.ID.Value].Disks[0].Object)
	kr.close()
	b.mu.RUnlock()
	require.NoError(t, err)
	clear(dek)
	assert.Equal(t, DiskPlaintext("web01", "Hard disk 1", len(pt)), pt)
}

func TestRegisterVMValidates(t *testing.T) {
	a := demo(t)
	files, err := a.ExportVM(vmID(t, a, "dev04"))
	require.NoError(t, err)
	assert.Len(t, files.Snapshots, 1)
	b, err := NewFromInventory(smallInventory(), WithClock(testClock))
	require.NoError(t, err)
	host := b.Hosts()[0].ID.Value
	for name, mutate := range map[string]func(*VMFiles){
		"no name":           func(f *VMFiles) { f.Name = "" },
		"short wrapped DEK": func(f *VMFiles) { f.Home.WrappedDEK = f.Home.WrappedDEK[:8] },
		"encrypted disk":    func(f *VMFiles) { f.Home = ObjectFile{Data: f.Disks[0].Object.Data, SHA256: f.Disks[0].Object.SHA256} },
		"bad firmware":      func(f *VMFiles) { f.Firmware = "coreboot" },
		"two current snapshots": func(f *VMFiles) {
			f.Snapshots = append(f.Snapshots, SnapshotFile{Name: "x", Current: true}, SnapshotFile{Name: "y", Current: true})
		},
	} {
		t.Run(name, func(t *testing.T) {
			f := files
			f.Disks = slices.Clone(files.Disks)
			mutate(&f)
			_, err := b.RegisterVM(f, host)
			requireFault(t, err, FaultInvalidArgument)
		})
	}
	_, err = b.RegisterVM(files, "host-999")
	requireFault(t, err, FaultNotFound)
	vm, err := b.RegisterVM(files, host)
	require.NoError(t, err)
	require.Len(t, vm.Snapshots, 1)
	assert.Len(t, vm.Snapshots[0].Children, 2, "the snapshot tree comes along")
	assert.NotEmpty(t, vm.CurrentSnapshot)
	assert.Equal(t, "[ds1] dev04/dev04.vmdk", vm.Disks[0].FileName)
}
