package engine

import (
	"errors"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func linksOfVM(t testing.TB, w *World, vm string) []ObjectCrypto {
	t.Helper()
	l, err := w.SnapshotLinks(vmID(t, w, vm))
	require.NoError(t, err)
	return l
}

// Every snapshot keeps a link per object, encrypted with the object's DEK
// under its own wrapped copy.
func TestSnapshotLinksShareTheirObjectsDEK(t *testing.T) {
	w := demo(t)
	web01 := vmNamed(t, w, "web01")
	s, err := w.CreateSnapshot(web01.ID.Value, "before patch")
	require.NoError(t, err)
	assert.Equal(t, 3, vmNamed(t, w, "web01").Snapshots[0].Links)
	objs := objectsOf(t, w, "web01")
	for _, l := range linksOfVM(t, w, "web01") {
		base := objs[l.Object[:len(l.Object)-len(" @ snapshot 'before patch'")]]
		assert.Equal(t, ObjectSnapshotLink, l.Kind)
		assert.True(t, l.Encrypted, l.Name)
		assert.Equal(t, base.KeyID, l.KeyID, l.Name)
		assert.Equal(t, base.DEKFingerprint, l.DEKFingerprint, "%s shares its object's DEK", l.Name)
		assert.Empty(t, l.Error)
	}
	r := w.Verify()
	assert.True(t, r.OK())
	assert.Equal(t, 34, r.Objects, "links are counted apart")
	assert.Equal(t, 3+3+6, r.Links, "db01's, dev04's three snapshots' and web01's links")
	require.NoError(t, w.RemoveSnapshot(web01.ID.Value, s.ID.Value, false))
	assert.Empty(t, linksOfVM(t, w, "web01"), "consolidated")

	// A plaintext VM's links are plaintext.
	dev01 := vmID(t, w, "dev01")
	_, err = w.CreateSnapshot(dev01, "plain")
	require.NoError(t, err)
	for _, l := range linksOfVM(t, w, "dev01") {
		assert.False(t, l.Encrypted)
	}
}

// A shallow recrypt interrupted part-way leaves the links it reached under
// the new KEK and the others under the old one. The VM still opens (with
// both KEKs), snapshot operations wait for the shallow recrypt to be
// reissued, and reissuing it makes every chain whole again.
func TestInterruptedShallowRecrypt(t *testing.T) {
	const steps = 6 // db01: home and two disks, then their three links
	for after := 0; after <= steps; after++ {
		t.Run(string(rune('0'+after)), func(t *testing.T) {
			w := demo(t)
			db01 := vmNamed(t, w, "db01")
			oldKey := *db01.Key
			before := encoded(t, w)
			change := CryptoChange{Home: CryptoShallowRecrypt, Disks: allDisks(db01, CryptoShallowRecrypt), Provider: "NKP-Secondary"}
			require.NoError(t, w.InjectFault(FaultShallowRecryptLink, after))
			err := w.ReconfigureCrypto(db01.ID.Value, change)
			if after == steps {
				require.NoError(t, err, "the fault point lies past the last link")
				assert.False(t, vmNamed(t, w, "db01").KeyChainMixed)
				return
			}
			f := requireFault(t, err, FaultRuntime)
			var inj *errInjected
			require.True(t, errors.As(err, &inj))
			if after == 0 {
				assert.Equal(t, before, encoded(t, w), "nothing was rewrapped")
				return
			}
			assert.Contains(t, f.Message, "Reissue the shallow recrypt before any snapshot operation.")

			newKeys := 0
			all := append(w.describe(nil), linksOfVM(t, w, "db01")...)
			for _, o := range objectsOf(t, w, "db01") {
				all = append(all, o)
			}
			for _, o := range all {
				if o.ProviderID == "NKP-Secondary" {
					newKeys++
				} else {
					assert.Equal(t, oldKey.KeyID, o.KeyID, o.Name)
				}
				assert.Empty(t, o.Error, "%s opens with its own key", o.Name)
			}
			assert.Equal(t, after, newKeys)

			v := vmNamed(t, w, "db01")
			assert.True(t, v.KeyChainMixed)
			r := w.Verify()
			assert.True(t, r.OK(), "%v %v", r.Failures, r.LinkFailures)
			assert.Equal(t, []string{"db01"}, r.MixedChains)

			require.NoError(t, w.PowerOff(db01.ID.Value))
			require.NoError(t, w.PowerOn(db01.ID.Value), "the host has both KEKs")
			_, err = w.CreateSnapshot(db01.ID.Value, "x")
			requireFault(t, err, FaultInvalidState)
			requireFault(t, w.RemoveSnapshot(db01.ID.Value, db01.Snapshots[0].ID.Value, false), FaultInvalidState)
			requireFault(t, w.RevertToSnapshot(db01.ID.Value, db01.Snapshots[0].ID.Value), FaultInvalidState)

			// A mixed chain survives save and load.
			path := filepath.Join(t.TempDir(), "mixed.json")
			require.NoError(t, w.Save(path))
			l, err := Load(path, WithClock(testClock))
			require.NoError(t, err)
			assert.True(t, vmNamed(t, l, "db01").KeyChainMixed)

			// Reissued, the shallow recrypt rewraps every link, each opened
			// with its own key.
			require.NoError(t, l.ReconfigureCrypto(db01.ID.Value, change))
			v = vmNamed(t, l, "db01")
			assert.False(t, v.KeyChainMixed)
			for _, o := range linksOfVM(t, l, "db01") {
				assert.Equal(t, v.Key.KeyID, o.KeyID, o.Name)
			}
			assert.True(t, l.Verify().OK())
			_, err = l.CreateSnapshot(db01.ID.Value, "after")
			require.NoError(t, err)
		})
	}
}

// A home-only shallow recrypt (-SkipHardDisks) rewraps the home's links and
// leaves the disks' chains alone.
func TestSkipHardDisksRewrapsOnlyTheHomeChain(t *testing.T) {
	w := demo(t)
	db01 := vmNamed(t, w, "db01")
	require.NoError(t, w.ReconfigureCrypto(db01.ID.Value, CryptoChange{Home: CryptoShallowRecrypt, Provider: "NKP-Secondary"}))
	v := vmNamed(t, w, "db01")
	assert.False(t, v.KeyChainMixed, "each chain is whole: the home's under the new KEK, the disks' under the old")
	for _, l := range linksOfVM(t, w, "db01") {
		if l.DeviceKey == homeLink {
			assert.Equal(t, "NKP-Secondary", l.ProviderID)
		} else {
			assert.Equal(t, "NKP-Primary", l.ProviderID)
		}
	}
	assert.True(t, w.Verify().OK())
}

// Links travel with the VM's files.
func TestLinksTravelWithVMFiles(t *testing.T) {
	a := demo(t)
	files, err := a.ExportVM(vmID(t, a, "dev04"))
	require.NoError(t, err)
	require.Len(t, files.Snapshots[0].Links, 2)
	assert.Equal(t, "", files.Snapshots[0].Links[0].Disk)
	assert.Equal(t, "Hard disk 1", files.Snapshots[0].Links[1].Disk)

	b := demo(t)
	_, err = b.UnregisterVM(vmID(t, b, "dev04"))
	require.NoError(t, err)
	// b has a provider named NKP-Secondary too, but another one: vCenter
	// finds keys by provider name, so the VM does not show locked, yet it
	// does not open (the NKP FAQ's warning about providers named alike).
	_, err = b.RegisterVM(files, hostNamed(t, b, "esx04.lab.local").ID.Value)
	require.NoError(t, err)
	assert.Equal(t, VMCryptoUnlocked, vmNamed(t, b, "dev04").CryptoState)
	requireFault(t, b.PowerOn(vmID(t, b, "dev04")), FaultRuntime)
	assert.Len(t, b.Verify().LinkFailures, 6)

	c := demo(t)
	saved := backup(t, a, "NKP-Secondary", "")
	_, err = c.RemoveKeyProvider("NKP-Secondary")
	require.NoError(t, err)
	_, err = c.UnregisterVM(vmID(t, c, "dev04"))
	require.NoError(t, err)
	_, err = c.ImportNativeKeyProviderBackup(saved, "", ImportOptions{})
	require.NoError(t, err)
	vm, err := c.RegisterVM(files, hostNamed(t, c, "esx04.lab.local").ID.Value)
	require.NoError(t, err)
	assert.Equal(t, VMCryptoUnlocked, vm.CryptoState)
	assert.Len(t, linksOfVM(t, c, "dev04"), 6)
	assert.True(t, c.Verify().OK())

	bad := files
	bad.Snapshots = []SnapshotFile{{Name: "x", Links: []LinkFile{{Disk: "Hard disk 9", Object: files.Home}}}}
	_, err = c.RegisterVM(bad, hostNamed(t, c, "esx04.lab.local").ID.Value)
	requireFault(t, err, FaultAlreadyExists)
	bad.Name = "dev04b"
	_, err = c.RegisterVM(bad, hostNamed(t, c, "esx04.lab.local").ID.Value)
	requireFault(t, err, FaultInvalidArgument)
}
