package engine

import (
	"crypto/rand"
	"errors"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// demoWithBudget builds the demo with a random source the test can make fail.
func demoWithBudget(t *testing.T) (*World, *budgetReader) {
	t.Helper()
	r := &budgetReader{r: rand.Reader, budget: -1}
	return demo(t, WithRandom(r)), r
}

// A failure part-way through a multi-object operation leaves the world,
// including the in-process KMS, exactly as it was.
func TestFailureMidOperationChangesNothing(t *testing.T) {
	const uuid, dek, kek = 16, 64, 32
	cases := []struct {
		name   string
		vm     string
		op     CryptoOp
		prov   string
		budget int // random bytes allowed before the source fails
	}{
		// NKP key id (16), home DEK (64), disk 1 DEK (64), then disk 2's DEK fails.
		{"deep recrypt fails at the last disk", "db02", CryptoDeepRecrypt, "NKP-Primary", uuid + 2*dek},
		{"deep recrypt fails at the first disk", "db02", CryptoDeepRecrypt, "NKP-Primary", uuid + dek},
		// KMS key (16 + 32) staged, then a DEK fails: the KMS key must not stay.
		{"deep recrypt with a KMS key", "db02", CryptoDeepRecrypt, "KMS-Standard", uuid + kek + dek},
		{"encrypt fails at the disk", "dev03", CryptoEncrypt, "NKP-Secondary", uuid + 2*dek},
		{"key minting fails", "web01", CryptoShallowRecrypt, "NKP-Primary", uuid - 1},
		{"KMS key minting fails", "web01", CryptoShallowRecrypt, "KMS-Standard", uuid + kek - 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w, r := demoWithBudget(t)
			vm := vmNamed(t, w, c.vm)
			before, gen := encoded(t, w), w.Generation()
			objsBefore := w.CryptoObjects()

			r.budget = c.budget
			err := w.ReconfigureCrypto(vm.ID.Value, CryptoChange{Home: c.op, Disks: allDisks(vm, c.op), Provider: c.prov})
			f := requireFault(t, err, FaultRuntime)
			assert.True(t, errors.Is(err, errEntropy), "cause kept: %v", err)
			assert.Contains(t, f.Message, "A general system error occurred: ")

			r.budget = -1
			assert.Equal(t, gen, w.Generation())
			assert.Equal(t, before, encoded(t, w), "state unchanged byte for byte")
			assert.Equal(t, objsBefore, w.CryptoObjects())
			assert.True(t, w.Verify().OK())

			// The same operation succeeds once the source works again.
			require.NoError(t, w.ReconfigureCrypto(vm.ID.Value, CryptoChange{Home: c.op, Disks: allDisks(vm, c.op), Provider: c.prov}))
			assert.True(t, w.Verify().OK())
		})
	}
}

func TestVsanFailureMidOperationChangesNothing(t *testing.T) {
	w, r := demoWithBudget(t)
	prod := clusterID(t, w, "Prod")
	before := encoded(t, w)
	// Deep rekey: two key ids (KEK and host key), then three DEKs; the third fails.
	r.budget = 2*16 + 2*64
	requireFault(t, w.RekeyVsan(prod, true), FaultRuntime)
	r.budget = -1
	assert.Equal(t, before, encoded(t, w))

	dev := clusterID(t, w, "Dev")
	r.budget = 2*16 + 64
	on := true
	requireFault(t, w.ReconfigureVsanEncryption(dev, VsanEncryptionSpec{Enable: &on}), FaultRuntime)
	r.budget = -1
	assert.Equal(t, before, encoded(t, w))
	assert.True(t, w.Verify().OK())
}

// flakyKMS is an external KMS (WithKMS) that can be told to fail.
type flakyKMS struct {
	mu         sync.Mutex
	inner      *localKMS
	failCreate bool
	failGet    bool
}

func (k *flakyKMS) CreateKey() (string, []byte, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.failCreate {
		return "", nil, errors.New("KMS unreachable")
	}
	return k.inner.CreateKey()
}

func (k *flakyKMS) GetKey(id string) ([]byte, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.failGet {
		return nil, errors.New("KMS unreachable")
	}
	return k.inner.GetKey(id)
}

func TestExternalKMSFailures(t *testing.T) {
	kms := &flakyKMS{inner: newLocalKMS(rand.Reader)}
	w := demo(t, WithKMS("KMS-Standard", kms))
	db02 := vmNamed(t, w, "db02")
	assert.Len(t, kms.inner.keys, 1, "db02's key was created in the external KMS")
	assert.True(t, w.Verify().OK())

	before := encoded(t, w)
	kms.failCreate = true
	err := w.ReconfigureCrypto(vmID(t, w, "web01"), CryptoChange{Home: CryptoShallowRecrypt, Provider: "KMS-Standard"})
	requireFault(t, err, FaultRuntime)
	assert.ErrorContains(t, err, "KMS unreachable")
	assert.Equal(t, before, encoded(t, w))
	kms.failCreate = false

	// The KMS holding db02's key is down: vCenter cannot send db02's key
	// with a reconfiguration, but esx01 holds it since vCenter pushed it:
	// db02 powers on and off (key-providers-overview: hosts cache the keys,
	// "so workloads can continue to run, as well as power off and on").
	kms.failGet = true
	requireFault(t, w.ReconfigureCrypto(db02.ID.Value, CryptoChange{Home: CryptoShallowRecrypt, Disks: allDisks(db02, CryptoShallowRecrypt), Provider: "NKP-Primary"}), FaultRuntime)
	assert.Equal(t, before, encoded(t, w))
	require.NoError(t, w.PowerOn(db02.ID.Value))
	require.NoError(t, w.PowerOff(db02.ID.Value))
	r := w.Verify()
	assert.False(t, r.OK())
	assert.Len(t, r.Failures, 3, "db02 home and both disks")
	// A reboot loses the cached key, and the KMS cannot give it back.
	require.NoError(t, w.RebootHost(db02.Host.Value))
	assert.Equal(t, VMCryptoLocked, vmNamed(t, w, "db02").CryptoState)
	requireFault(t, w.PowerOn(db02.ID.Value), FaultInvalidState)
	kms.failGet = false

	_, err = w.UnlockVM(db02.ID.Value)
	require.NoError(t, err)
	require.NoError(t, w.ReconfigureCrypto(db02.ID.Value, CryptoChange{Home: CryptoShallowRecrypt, Disks: allDisks(db02, CryptoShallowRecrypt), Provider: "NKP-Primary"}))
	require.NoError(t, w.PowerOn(db02.ID.Value))
	assert.True(t, w.Verify().OK())
}
