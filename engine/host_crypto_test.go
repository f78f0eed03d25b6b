package engine

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSetHostCryptoKey(t *testing.T) {
	cases := []struct {
		name     string
		host     string
		provider string
		fault    string
		wasSafe  bool
	}{
		{"prepared host becomes safe", "esx04.lab.local", "NKP-Secondary", "", false},
		{"safe host is rekeyed", "esx01.lab.local", "NKP-Primary", "", true},
		{"default provider", "esx05.lab.local", "", "", false},
		{"Standard provider", "esx06.lab.local", "KMS-Standard", "", true},
		{"unbacked provider", "esx04.lab.local", "NKP-Unbacked", FaultInvalidState, false},
		{"unknown provider", "esx04.lab.local", "NoSuch", FaultNotFound, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := demo(t)
			before := hostNamed(t, w, c.host)
			assert.Equal(t, c.wasSafe, before.CryptoState == HostCryptoSafe)
			h, err := w.SetHostCryptoKey(before.ID.Value, c.provider)
			if c.fault != "" {
				requireFault(t, err, c.fault)
				assert.Equal(t, before, hostNamed(t, w, c.host))
				return
			}
			require.NoError(t, err)
			assert.Equal(t, HostCryptoSafe, h.CryptoState)
			require.NotNil(t, h.CryptoKey)
			want := c.provider
			if want == "" {
				want = "NKP-Primary"
			}
			assert.Equal(t, want, h.CryptoKey.ProviderID)
			if before.CryptoKey != nil {
				assert.NotEqual(t, before.CryptoKey.KeyID, h.CryptoKey.KeyID, "a new host key")
			}
		})
	}
}

func TestTPMRequiredHostKey(t *testing.T) {
	w := demo(t)
	_, err := w.CreateNativeKeyProvider("NKP-TPM", true)
	require.NoError(t, err)
	require.NoError(t, w.MarkBackedUp("NKP-TPM"))
	_, err = w.SetHostCryptoKey(hostNamed(t, w, "esx04.lab.local").ID.Value, "NKP-TPM")
	f := requireFault(t, err, FaultInvalidState)
	assert.Contains(t, f.Message, "has no TPM")
	_, err = w.SetHostCryptoKey(hostNamed(t, w, "esx06.lab.local").ID.Value, "NKP-TPM")
	require.NoError(t, err)
}

// Safe -> pendingIncapable (no new keys) -> incapable after a reboot ->
// prepared again when vCenter pushes keys.
func TestDisableCryptoSafe(t *testing.T) {
	w := demo(t)
	esx06 := hostNamed(t, w, "esx06.lab.local")
	_, err := w.DisableHostCryptoSafe(hostNamed(t, w, "esx04.lab.local").ID.Value)
	requireFault(t, err, FaultInvalidState)

	h, err := w.DisableHostCryptoSafe(esx06.ID.Value)
	require.NoError(t, err)
	assert.Equal(t, HostCryptoPendingIncapable, h.CryptoState)
	assert.NotNil(t, h.CryptoKey, "the host key stays until the reboot")

	util01 := vmNamed(t, w, "util01")
	require.NoError(t, w.PowerOff(util01.ID.Value))
	f := requireFault(t, w.ReconfigureCrypto(util01.ID.Value, CryptoChange{Home: CryptoEncrypt}), FaultInvalidState)
	assert.Contains(t, f.Message, "pendingIncapable")

	require.NoError(t, w.RebootHost(esx06.ID.Value))
	h = hostNamed(t, w, "esx06.lab.local")
	assert.Equal(t, HostCryptoIncapable, h.CryptoState)
	assert.Nil(t, h.CryptoKey)

	require.NoError(t, w.ReconfigureCrypto(util01.ID.Value, CryptoChange{Home: CryptoEncrypt}))
	assert.Equal(t, HostCryptoPrepared, hostNamed(t, w, "esx06.lab.local").CryptoState, "vCenter prepares the host for the new keys")

	// Powering on an encrypted VM on an incapable host needs vCenter to
	// prepare it.
	require.NoError(t, w.RebootHost(esx06.ID.Value))
	w.mu.Lock()
	w.hosts[esx06.ID.Value].CryptoState = HostCryptoIncapable
	w.mu.Unlock()
	w.SetVCenterAvailable(false)
	requireFault(t, w.PowerOn(vmID(t, w, "jump01")), FaultVCenterUnavailable)
	w.SetVCenterAvailable(true)
	require.NoError(t, w.PowerOn(vmID(t, w, "jump01")))
	assert.Equal(t, HostCryptoPrepared, hostNamed(t, w, "esx06.lab.local").CryptoState)
}
