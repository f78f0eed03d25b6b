package engine

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// With vCenter down, everything vCenter does fails; the hosts keep working.
func TestVCenterDownRefusesVCenterWork(t *testing.T) {
	w := demo(t)
	w.SetVCenterAvailable(false)
	assert.False(t, w.VCenterAvailable())
	dev01, web01, prod := vmNamed(t, w, "dev01"), vmNamed(t, w, "web01"), clusterID(t, w, "Prod")
	on := true
	cases := map[string]func() error{
		"encrypt":       func() error { return w.ReconfigureCrypto(dev01.ID.Value, CryptoChange{Home: CryptoEncrypt}) },
		"shallow rekey": func() error { return w.ReconfigureCrypto(web01.ID.Value, CryptoChange{Home: CryptoShallowRecrypt}) },
		"vTPM":          func() error { return w.AddVTPM(dev01.ID.Value, "") },
		"vSAN rekey":    func() error { return w.RekeyVsan(prod, false) },
		"vSAN enable": func() error {
			return w.ReconfigureVsanEncryption(clusterID(t, w, "Dev"), VsanEncryptionSpec{Enable: &on})
		},
		"new provider":      func() error { _, err := w.CreateNativeKeyProvider("NKP-X", false); return err },
		"remove provider":   func() error { _, err := w.RemoveKeyProvider("NKP-Unbacked"); return err },
		"default provider":  func() error { return w.SetDefaultKeyProvider("NKP-Secondary") },
		"host key":          func() error { _, err := w.SetHostCryptoKey(dev01.Host.Value, "NKP-Primary"); return err },
		"disable safe mode": func() error { _, err := w.DisableHostCryptoSafe(web01.Host.Value); return err },
		"unlock":            func() error { _, err := w.UnlockVM(web01.ID.Value); return err },
		"unregister":        func() error { _, err := w.UnregisterVM(dev01.ID.Value); return err },
	}
	before := encoded(t, w)
	for name, run := range cases {
		t.Run(name, func(t *testing.T) {
			f := requireFault(t, run(), FaultVCenterUnavailable)
			assert.Contains(t, f.Message, "vCenter Server vcsa01.lab.local is not available")
		})
	}
	assert.Equal(t, before, encoded(t, w), "nothing changed")

	// The hosts' own work goes on.
	require.NoError(t, w.PowerOff(web01.ID.Value))
	require.NoError(t, w.PowerOn(web01.ID.Value))
	_, err := w.CreateSnapshot(web01.ID.Value, "while vCenter is down")
	require.NoError(t, err)
	w.SetVCenterAvailable(true)
	require.NoError(t, w.ReconfigureCrypto(dev01.ID.Value, CryptoChange{Home: CryptoEncrypt}))
}

// A host rebooted while vCenter is down unseals its Native providers from
// its TPM (or its encrypted configuration) and powers their VMs on; the
// VM of a Standard provider is locked until vCenter is back to push its
// KEK and it is unlocked.
func TestRebootWhileVCenterIsDown(t *testing.T) {
	cases := []struct {
		vm       string
		locked   bool // after the reboot
		provider string
	}{
		{"web01", false, "NKP-Primary"}, // esx01, TPM
		{"dev04", false, "NKP-Secondary"},
		{"db02", true, "KMS-Standard"},
		{"jump01", false, "NKP-Primary"}, // esx06, TPM, a single-host cluster
	}
	for _, c := range cases {
		t.Run(c.vm, func(t *testing.T) {
			w := demo(t)
			vm := vmNamed(t, w, c.vm)
			w.SetVCenterAvailable(false)
			require.NoError(t, w.RebootHost(vm.Host.Value))
			after := vmNamed(t, w, c.vm)
			assert.Equal(t, PoweredOff, after.PowerState, "a reboot stops the host's VMs")
			h := hostNamed(t, w, hostNameOf(t, w, vm))
			assert.Empty(t, h.KeystoreError)
			if !c.locked {
				assert.Equal(t, VMCryptoUnlocked, after.CryptoState)
				require.NoError(t, w.PowerOn(vm.ID.Value))
				return
			}
			assert.Equal(t, VMCryptoLocked, after.CryptoState)
			assert.Equal(t, c.provider, after.LockedBy)
			assert.Contains(t, after.LockReason, "does not hold key")
			requireFault(t, w.PowerOn(vm.ID.Value), FaultInvalidState)
			_, err := w.UnlockVM(vm.ID.Value)
			requireFault(t, err, FaultVCenterUnavailable)

			w.SetVCenterAvailable(true)
			unlocked, err := w.UnlockVM(vm.ID.Value)
			require.NoError(t, err)
			assert.Equal(t, VMCryptoUnlocked, unlocked.CryptoState)
			require.NoError(t, w.PowerOn(vm.ID.Value))
			assert.True(t, w.Verify().OK())
		})
	}
}

func hostNameOf(t testing.TB, w *World, vm VM) string {
	t.Helper()
	h, err := w.Host(vm.Host.Value)
	require.NoError(t, err)
	return h.Name
}

// With the KMS unreachable, new keys from the Standard provider fail with a
// clear error, and so does anything vCenter must fetch a key for; VMs
// whose keys their hosts hold keep running and power-cycling, and can be
// rekeyed when the KMS is back.
func TestKMSUnreachable(t *testing.T) {
	w := demo(t)
	require.NoError(t, w.SetKMSReachable("KMS-Standard", false))
	requireFault(t, w.SetKMSReachable("NKP-Primary", false), FaultNotSupported)
	requireFault(t, w.SetKMSReachable("NoSuch", false), FaultNotFound)
	db02, dev01 := vmNamed(t, w, "db02"), vmNamed(t, w, "dev01")
	before := encoded(t, w)

	cases := map[string]func() error{
		"encrypt with the Standard provider": func() error {
			return w.ReconfigureCrypto(dev01.ID.Value, CryptoChange{Home: CryptoEncrypt, Provider: "KMS-Standard"})
		},
		"rekey db02 (vCenter sends its key)": func() error {
			return w.ReconfigureCrypto(db02.ID.Value, CryptoChange{Home: CryptoShallowRecrypt, Provider: "NKP-Secondary"})
		},
		"vSAN to the Standard provider": func() error {
			return w.ReconfigureVsanEncryption(clusterID(t, w, "Prod"), VsanEncryptionSpec{Provider: "KMS-Standard"})
		},
		"host key from the Standard provider": func() error {
			_, err := w.SetHostCryptoKey(dev01.Host.Value, "KMS-Standard")
			return err
		},
	}
	for name, run := range cases {
		t.Run(name, func(t *testing.T) {
			err := run()
			f := requireFault(t, err, FaultRuntime)
			assert.True(t, errors.Is(err, ErrKMSUnreachable), "%v", err)
			assert.Contains(t, f.Message, "key provider KMS-Standard: cannot reach its key management server")
		})
	}
	assert.Equal(t, before, encoded(t, w), "nothing changed")

	require.NoError(t, w.PowerOn(db02.ID.Value), "esx01 holds db02's KEK")
	require.NoError(t, w.PowerOff(db02.ID.Value))
	assert.Equal(t, VMCryptoUnlocked, vmNamed(t, w, "db02").CryptoState)

	require.NoError(t, w.SetKMSReachable("KMS-Standard", true))
	require.NoError(t, w.ReconfigureCrypto(db02.ID.Value, CryptoChange{Home: CryptoShallowRecrypt, Disks: allDisks(db02, CryptoShallowRecrypt), Provider: "KMS-Standard"}))
	assert.True(t, w.Verify().OK())
}

// The hosts of a cluster hold the KEKs of its VMs; a rekey away from a
// Standard key and unregistering a VM make them forget keys nothing uses.
func TestHostKEKCache(t *testing.T) {
	w := demo(t)
	db02 := vmNamed(t, w, "db02")
	cached := func() map[string]int {
		out := map[string]int{}
		for _, h := range w.Hosts() {
			out[h.Name] = h.CachedKeys
		}
		return out
	}
	assert.Equal(t, map[string]int{"esx01.lab.local": 1, "esx02.lab.local": 1, "esx03.lab.local": 1,
		"esx04.lab.local": 0, "esx05.lab.local": 0, "esx06.lab.local": 0}, cached(), "db02's KEK, in every Prod host")

	require.NoError(t, w.ReconfigureCrypto(vmID(t, w, "dev03"), CryptoChange{Home: CryptoEncrypt, Provider: "KMS-Standard"}))
	assert.Equal(t, 1, cached()["esx04.lab.local"])
	assert.Equal(t, 1, cached()["esx05.lab.local"], "the whole cluster holds it")

	require.NoError(t, w.ReconfigureCrypto(db02.ID.Value, CryptoChange{Home: CryptoShallowRecrypt, Disks: allDisks(db02, CryptoShallowRecrypt), Provider: "NKP-Primary"}))
	assert.Equal(t, 0, cached()["esx01.lab.local"], "the old KEK is no longer used")

	files, err := w.UnregisterVM(vmID(t, w, "dev03"))
	require.NoError(t, err)
	assert.Equal(t, 0, cached()["esx04.lab.local"], "dropped when the VM is unregistered")
	_, err = w.RegisterVM(files, hostNamed(t, w, "esx05.lab.local").ID.Value)
	require.NoError(t, err)
	assert.Equal(t, 1, cached()["esx05.lab.local"], "pushed again when it is registered")
	assert.Equal(t, VMCryptoUnlocked, vmNamed(t, w, "dev03").CryptoState)
	assert.True(t, w.Verify().OK())

	_, err = w.UnregisterVM(vmID(t, w, "web01"))
	requireFault(t, err, FaultInvalidPowerState)
}

// A cleared TPM no longer unseals what it sealed: after the next reboot the
// host holds no KDK and its VMs are locked; unlocking pushes the provider
// again, sealed by the new TPM.
func TestClearedTPM(t *testing.T) {
	w := demo(t)
	web01 := vmNamed(t, w, "web01")
	require.NoError(t, w.ClearHostTPM(web01.Host.Value))
	require.NoError(t, w.PowerOff(web01.ID.Value))
	require.NoError(t, w.PowerOn(web01.ID.Value), "until it reboots, the host keeps its KDKs in memory")

	require.NoError(t, w.RebootHost(web01.Host.Value))
	h := hostNamed(t, w, "esx01.lab.local")
	assert.Contains(t, h.KeystoreError, "TPM_RC_INTEGRITY")
	locked := vmNamed(t, w, "web01")
	assert.Equal(t, VMCryptoLocked, locked.CryptoState)
	assert.Contains(t, locked.LockReason, "could not unseal")
	requireFault(t, w.PowerOn(web01.ID.Value), FaultInvalidState)

	_, err := w.UnlockVM(web01.ID.Value)
	require.NoError(t, err)
	require.NoError(t, w.PowerOn(web01.ID.Value))
	require.NoError(t, w.RebootHost(web01.Host.Value))
	assert.Equal(t, VMCryptoUnlocked, vmNamed(t, w, "web01").CryptoState, "the new TPM unseals what it sealed")
	assert.Contains(t, hostNamed(t, w, "esx01.lab.local").KeystoreError, "NKP-Secondary", "NKP-Secondary is still sealed by the old chip")

	requireFault(t, w.ClearHostTPM(hostNamed(t, w, "esx04.lab.local").ID.Value), FaultNotSupported)
}
