package engine

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Every precondition, allowed and refused, on the demo world.
func TestReconfigurePreconditions(t *testing.T) {
	type tc struct {
		name  string
		vm    string
		setup func(t *testing.T, w *World) // optional, before the change
		// change builds the change; disks default to none.
		home     CryptoOp
		disks    CryptoOp // applied to every disk when not NoOp
		diskKey  map[int32]CryptoOp
		provider string
		fault    string // "" = allowed
		message  string // exact message when set
		contains string // message substring when set
	}
	powerOff := func(name string) func(*testing.T, *World) {
		return func(t *testing.T, w *World) { require.NoError(t, w.PowerOff(vmID(t, w, name))) }
	}
	cases := []tc{
		// Shallow recrypt: any power state.
		{name: "shallow powered on", vm: "web01", home: CryptoShallowRecrypt, disks: CryptoShallowRecrypt},
		{name: "shallow home only (SkipHardDisks)", vm: "web01", home: CryptoShallowRecrypt},
		{name: "shallow to another provider", vm: "web01", home: CryptoShallowRecrypt, disks: CryptoShallowRecrypt, provider: "KMS-Standard"},
		{name: "shallow with a single snapshot", vm: "db01", home: CryptoShallowRecrypt, disks: CryptoShallowRecrypt},
		{name: "shallow vTPM-only VM", vm: "app01", home: CryptoShallowRecrypt},
		{name: "shallow with a snapshot tree", vm: "dev04", home: CryptoShallowRecrypt,
			fault: FaultInvalidState, contains: "snapshot 'base' has 2 branches"},
		{name: "shallow on a linked clone", vm: "jump01", home: CryptoShallowRecrypt,
			fault: FaultNotSupported, contains: "linked clone"},
		{name: "shallow on a plaintext VM", vm: "dev01", home: CryptoShallowRecrypt,
			fault: FaultInvalidState, message: "Cannot shallow recrypt virtual machine dev01 because it is not encrypted."},
		{name: "shallow on a plaintext disk", vm: "app01", disks: CryptoShallowRecrypt,
			fault: FaultInvalidState, message: "Cannot shallow recrypt Hard disk 1 of virtual machine app01 because it is not encrypted."},

		// Deep recrypt: powered off, no snapshots, encrypted.
		{name: "deep powered off", vm: "db02", home: CryptoDeepRecrypt, disks: CryptoDeepRecrypt},
		{name: "deep powered on", vm: "web01", home: CryptoDeepRecrypt, disks: CryptoDeepRecrypt,
			fault: FaultInvalidPowerState, message: "The attempted operation cannot be performed in the current state (Powered on)."},
		{name: "deep with snapshots", vm: "db01", setup: powerOff("db01"), home: CryptoDeepRecrypt,
			fault: FaultInvalidState, contains: "has snapshots"},
		{name: "deep on plaintext", vm: "dev01", home: CryptoDeepRecrypt,
			fault: FaultInvalidState, contains: "not encrypted"},

		// Encrypt: powered off, no snapshots, not yet encrypted, disks need the home.
		{name: "encrypt home and disks", vm: "dev01", home: CryptoEncrypt, disks: CryptoEncrypt},
		{name: "encrypt home only", vm: "dev03", home: CryptoEncrypt},
		{name: "encrypt disk of an encrypted home", vm: "app01", setup: powerOff("app01"), disks: CryptoEncrypt},
		{name: "encrypt powered on", vm: "util01", home: CryptoEncrypt,
			fault: FaultInvalidPowerState, message: "The attempted operation cannot be performed in the current state (Powered on)."},
		{name: "encrypt already encrypted", vm: "db02", home: CryptoEncrypt,
			fault: FaultInvalidState, message: "Cannot encrypt virtual machine db02 because it is already encrypted."},
		{name: "encrypt disk without the home", vm: "dev01", disks: CryptoEncrypt,
			fault: FaultInvalidState, contains: "home is not encrypted"},
		{name: "encrypt with snapshots", vm: "db01", setup: func(t *testing.T, w *World) {
			id := vmID(t, w, "db01")
			require.NoError(t, w.ReconfigureCrypto(id, CryptoChange{Home: CryptoShallowRecrypt})) // still encrypted
			require.NoError(t, w.PowerOff(id))
		}, disks: CryptoEncrypt, fault: FaultInvalidState, contains: "has snapshots"},
		{name: "encrypt a suspended VM", vm: "dev02", setup: func(t *testing.T, w *World) {
			id := vmID(t, w, "dev02")
			w.mu.Lock()
			w.vms[id].PowerState = Suspended
			w.mu.Unlock()
		}, home: CryptoEncrypt, fault: FaultInvalidPowerState, message: "The attempted operation cannot be performed in the current state (Suspended)."},

		// Decrypt: powered off, no snapshots, encrypted; home last, never under a vTPM.
		{name: "decrypt everything", vm: "db02", home: CryptoDecrypt, disks: CryptoDecrypt},
		{name: "decrypt disks only", vm: "db02", disks: CryptoDecrypt},
		{name: "decrypt home while disks stay encrypted", vm: "db02", home: CryptoDecrypt,
			fault: FaultInvalidState, contains: "while Hard disk 1 remains encrypted"},
		{name: "decrypt home under a vTPM", vm: "app01", setup: powerOff("app01"), home: CryptoDecrypt,
			fault: FaultInvalidState, contains: "virtual TPM"},
		{name: "decrypt powered on", vm: "web01", home: CryptoDecrypt, disks: CryptoDecrypt,
			fault: FaultInvalidPowerState},
		{name: "decrypt with snapshots", vm: "dev04", home: CryptoDecrypt, disks: CryptoDecrypt,
			fault: FaultInvalidState, contains: "has snapshots"},
		{name: "decrypt plaintext", vm: "dev01", home: CryptoDecrypt,
			fault: FaultInvalidState, contains: "not encrypted"},

		// Arguments.
		{name: "unknown disk", vm: "web01", diskKey: map[int32]CryptoOp{2999: CryptoShallowRecrypt},
			fault: FaultInvalidArgument, message: "Virtual machine web01 has no virtual disk with device key 2999."},
		{name: "invalid op", vm: "web01", home: CryptoOp(42), fault: FaultInvalidArgument},
		{name: "unknown provider", vm: "web01", home: CryptoShallowRecrypt, provider: "NoSuch",
			fault: FaultNotFound, message: "Key provider 'NoSuch' was not found."},
		{name: "unbacked provider", vm: "dev01", home: CryptoEncrypt, provider: "NKP-Unbacked",
			fault: FaultInvalidState, message: "Key provider NKP-Unbacked requires backup."},
		{name: "shallow onto unbacked provider", vm: "web01", home: CryptoShallowRecrypt, provider: "NKP-Unbacked",
			fault: FaultInvalidState, message: "Key provider NKP-Unbacked requires backup."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := demo(t)
			if c.setup != nil {
				c.setup(t, w)
			}
			vm := vmNamed(t, w, c.vm)
			ch := CryptoChange{Home: c.home, Provider: c.provider, Disks: c.diskKey}
			if c.disks != CryptoNoOp {
				ch.Disks = allDisks(vm, c.disks)
			}
			before, gen := encoded(t, w), w.Generation()
			err := w.ReconfigureCrypto(vm.ID.Value, ch)
			if c.fault == "" {
				require.NoError(t, err)
				assert.Equal(t, gen+1, w.Generation())
				assert.True(t, w.Verify().OK(), "%+v", w.Verify().Failures)
				return
			}
			f := requireFault(t, err, c.fault)
			if c.message != "" {
				assert.Equal(t, c.message, f.Message)
			}
			assert.Contains(t, f.Message, c.contains)
			assert.Equal(t, before, encoded(t, w), "a refused operation changes nothing")
			assert.Equal(t, gen, w.Generation())
		})
	}
}

func TestReconfigureTemplateRefused(t *testing.T) {
	inv := smallInventory()
	inv.Datacenters[0].Clusters[0].VMs = append(inv.Datacenters[0].Clusters[0].VMs,
		InventoryVM{Name: "tmpl01", Host: "h1", Template: true, Disks: []InventoryDisk{{CapacityGB: 10}},
			Encryption: &InventoryEncryption{Disks: true}})
	w, err := NewFromInventory(inv, WithClock(testClock))
	require.NoError(t, err)
	v := vmNamed(t, w, "tmpl01")
	assert.True(t, v.Template)
	f := requireFault(t, w.ReconfigureCrypto(v.ID.Value, CryptoChange{Home: CryptoShallowRecrypt}), FaultNotSupported)
	assert.Contains(t, f.Message, "template")
	requireFault(t, w.PowerOn(v.ID.Value), FaultNotSupported)
	_, err = w.CreateSnapshot(v.ID.Value, "s")
	requireFault(t, err, FaultNotSupported)
}

func TestShallowRecryptKeepsDataAndDEK(t *testing.T) {
	w := demo(t)
	web := vmNamed(t, w, "web01")
	before := objectsOf(t, w, "web01")
	require.NoError(t, w.ReconfigureCrypto(web.ID.Value, CryptoChange{
		Home: CryptoShallowRecrypt, Disks: allDisks(web, CryptoShallowRecrypt), Provider: "NKP-Secondary",
	}))
	after := objectsOf(t, w, "web01")
	require.Len(t, after, 3)
	newKey := after["home"].KeyID
	for label, b := range before {
		a := after[label]
		assert.Equal(t, b.DEKFingerprint, a.DEKFingerprint, "%s: same DEK", label)
		assert.Equal(t, b.CiphertextHash, a.CiphertextHash, "%s: data untouched", label)
		assert.Equal(t, b.PlaintextHash, a.PlaintextHash, label)
		assert.NotEqual(t, b.WrappedDEKHash, a.WrappedDEKHash, "%s: rewrapped", label)
		assert.NotEqual(t, b.KeyID, a.KeyID, "%s: new KEK", label)
		assert.Equal(t, "NKP-Secondary", a.ProviderID, label)
		assert.Equal(t, newKey, a.KeyID, "%s: one new key per operation", label)
		assert.Empty(t, a.Error)
	}
	v := vmNamed(t, w, "web01")
	assert.Equal(t, KeyRef{KeyID: newKey, ProviderID: "NKP-Secondary"}, *v.Key)
	assert.Equal(t, PoweredOn, v.PowerState)
	assert.True(t, w.Verify().OK())
}

func TestShallowHomeOnlyLeavesDisks(t *testing.T) {
	w := demo(t)
	before := objectsOf(t, w, "web01")
	require.NoError(t, w.ReconfigureCrypto(vmID(t, w, "web01"), CryptoChange{Home: CryptoShallowRecrypt, Provider: "KMS-Standard"}))
	after := objectsOf(t, w, "web01")
	assert.Equal(t, "KMS-Standard", after["home"].ProviderID)
	assert.Equal(t, before["Hard disk 1"], after["Hard disk 1"])
	assert.Equal(t, before["Hard disk 2"], after["Hard disk 2"])
	assert.True(t, w.Verify().OK())
}

func TestDeepRecryptReplacesDEKAndData(t *testing.T) {
	w := demo(t)
	db := vmNamed(t, w, "db02")
	before := objectsOf(t, w, "db02")
	require.NoError(t, w.ReconfigureCrypto(db.ID.Value, CryptoChange{
		Home: CryptoDeepRecrypt, Disks: allDisks(db, CryptoDeepRecrypt), Provider: "NKP-Primary",
	}))
	after := objectsOf(t, w, "db02")
	for label, b := range before {
		a := after[label]
		assert.NotEqual(t, b.DEKFingerprint, a.DEKFingerprint, "%s: new DEK", label)
		assert.NotEqual(t, b.CiphertextHash, a.CiphertextHash, "%s: data re-encrypted", label)
		assert.NotEqual(t, b.WrappedDEKHash, a.WrappedDEKHash, label)
		assert.NotEqual(t, b.KeyID, a.KeyID, label)
		assert.Equal(t, b.PlaintextHash, a.PlaintextHash, "%s: same plaintext", label)
		assert.Equal(t, "NKP-Primary", a.ProviderID)
		assert.Equal(t, after["home"].KeyID, a.KeyID)
	}
	assert.True(t, w.Verify().OK())
}

// Encrypting and decrypting really transforms the bytes, and decryption
// returns exactly the deterministic plaintext.
func TestEncryptDecryptRoundTripsData(t *testing.T) {
	w := demo(t)
	dev := vmNamed(t, w, "dev03")
	id := dev.ID.Value
	plain := map[string][]byte{}
	for _, d := range dev.Disks {
		plain[d.Label] = DiskPlaintext("dev03", d.Label, 4096)
	}
	stored := func(label string) []byte {
		w.mu.RLock()
		defer w.mu.RUnlock()
		for _, d := range w.vms[id].Disks {
			if d.Label == label {
				return d.Object.Data
			}
		}
		return nil
	}
	for label, p := range plain {
		assert.Equal(t, p, stored(label), "plaintext disk holds the deterministic bytes")
	}

	require.NoError(t, w.ReconfigureCrypto(id, CryptoChange{Home: CryptoEncrypt, Disks: allDisks(dev, CryptoEncrypt)}))
	enc := vmNamed(t, w, "dev03")
	require.NotNil(t, enc.Key)
	assert.Equal(t, "NKP-Primary", enc.Key.ProviderID, "system default")
	for label, p := range plain {
		ct := stored(label)
		assert.Len(t, ct, len(p))
		assert.NotEqual(t, p, ct)
		assert.NotContains(t, string(ct), "keyhost disk dev03", "no plaintext header left")
	}
	host, err := w.Host(enc.Host.Value)
	require.NoError(t, err)
	assert.Equal(t, HostCryptoPrepared, host.CryptoState, "esx04 takes keys; encrypting a VM gives it no host key")
	assert.Nil(t, host.CryptoKey)

	require.NoError(t, w.ReconfigureCrypto(id, CryptoChange{Home: CryptoDecrypt, Disks: allDisks(dev, CryptoDecrypt)}))
	for label, p := range plain {
		assert.Equal(t, p, stored(label), label)
	}
	dec := vmNamed(t, w, "dev03")
	assert.Nil(t, dec.Key)
	assert.Empty(t, dec.CryptoState)
	assert.Equal(t, HostCryptoPrepared, func() HostCryptoState { h, _ := w.Host(dec.Host.Value); return h.CryptoState }(), "a prepared host stays prepared")
	assert.True(t, w.Verify().OK())
}

func TestDefaultProviderResolution(t *testing.T) {
	w := demo(t)
	dev := clusterID(t, w, "Dev")
	encrypt := func(name string) error {
		v := vmNamed(t, w, name)
		return w.ReconfigureCrypto(v.ID.Value, CryptoChange{Home: CryptoEncrypt, Disks: allDisks(v, CryptoEncrypt)})
	}
	require.NoError(t, encrypt("dev01"))
	assert.Equal(t, "NKP-Primary", vmNamed(t, w, "dev01").Key.ProviderID, "system default")

	require.NoError(t, w.SetClusterDefaultKeyProvider(dev, "NKP-Secondary"))
	require.NoError(t, encrypt("dev02"))
	assert.Equal(t, "NKP-Secondary", vmNamed(t, w, "dev02").Key.ProviderID, "cluster default wins")
	kp, err := w.KeyProvider("NKP-Secondary")
	require.NoError(t, err)
	assert.Equal(t, []string{dev}, kp.DefaultForClusters)
	c, err := w.Cluster(dev)
	require.NoError(t, err)
	assert.Equal(t, "NKP-Secondary", c.DefaultKeyProvider)

	require.NoError(t, w.SetClusterDefaultKeyProvider(dev, ""))
	require.NoError(t, w.SetDefaultKeyProvider(""))
	assert.Empty(t, w.DefaultKeyProvider())
	f := requireFault(t, encrypt("dev03"), FaultRuntime)
	assert.Contains(t, f.Message, "No default key provider")
	// An explicit provider still works without defaults.
	v := vmNamed(t, w, "dev03")
	require.NoError(t, w.ReconfigureCrypto(v.ID.Value, CryptoChange{Home: CryptoEncrypt, Provider: "KMS-Standard"}))

	require.NoError(t, w.SetDefaultKeyProvider("KMS-Standard"))
	kp, err = w.KeyProvider("KMS-Standard")
	require.NoError(t, err)
	assert.True(t, kp.DefaultForSystem)
	requireFault(t, w.SetDefaultKeyProvider("NoSuch"), FaultNotFound)
	requireFault(t, w.SetClusterDefaultKeyProvider(dev, "NoSuch"), FaultNotFound)
	requireFault(t, w.SetClusterDefaultKeyProvider("domain-c999", ""), FaultNotFound)
	// A cluster default that is unbacked refuses, naming itself.
	require.NoError(t, w.SetClusterDefaultKeyProvider(dev, "NKP-Unbacked"))
	f = requireFault(t, w.ReconfigureCrypto(vmID(t, w, "dev01"), CryptoChange{Home: CryptoShallowRecrypt}), FaultInvalidState)
	assert.Equal(t, "Key provider NKP-Unbacked requires backup.", f.Message)
}

func TestTPMRequiredProvider(t *testing.T) {
	w := demo(t)
	_, err := w.CreateNativeKeyProvider("NKP-TPM", true)
	require.NoError(t, err)
	require.NoError(t, w.MarkBackedUp("NKP-TPM"))

	// Prod hosts have a TPM: allowed.
	require.NoError(t, w.ReconfigureCrypto(vmID(t, w, "web01"), CryptoChange{Home: CryptoShallowRecrypt, Provider: "NKP-TPM"}))
	// Dev hosts have none: refused, naming provider and host.
	dev01 := vmNamed(t, w, "dev01")
	f := requireFault(t, w.ReconfigureCrypto(dev01.ID.Value, CryptoChange{Home: CryptoEncrypt, Provider: "NKP-TPM"}), FaultInvalidState)
	assert.Contains(t, f.Message, "NKP-TPM")
	assert.Contains(t, f.Message, "esx04.lab.local")
	assert.Equal(t, "NKP-TPM", f.Object)
	// dev04 runs on a TPM-less host: no shallow rekey onto the TPM provider either.
	requireFault(t, w.ReconfigureCrypto(vmID(t, w, "dev04"), CryptoChange{Home: CryptoShallowRecrypt, Provider: "NKP-TPM"}), FaultInvalidState)
}

func TestTPMRequiredProviderAsDefault(t *testing.T) {
	w := demo(t)
	_, err := w.CreateNativeKeyProvider("NKP-TPM", true)
	require.NoError(t, err)
	require.NoError(t, w.MarkBackedUp("NKP-TPM"))
	require.NoError(t, w.SetDefaultKeyProvider("NKP-TPM"))
	f := requireFault(t, w.ReconfigureCrypto(vmID(t, w, "dev02"), CryptoChange{Home: CryptoEncrypt}), FaultInvalidState)
	assert.Contains(t, f.Message, "esx05.lab.local")
}

func TestMixedOpsInOneChange(t *testing.T) {
	w := demo(t)
	app := vmNamed(t, w, "app01")
	require.NoError(t, w.PowerOff(app.ID.Value))
	// Shallow the home and encrypt the disk in one operation: one new key for both.
	require.NoError(t, w.ReconfigureCrypto(app.ID.Value, CryptoChange{
		Home: CryptoShallowRecrypt, Disks: allDisks(app, CryptoEncrypt), Provider: "NKP-Secondary",
	}))
	v := vmNamed(t, w, "app01")
	require.NotNil(t, v.Disks[0].Key)
	assert.Equal(t, *v.Key, *v.Disks[0].Key)
	assert.Equal(t, "NKP-Secondary", v.Key.ProviderID)
	assert.True(t, w.Verify().OK())
}
