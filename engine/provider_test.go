package engine

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestProviderHealthAndBackup(t *testing.T) {
	w := demo(t)
	kp, err := w.KeyProvider("NKP-Unbacked")
	require.NoError(t, err)
	assert.False(t, kp.BackedUp)
	assert.Equal(t, "Key provider NKP-Unbacked requires backup.", kp.Health)
	assert.Equal(t, ProviderNative, kp.Type)
	assert.Equal(t, "NKP-Unbacked", kp.ID())

	std, err := w.KeyProvider("KMS-Standard")
	require.NoError(t, err)
	assert.Equal(t, HealthOK, std.Health)
	assert.Empty(t, std.KeyID)
	requireFault(t, w.MarkBackedUp("KMS-Standard"), FaultNotSupported)
	requireFault(t, w.MarkBackedUp("NoSuch"), FaultNotFound)

	require.NoError(t, w.MarkBackedUp("NKP-Unbacked"))
	kp, err = w.KeyProvider("NKP-Unbacked")
	require.NoError(t, err)
	assert.True(t, kp.BackedUp)
	assert.Equal(t, HealthOK, kp.Health)
	dev01 := vmNamed(t, w, "dev01")
	require.NoError(t, w.ReconfigureCrypto(dev01.ID.Value, CryptoChange{Home: CryptoEncrypt, Disks: allDisks(dev01, CryptoEncrypt), Provider: "NKP-Unbacked"}))
	assert.True(t, w.Verify().OK())
}

func TestCreateProviders(t *testing.T) {
	w := demo(t)
	kp, err := w.CreateNativeKeyProvider("NKP-New", false)
	require.NoError(t, err)
	assert.Equal(t, ProviderNative, kp.Type)
	assert.Regexp(t, `^[0-9a-f-]{36}$`, kp.KeyID)
	assert.False(t, kp.BackedUp)
	assert.Equal(t, testTime, kp.Created)
	requireFault(t, w.ReconfigureCrypto(vmID(t, w, "web01"), CryptoChange{Home: CryptoShallowRecrypt, Provider: "NKP-New"}), FaultInvalidState)

	std, err := w.CreateStandardKeyProvider("KMS-Two")
	require.NoError(t, err)
	assert.True(t, std.BackedUp)
	require.NoError(t, w.ReconfigureCrypto(vmID(t, w, "web01"), CryptoChange{Home: CryptoShallowRecrypt, Provider: "KMS-Two"}))

	_, err = w.CreateStandardKeyProvider("NKP-New")
	requireFault(t, err, FaultAlreadyExists)
	for _, bad := range []string{"", "  ", " lead", "trail ", "ctl\x01"} {
		_, err = w.CreateNativeKeyProvider(bad, false)
		requireFault(t, err, FaultInvalidArgument)
	}
	names := []string{}
	for _, p := range w.KeyProviders() {
		names = append(names, p.Name)
	}
	assert.Equal(t, []string{"NKP-Primary", "NKP-Secondary", "KMS-Standard", "NKP-Unbacked", "NKP-New", "KMS-Two"}, names, "creation order")
}

func TestProviderLimit(t *testing.T) {
	w := demo(t)
	for i := len(w.KeyProviders()); i < MaxKeyProviders; i++ {
		_, err := w.CreateNativeKeyProvider(fmt.Sprintf("P%02d", i), false)
		require.NoError(t, err)
	}
	assert.Len(t, w.KeyProviders(), MaxKeyProviders)
	_, err := w.CreateStandardKeyProvider("one-too-many")
	f := requireFault(t, err, FaultInvalidState)
	assert.Contains(t, f.Message, "32")
}

// Key material exported from one world and imported into another derives the
// same KEKs, so the second world can open what the first encrypted.
func TestNativeKeyMaterialExportImport(t *testing.T) {
	a := demo(t)
	m, err := a.NativeKeyMaterial("NKP-Primary")
	require.NoError(t, err)
	assert.Len(t, m.KDK, 32)
	_, err = a.NativeKeyMaterial("KMS-Standard")
	requireFault(t, err, FaultNotSupported)

	b := demo(t)
	m.Name = "NKP-Imported"
	kp, err := b.ImportNativeKeyProvider(m)
	require.NoError(t, err)
	assert.True(t, kp.BackedUp)
	assert.Equal(t, m.KeyID, kp.KeyID)

	ref := *vmNamed(t, a, "web01").Key
	a.mu.RLock()
	kekA, err := a.newKeyring().kek(ref)
	a.mu.RUnlock()
	require.NoError(t, err)
	b.mu.RLock()
	kekB, err := b.newKeyring().kek(KeyRef{KeyID: ref.KeyID, ProviderID: "NKP-Imported"})
	b.mu.RUnlock()
	require.NoError(t, err)
	assert.Equal(t, kekA, kekB)

	_, err = b.ImportNativeKeyProvider(m)
	requireFault(t, err, FaultAlreadyExists)
	bad := m
	bad.Name, bad.KDK = "short", m.KDK[:16]
	_, err = b.ImportNativeKeyProvider(bad)
	requireFault(t, err, FaultInvalidArgument)
	bad = m
	bad.Name, bad.KeyID = "badid", "nope"
	_, err = b.ImportNativeKeyProvider(bad)
	requireFault(t, err, FaultInvalidArgument)

	// The copy handed out is not the provider's own KDK.
	m2, err := a.NativeKeyMaterial("NKP-Primary")
	require.NoError(t, err)
	clear(m2.KDK)
	assert.True(t, a.Verify().OK())
}
