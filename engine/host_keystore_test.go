package engine

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/keyhost/keyhost/engine/hosttpm"
)

// Host tests use the TPM simulator, which is one per process: none of them
// runs in parallel (see engine/hosttpm).

func hostNamed(t testing.TB, w *World, name string) Host {
	t.Helper()
	for _, h := range w.Hosts() {
		if h.Name == name {
			return h
		}
	}
	t.Fatalf("no host %s", name)
	return Host{}
}

// Every host holds the backed-up Native providers it may hold: sealed by
// its TPM when it has one, in its encrypted configuration otherwise; a
// provider never backed up is pushed nowhere.
func TestDemoHostsHoldPushedProviders(t *testing.T) {
	w := demo(t)
	cases := []struct {
		host    string
		storage string
	}{
		{"esx01.lab.local", KeystoreTPM},
		{"esx03.lab.local", KeystoreTPM},
		{"esx04.lab.local", KeystoreNone},
		{"esx05.lab.local", KeystoreNone},
		{"esx06.lab.local", KeystoreTPM},
	}
	for _, c := range cases {
		t.Run(c.host, func(t *testing.T) {
			h := hostNamed(t, w, c.host)
			assert.Equal(t, c.storage, h.KeyStorage)
			assert.Equal(t, []string{"NKP-Primary", "NKP-Secondary"}, h.KeyProviders, "NKP-Unbacked is not pushed before its backup")
			assert.Empty(t, h.KeystoreError)
		})
	}
	w.mu.RLock()
	defer w.mu.RUnlock()
	kdk := w.providers["NKP-Primary"].kdk
	for _, h := range w.st.Hosts {
		for _, e := range h.Keystore.Providers {
			blob := string(e.Config)
			if e.TPM != nil {
				blob = string(e.TPM.Private) + string(e.TPM.Public)
			}
			assert.NotContains(t, blob, string(kdk), "%s keeps %s sealed", h.Name, e.Name)
		}
	}
}

// A TPM-required provider reaches only the hosts with a TPM, and the
// engine's refusals follow from what each host holds.
func TestTPMRequiredProviderFollowsThePush(t *testing.T) {
	w := demo(t)
	_, err := w.CreateNativeKeyProvider("NKP-TPM", true)
	require.NoError(t, err)
	assert.NotContains(t, hostNamed(t, w, "esx01.lab.local").KeyProviders, "NKP-TPM", "not before its backup")
	require.NoError(t, w.MarkBackedUp("NKP-TPM"))
	for _, h := range w.Hosts() {
		assert.Equal(t, h.HasTPM, slices.Contains(h.KeyProviders, "NKP-TPM"), h.Name)
	}

	cases := []struct {
		vm    string
		fault string
	}{
		{"dev01", FaultInvalidState}, // esx04: no TPM
		{"util01", ""},               // esx06: TPM (util01 is on, so power it off first)
	}
	for _, c := range cases {
		t.Run(c.vm, func(t *testing.T) {
			v := vmNamed(t, w, c.vm)
			if v.PowerState == PoweredOn {
				require.NoError(t, w.PowerOff(v.ID.Value))
			}
			err := w.ReconfigureCrypto(v.ID.Value, CryptoChange{Home: CryptoEncrypt, Provider: "NKP-TPM"})
			if c.fault == "" {
				require.NoError(t, err)
				require.NoError(t, w.PowerOn(v.ID.Value))
				return
			}
			f := requireFault(t, err, c.fault)
			assert.Contains(t, f.Message, "restricted to ESXi hosts with a TPM 2.0")
		})
	}
	assert.True(t, w.Verify().OK())
}

// A host derives keys from the KDK it unsealed, not from vCenter's: with
// vCenter's copy of the KDK gone bad, the host still opens and rekeys its
// VMs, while vCenter's own audit fails.
func TestHostsUseTheirOwnKDK(t *testing.T) {
	w := demo(t)
	w.mu.Lock()
	p := w.providers["NKP-Primary"]
	good := p.kdk
	p.kdk = make(SecretBytes, len(good)) // vCenter's copy, zeroed
	w.mu.Unlock()

	web01 := vmNamed(t, w, "web01")
	require.NoError(t, w.PowerOff(web01.ID.Value))
	require.NoError(t, w.PowerOn(web01.ID.Value))
	_, err := w.CreateSnapshot(web01.ID.Value, "host keys")
	require.NoError(t, err)
	assert.False(t, w.Verify().OK(), "vCenter's copy no longer opens anything")

	w.mu.Lock()
	p.kdk = good
	w.mu.Unlock()
	assert.True(t, w.Verify().OK(), "what the host wrote opens with the real KDK")
}

// After Load, a host unseals its KDKs from its TPM (or its configuration)
// the first time it needs one: the simulated TPM is the same chip again.
func TestHostsUnsealAfterLoad(t *testing.T) {
	w := demo(t)
	path := filepath.Join(t.TempDir(), "state.json")
	require.NoError(t, w.Save(path))
	l, err := Load(path, WithClock(testClock))
	require.NoError(t, err)
	l.mu.RLock()
	for _, h := range l.st.Hosts {
		assert.Nil(t, h.rt.kdks, "%s has not unsealed yet", h.Name)
	}
	l.mu.RUnlock()

	for _, name := range []string{"web01", "dev04"} { // a TPM host, a host without TPM
		v := vmNamed(t, l, name)
		if v.PowerState == PoweredOn {
			require.NoError(t, l.PowerOff(v.ID.Value))
		}
		require.NoError(t, l.PowerOn(v.ID.Value), name)
	}
	l.mu.RLock()
	assert.Len(t, l.hosts[vmNamed(t, l, "web01").Host.Value].rt.kdks, 2)
	assert.Len(t, l.hosts[vmNamed(t, l, "dev04").Host.Value].rt.kdks, 2)
	l.mu.RUnlock()
	assert.True(t, l.Verify().OK())
}

// A state file written before hosts kept keys loads: its hosts are
// provisioned as vCenter would have, Standard KEKs included.
func TestLegacyStateProvisionsHosts(t *testing.T) {
	w := demo(t)
	w.mu.Lock()
	for _, h := range w.st.Hosts {
		h.Keystore = nil
		h.rt = hostRuntime{}
	}
	w.mu.Unlock()
	path := filepath.Join(t.TempDir(), "legacy.json")
	require.NoError(t, w.Save(path))
	l, err := Load(path, WithClock(testClock))
	require.NoError(t, err)
	for _, h := range l.Hosts() {
		assert.Len(t, h.KeyProviders, 2, h.Name)
	}
	assert.Equal(t, w.Generation(), l.Generation(), "provisioning is an upgrade, not a change")
	assert.Equal(t, VMCryptoUnlocked, vmNamed(t, l, "db02").CryptoState, "vCenter pushed db02's KEK")
	require.NoError(t, l.PowerOn(vmID(t, l, "db02")))
}

// A state file whose keystore disagrees with its hosts is refused.
func TestKeystoreValidation(t *testing.T) {
	cases := map[string]func(w *World){
		"TPM keystore on a host without TPM": func(w *World) { w.hosts["host-13"].Keystore.Mode = KeystoreTPM },
		"unknown mode":                       func(w *World) { w.hosts["host-10"].Keystore.Mode = "sealed" },
		"unknown provider": func(w *World) {
			w.hosts["host-10"].Keystore.Providers[0].Name = "Ghost"
		},
		"stale key_id": func(w *World) {
			w.hosts["host-10"].Keystore.Providers[0].KeyID = "00000000-0000-4000-8000-000000000000"
		},
		"no TPM seed": func(w *World) { w.hosts["host-10"].rt.tpmSeed = nil },
	}
	for name, mutate := range cases {
		t.Run(name, func(t *testing.T) {
			w := demo(t)
			w.mu.Lock()
			mutate(w)
			w.mu.Unlock()
			path := filepath.Join(t.TempDir(), "state.json")
			require.NoError(t, w.Save(path))
			_, err := Load(path)
			require.ErrorIs(t, err, ErrCorruptState)
		})
	}
}

// A host given its own TPM device (a real TPM, swtpm) keeps no seed in
// the state file: the file opens only with that device configured again.
func TestWithHostTPM(t *testing.T) {
	dev := hosttpm.Simulator(99) // stands in for /dev/tpmrm0
	w := demo(t, WithHostTPM("esx06.lab.local", dev))
	w.mu.RLock()
	assert.Nil(t, w.hosts["host-15"].rt.tpmSeed)
	w.mu.RUnlock()
	path := filepath.Join(t.TempDir(), "state.json")
	require.NoError(t, w.Save(path))

	_, err := Load(path)
	require.ErrorIs(t, err, ErrCorruptState, "without its device the host's keystore cannot open")
	l, err := Load(path, WithHostTPM("esx06.lab.local", dev))
	require.NoError(t, err)
	jump01 := vmID(t, l, "jump01")
	require.NoError(t, l.PowerOff(jump01))
	require.NoError(t, l.PowerOn(jump01))

	// Another chip in its place: the host cannot unseal; unlocking pushes
	// the providers again, sealed by the new chip.
	o, err := Load(path, WithHostTPM("esx06.lab.local", hosttpm.Simulator(100)))
	require.NoError(t, err)
	require.NoError(t, o.RebootHost("host-15"))
	assert.Equal(t, VMCryptoLocked, vmNamed(t, o, "jump01").CryptoState)
	_, err = o.UnlockVM(jump01)
	require.NoError(t, err)
	require.NoError(t, o.PowerOn(jump01))
}
