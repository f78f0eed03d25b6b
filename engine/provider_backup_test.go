package engine

import (
	"bytes"
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/keyhost/keyhost/engine/nkpbackup"
)

// backup exports a provider to memory.
func backup(t testing.TB, w *World, name, password string) []byte {
	t.Helper()
	var data []byte
	_, err := w.ExportNativeKeyProvider(name, password, func(b []byte) error { data = bytes.Clone(b); return nil })
	require.NoError(t, err)
	return data
}

func TestExportMarksBackedUp(t *testing.T) {
	w := demo(t)
	kp, err := w.CreateNativeKeyProvider("NKP-New", true)
	require.NoError(t, err)
	assert.True(t, kp.TpmRequired)
	assert.False(t, kp.BackedUp)
	assert.Equal(t, "Key provider NKP-New requires backup.", kp.Health)

	// A failed write leaves the provider unbacked and unusable.
	gen := w.Generation()
	_, err = w.ExportNativeKeyProvider("NKP-New", "", func([]byte) error { return errors.New("disk full") })
	require.ErrorContains(t, err, "disk full")
	kp, _ = w.KeyProvider("NKP-New")
	assert.False(t, kp.BackedUp)
	assert.Equal(t, gen, w.Generation())

	data := backup(t, w, "NKP-New", "")
	assert.NotEmpty(t, data)
	kp, _ = w.KeyProvider("NKP-New")
	assert.True(t, kp.BackedUp)
	assert.Equal(t, HealthOK, kp.Health)
	require.NoError(t, w.ReconfigureCrypto(vmID(t, w, "web01"), CryptoChange{Home: CryptoShallowRecrypt, Provider: "NKP-New"}))

	b, err := nkpbackup.Decode(data, "")
	require.NoError(t, err)
	assert.Equal(t, "NKP-New", b.Name)
	assert.Equal(t, kp.KeyID, b.KeyID)
	assert.True(t, b.TpmRequired)
	assert.Equal(t, testTime, b.ExportTime)
	m, err := w.NativeKeyMaterial("NKP-New")
	require.NoError(t, err)
	assert.Equal(t, []byte(m.KDK), b.KDK)
}

func TestExportRefusals(t *testing.T) {
	w := demo(t)
	_, err := w.ExportNativeKeyProvider("KMS-Standard", "", func([]byte) error { t.Fatal("nothing to write"); return nil })
	f := requireFault(t, err, FaultNotSupported)
	assert.Contains(t, f.Message, "only Native Key Providers can be exported")
	_, err = w.ExportNativeKeyProvider("NoSuch", "", func([]byte) error { return nil })
	requireFault(t, err, FaultNotFound)

	// Removed while the file was being written: not marked, and said so.
	_, err = w.ExportNativeKeyProvider("NKP-Unbacked", "", func([]byte) error {
		_, rerr := w.RemoveKeyProvider("NKP-Unbacked")
		return rerr
	})
	f = requireFault(t, err, FaultNotFound)
	assert.Contains(t, f.Message, "removed while its backup was being written")
}

func TestImportIntoAnotherWorld(t *testing.T) {
	a := demo(t)
	data := backup(t, a, "NKP-Secondary", "Tr0ub4dor&3")
	b, err := NewFromInventory(smallInventory(), WithClock(testClock))
	require.NoError(t, err)
	before, gen := encoded(t, b), b.Generation()

	for _, tc := range []struct {
		name, password string
		is             error
	}{
		{"wrong password", "nope", nkpbackup.ErrWrongPassword},
		{"no password", "", nkpbackup.ErrPasswordNeeded},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := b.ImportNativeKeyProviderBackup(data, tc.password, ImportOptions{})
			f := requireFault(t, err, FaultInvalidArgument)
			assert.ErrorIs(t, err, tc.is)
			assert.Contains(t, f.Message, "Cannot import the key provider backup: ")
			assert.Equal(t, before, encoded(t, b), "nothing changed")
		})
	}

	res, err := b.ImportNativeKeyProviderBackup(data, "Tr0ub4dor&3", ImportOptions{DryRun: true})
	require.NoError(t, err)
	assert.True(t, res.DryRun)
	assert.Equal(t, "NKP-Secondary", res.Provider.Name)
	assert.Equal(t, before, encoded(t, b), "a dry run changes nothing")
	assert.Equal(t, gen, b.Generation())

	off := false
	res, err = b.ImportNativeKeyProviderBackup(data, "Tr0ub4dor&3", ImportOptions{TpmRequired: &off})
	require.NoError(t, err)
	assert.False(t, res.AlreadyPresent)
	assert.Equal(t, testTime, res.ExportTime)
	kp, err := b.KeyProvider("NKP-Secondary")
	require.NoError(t, err)
	akp, _ := a.KeyProvider("NKP-Secondary")
	assert.Equal(t, akp.KeyID, kp.KeyID)
	assert.True(t, kp.BackedUp, "an imported provider has a backup by definition")
	assert.Equal(t, HealthOK, kp.Health)

	// The same KDK: every key id derives the same KEK in both worlds.
	ref := *vmNamed(t, a, "dev04").Key
	a.mu.RLock()
	kekA, err := a.newKeyring().kek(ref)
	a.mu.RUnlock()
	require.NoError(t, err)
	b.mu.RLock()
	kekB, err := b.newKeyring().kek(ref)
	b.mu.RUnlock()
	require.NoError(t, err)
	assert.Equal(t, kekA, kekB)

	// Importing it again is harmless.
	gen = b.Generation()
	res, err = b.ImportNativeKeyProviderBackup(data, "Tr0ub4dor&3", ImportOptions{})
	require.NoError(t, err)
	assert.True(t, res.AlreadyPresent)
	assert.Equal(t, gen, b.Generation())
	assert.False(t, res.Provider.TpmRequired, "the existing provider's constraint stays")
}

func TestImportCollisions(t *testing.T) {
	a := demo(t)
	b := demo(t)
	primary := backup(t, a, "NKP-Primary", "")
	before := encoded(t, b)
	_, err := b.ImportNativeKeyProviderBackup(primary, "", ImportOptions{})
	f := requireFault(t, err, FaultAlreadyExists)
	assert.Contains(t, f.Message, "A different Native Key Provider named NKP-Primary already exists (key_id ")
	assert.Equal(t, before, encoded(t, b))

	// A Standard provider of that name.
	c, err := NewFromInventory(Inventory{VCenter: InventoryVCenter{Name: "vc"}, KeyProviders: []InventoryProvider{{Name: "NKP-Primary", Type: ProviderStandard}}})
	require.NoError(t, err)
	_, err = c.ImportNativeKeyProviderBackup(primary, "", ImportOptions{})
	f = requireFault(t, err, FaultAlreadyExists)
	assert.Contains(t, f.Message, "A Standard key provider named NKP-Primary already exists")

	// Same name and key_id, another KDK.
	m, err := a.NativeKeyMaterial("NKP-Primary")
	require.NoError(t, err)
	m.KDK = SecretBytes(bytes.Repeat([]byte{9}, 32))
	d, err := NewFromInventory(Inventory{VCenter: InventoryVCenter{Name: "vc"}})
	require.NoError(t, err)
	_, err = d.ImportNativeKeyProvider(m)
	require.NoError(t, err)
	_, err = d.ImportNativeKeyProviderBackup(primary, "", ImportOptions{})
	f = requireFault(t, err, FaultAlreadyExists)
	assert.Contains(t, f.Message, "another key derivation key")

	// The 32-provider limit applies to imports.
	e := demo(t)
	for i := len(e.KeyProviders()); i < MaxKeyProviders; i++ {
		_, err := e.CreateNativeKeyProvider(fmt.Sprintf("P%02d", i), false)
		require.NoError(t, err)
	}
	_, err = e.RemoveKeyProvider("NKP-Secondary")
	require.NoError(t, err)
	_, err = e.CreateNativeKeyProvider("P-last", false)
	require.NoError(t, err)
	_, err = e.ImportNativeKeyProviderBackup(backup(t, a, "NKP-Secondary", ""), "", ImportOptions{})
	requireFault(t, err, FaultInvalidState)
}

func TestImportRefusesFilesThatAreNotBackups(t *testing.T) {
	w := demo(t)
	good := backup(t, demo(t), "NKP-Secondary", "")
	damaged := bytes.Clone(good)
	damaged[len(damaged)/3] ^= 0x40
	before := encoded(t, w)
	for name, data := range map[string][]byte{
		"PEM":     []byte("-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEI...\n-----END PRIVATE KEY-----\n"),
		"random":  bytes.Repeat([]byte{0xde, 0xad}, 500),
		"damaged": damaged,
		"empty":   nil,
	} {
		t.Run(name, func(t *testing.T) {
			_, err := w.ImportNativeKeyProviderBackup(data, "", ImportOptions{})
			requireFault(t, err, FaultInvalidArgument)
			assert.Equal(t, before, encoded(t, w))
		})
	}
}
