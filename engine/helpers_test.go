package engine

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

var testTime = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)

func testClock() time.Time { return testTime }

// seeded returns a deterministic random source for tests.
func seeded(seed byte) io.Reader {
	var s [32]byte
	s[0] = seed
	return rand.NewChaCha8(s)
}

// demo builds the demo world with a fixed clock.
func demo(t testing.TB, opts ...Option) *World {
	t.Helper()
	w, err := NewDemo(append([]Option{WithClock(testClock)}, opts...)...)
	require.NoError(t, err)
	return w
}

// vmNamed returns the VM with the given name.
func vmNamed(t testing.TB, w *World, name string) VM {
	t.Helper()
	for _, v := range w.VMs() {
		if v.Name == name {
			return v
		}
	}
	t.Fatalf("no VM %s", name)
	return VM{}
}

func vmID(t testing.TB, w *World, name string) string {
	t.Helper()
	return vmNamed(t, w, name).ID.Value
}

func clusterID(t testing.TB, w *World, name string) string {
	t.Helper()
	for _, c := range w.Clusters() {
		if c.Name == name {
			return c.ID.Value
		}
	}
	t.Fatalf("no cluster %s", name)
	return ""
}

// objectsOf returns a VM's (or cluster's) crypto objects keyed by object label.
func objectsOf(t testing.TB, w *World, vmName string) map[string]ObjectCrypto {
	t.Helper()
	list, err := w.VMCryptoObjects(vmID(t, w, vmName))
	require.NoError(t, err)
	out := map[string]ObjectCrypto{}
	for _, o := range list {
		out[o.Object] = o
	}
	return out
}

// requireFault asserts err is a *Fault with the given name and returns it.
func requireFault(t testing.TB, err error, name string) *Fault {
	t.Helper()
	require.Error(t, err)
	f, ok := AsFault(err)
	require.True(t, ok, "want a *Fault, got %T: %v", err, err)
	require.Equal(t, name, f.Name, "fault message: %s", f.Message)
	return f
}

// encoded returns the world as a StateFormatV1 file, key material in the
// clear: a canonical form that is byte-stable for an unchanged world (fixed
// clock), unlike Save's output, whose sealing nonce is random. It loads as
// a v1 state file.
func encoded(t testing.TB, w *World) []byte {
	t.Helper()
	w.mu.RLock()
	defer w.mu.RUnlock()
	sec, err := json.Marshal(w.secretsLocked())
	require.NoError(t, err)
	b, err := json.Marshal(stateFile{Format: StateFormatV1, Generation: w.gen, SavedAt: w.cfg.now().UTC(), State: &w.st, Secrets: sec})
	require.NoError(t, err)
	return b
}

// sealed returns the world as Save writes it, sealed with key.
func sealed(t testing.TB, w *World, key StateKey) []byte {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, w.writeState(&b, key))
	return b.Bytes()
}

// testKey returns a fixed state key made of one repeated byte.
func testKey(t testing.TB, fill byte) StateKey {
	t.Helper()
	k, err := ParseStateKey(strings.Repeat(fmt.Sprintf("%02x", fill), StateKeySize), "test")
	require.NoError(t, err)
	return k
}

// allDisks is a CryptoChange disk map applying op to every disk of vm.
func allDisks(vm VM, op CryptoOp) map[int32]CryptoOp {
	m := map[int32]CryptoOp{}
	for _, d := range vm.Disks {
		m[d.DeviceKey] = op
	}
	return m
}

var errEntropy = errors.New("entropy source exhausted")

// budgetReader serves random bytes until its budget is spent, then fails;
// with budget < 0 it never fails. Used to fail an operation part-way.
type budgetReader struct {
	r      io.Reader
	budget int
}

func (b *budgetReader) Read(p []byte) (int, error) {
	if b.budget >= 0 {
		if len(p) > b.budget {
			return 0, errEntropy
		}
		b.budget -= len(p)
	}
	return b.r.Read(p)
}

// smallInventory is one cluster C1 with a TPM host h1 and a local datastore,
// and one backed-up Native provider NKP (the system default).
func smallInventory() Inventory {
	return Inventory{
		VCenter:            InventoryVCenter{Name: "vc.test"},
		KeyProviders:       []InventoryProvider{{Name: "NKP", Type: ProviderNative, BackedUp: true}},
		DefaultKeyProvider: "NKP",
		Datacenters: []InventoryDatacenter{{
			Name: "DC",
			Clusters: []InventoryCluster{{
				Name:       "C1",
				Hosts:      []InventoryHost{{Name: "h1", TPM: true}},
				Datastores: []InventoryDatastore{{Name: "ds1", Host: "h1"}},
			}},
		}},
	}
}
