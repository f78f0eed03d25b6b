package engine

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func vsanObjects(t *testing.T, w *World, cluster string) []ObjectCrypto {
	t.Helper()
	objs, err := w.VsanCryptoObjects(clusterID(t, w, cluster))
	require.NoError(t, err)
	return objs
}

func TestVsanShallowRekey(t *testing.T) {
	w := demo(t)
	prod := clusterID(t, w, "Prod")
	cfg0, err := w.Vsan(prod)
	require.NoError(t, err)
	before := vsanObjects(t, w, "Prod")
	require.Len(t, before, 3)

	require.NoError(t, w.RekeyVsan(prod, false))
	cfg1, err := w.Vsan(prod)
	require.NoError(t, err)
	assert.NotEqual(t, cfg0.KekID, cfg1.KekID)
	assert.NotEqual(t, cfg0.HostKeyID, cfg1.HostKeyID)
	assert.Equal(t, "NKP-Primary", cfg1.KeyProvider)
	assert.False(t, cfg1.Changing)
	assert.Equal(t, cfg0.DekGeneration, cfg1.DekGeneration)
	after := vsanObjects(t, w, "Prod")
	for i := range before {
		assert.Equal(t, before[i].DEKFingerprint, after[i].DEKFingerprint)
		assert.Equal(t, before[i].CiphertextHash, after[i].CiphertextHash)
		assert.NotEqual(t, before[i].WrappedDEKHash, after[i].WrappedDEKHash)
		assert.Equal(t, cfg1.KekID, after[i].KeyID)
	}
	assert.Equal(t, "Prod disk group esx01.lab.local", after[0].Name)
	assert.True(t, w.Verify().OK())
}

func TestVsanDeepRekey(t *testing.T) {
	w := demo(t)
	prod := clusterID(t, w, "Prod")
	before := vsanObjects(t, w, "Prod")
	require.NoError(t, w.RekeyVsan(prod, true))
	after := vsanObjects(t, w, "Prod")
	for i := range before {
		assert.NotEqual(t, before[i].DEKFingerprint, after[i].DEKFingerprint)
		assert.NotEqual(t, before[i].CiphertextHash, after[i].CiphertextHash)
		assert.Equal(t, before[i].PlaintextHash, after[i].PlaintextHash)
	}
	cfg, err := w.Vsan(prod)
	require.NoError(t, err)
	assert.EqualValues(t, 1, cfg.DekGeneration)
	assert.True(t, w.Verify().OK())
}

// The NKP FAQ's vSAN loop: move to another provider, then shallow rekey.
func TestVsanChangeProviderThenRekey(t *testing.T) {
	w := demo(t)
	prod := clusterID(t, w, "Prod")
	before := vsanObjects(t, w, "Prod")
	require.NoError(t, w.ReconfigureVsanEncryption(prod, VsanEncryptionSpec{Provider: "NKP-Secondary"}))
	cfg, err := w.Vsan(prod)
	require.NoError(t, err)
	assert.Equal(t, "NKP-Secondary", cfg.KeyProvider)
	assert.True(t, cfg.EncryptionEnabled)
	mid := vsanObjects(t, w, "Prod")
	for i := range before {
		assert.Equal(t, before[i].DEKFingerprint, mid[i].DEKFingerprint, "DEKs rewrapped, not replaced")
		assert.Equal(t, before[i].CiphertextHash, mid[i].CiphertextHash)
		assert.Equal(t, "NKP-Secondary", mid[i].ProviderID)
	}
	require.NoError(t, w.RekeyVsan(prod, false))
	cfg2, err := w.Vsan(prod)
	require.NoError(t, err)
	assert.Equal(t, "NKP-Secondary", cfg2.KeyProvider, "rekey keeps the provider")
	assert.NotEqual(t, cfg.KekID, cfg2.KekID)
	assert.True(t, w.Verify().OK())

	// Same provider again: nothing to do.
	gen := w.Generation()
	require.NoError(t, w.ReconfigureVsanEncryption(prod, VsanEncryptionSpec{Provider: "NKP-Secondary"}))
	assert.Equal(t, gen, w.Generation())
}

func TestVsanEnableDisable(t *testing.T) {
	w := demo(t)
	dev := clusterID(t, w, "Dev")
	on, off := true, false
	plain := vsanObjects(t, w, "Dev")
	require.NoError(t, w.ReconfigureVsanEncryption(dev, VsanEncryptionSpec{Enable: &on, EraseDisksBeforeUse: &on}))
	cfg, err := w.Vsan(dev)
	require.NoError(t, err)
	assert.True(t, cfg.EncryptionEnabled)
	assert.True(t, cfg.EraseDisksBeforeUse)
	assert.Equal(t, "NKP-Primary", cfg.KeyProvider, "default provider")
	for _, g := range cfg.DiskGroups {
		assert.True(t, g.Encrypted)
		assert.Equal(t, cfg.KekID, g.Key.KeyID)
	}
	for _, h := range w.Hosts() {
		if h.Cluster.Value == dev {
			assert.Equal(t, HostCryptoSafe, h.CryptoState, h.Name)
		}
	}
	enc := vsanObjects(t, w, "Dev")
	for i := range enc {
		assert.NotEqual(t, plain[i].CiphertextHash, enc[i].CiphertextHash)
		assert.Equal(t, plain[i].PlaintextHash, enc[i].PlaintextHash)
	}
	assert.True(t, w.Verify().OK())

	require.NoError(t, w.ReconfigureVsanEncryption(dev, VsanEncryptionSpec{Enable: &off}))
	cfg, err = w.Vsan(dev)
	require.NoError(t, err)
	assert.False(t, cfg.EncryptionEnabled)
	assert.Empty(t, cfg.KeyProvider)
	assert.Empty(t, cfg.KekID)
	assert.Equal(t, plain, vsanObjects(t, w, "Dev"), "back to the same plaintext")
	// Data really is the deterministic plaintext again.
	w.mu.RLock()
	g := w.clusters[dev].Vsan.DiskGroups[0]
	assert.Equal(t, VsanDiskGroupPlaintext("Dev", "esx04.lab.local", 4096), g.Object.Data)
	w.mu.RUnlock()
	assert.True(t, w.Verify().OK())

	// Erase flag alone.
	gen := w.Generation()
	require.NoError(t, w.ReconfigureVsanEncryption(dev, VsanEncryptionSpec{EraseDisksBeforeUse: &off}))
	assert.Equal(t, gen+1, w.Generation())
	require.NoError(t, w.ReconfigureVsanEncryption(dev, VsanEncryptionSpec{Enable: &off}))
	assert.Equal(t, gen+1, w.Generation(), "already disabled: nothing to do")
}

func TestVsanPreconditions(t *testing.T) {
	on := true
	cases := []struct {
		name    string
		cluster string
		run     func(w *World, id string) error
		fault   string
		message string
	}{
		{"rekey without vSAN", "Mgmt", func(w *World, id string) error { return w.RekeyVsan(id, false) },
			FaultInvalidState, "vSAN is not enabled on cluster Mgmt."},
		{"enable without vSAN", "Mgmt", func(w *World, id string) error {
			return w.ReconfigureVsanEncryption(id, VsanEncryptionSpec{Enable: &on})
		}, FaultInvalidState, "vSAN is not enabled on cluster Mgmt."},
		{"rekey unencrypted vSAN", "Dev", func(w *World, id string) error { return w.RekeyVsan(id, true) },
			FaultInvalidState, "vSAN encryption is not enabled on cluster Dev."},
		{"provider on unencrypted vSAN", "Dev", func(w *World, id string) error {
			return w.ReconfigureVsanEncryption(id, VsanEncryptionSpec{Provider: "NKP-Secondary"})
		}, FaultInvalidArgument, ""},
		{"enable with unbacked provider", "Dev", func(w *World, id string) error {
			return w.ReconfigureVsanEncryption(id, VsanEncryptionSpec{Enable: &on, Provider: "NKP-Unbacked"})
		}, FaultInvalidState, "Key provider NKP-Unbacked requires backup."},
		{"move to unbacked provider", "Prod", func(w *World, id string) error {
			return w.ReconfigureVsanEncryption(id, VsanEncryptionSpec{Provider: "NKP-Unbacked"})
		}, FaultInvalidState, "Key provider NKP-Unbacked requires backup."},
		{"move to unknown provider", "Prod", func(w *World, id string) error {
			return w.ReconfigureVsanEncryption(id, VsanEncryptionSpec{Provider: "NoSuch"})
		}, FaultNotFound, ""},
		{"enable with TPM-only provider on TPM-less hosts", "Dev", func(w *World, id string) error {
			if _, err := w.CreateNativeKeyProvider("NKP-TPM", true); err != nil {
				return err
			}
			if err := w.MarkBackedUp("NKP-TPM"); err != nil {
				return err
			}
			return w.ReconfigureVsanEncryption(id, VsanEncryptionSpec{Enable: &on, Provider: "NKP-TPM"})
		}, FaultInvalidState, ""},
		{"unknown cluster", "", func(w *World, id string) error { return w.RekeyVsan("domain-c999", false) }, FaultNotFound, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := demo(t)
			id := ""
			if c.cluster != "" {
				id = clusterID(t, w, c.cluster)
			}
			f := requireFault(t, c.run(w, id), c.fault)
			if c.message != "" {
				assert.Equal(t, c.message, f.Message)
			}
			assert.True(t, w.Verify().OK())
		})
	}
}

func TestVsanMoveToStandardProvider(t *testing.T) {
	w := demo(t)
	prod := clusterID(t, w, "Prod")
	require.NoError(t, w.ReconfigureVsanEncryption(prod, VsanEncryptionSpec{Provider: "KMS-Standard"}))
	require.NoError(t, w.RekeyVsan(prod, true))
	cfg, err := w.Vsan(prod)
	require.NoError(t, err)
	assert.Equal(t, "KMS-Standard", cfg.KeyProvider)
	assert.True(t, w.Verify().OK())
}
