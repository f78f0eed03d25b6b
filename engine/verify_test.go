package engine

import (
	"encoding/hex"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// tamper flips one byte in a copy of a slice the test then swaps in, as if the
// storage had been corrupted.
func tamper(b []byte, i int) []byte {
	c := append([]byte(nil), b...)
	c[i] ^= 0x40
	return c
}

func TestVerifyCatchesTampering(t *testing.T) {
	cases := []struct {
		name   string
		object string
		mutate func(w *World)
		reason string
	}{
		{"ciphertext", "web01 Hard disk 2", func(w *World) {
			d := w.vms["vm-101"].Disks[1]
			d.Object.Data = tamper(d.Object.Data, 700)
		}, "does not match"},
		{"wrapped DEK", "web01 home", func(w *World) {
			h := &w.vms["vm-101"].Home
			h.WrappedDEK = tamper(h.WrappedDEK, 10)
		}, "integrity check failed"},
		{"plaintext disk", "dev01 Hard disk 1", func(w *World) {
			d := w.vms["vm-106"].Disks[0]
			d.Object.Data = tamper(d.Object.Data, 3)
		}, "plaintext does not match"},
		{"vSAN disk group", "Prod disk group esx02.lab.local", func(w *World) {
			g := w.clusters["domain-c8"].Vsan.DiskGroups[1]
			g.Object.Data = tamper(g.Object.Data, 0)
		}, "does not match"},
		{"missing KMS key", "db02 home", func(w *World) {
			clear(w.providers["KMS-Standard"].local.keys)
		}, "key not found in KMS"},
		{"key id pointing elsewhere", "jump01 Hard disk 1", func(w *World) {
			d := w.vms["vm-110"].Disks[0]
			d.Object.Key = &KeyRef{KeyID: "8e8d5a52-0000-4000-8000-000000000000", ProviderID: "NKP-Primary"}
		}, "integrity check failed"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := demo(t)
			require.Equal(t, "vm-101", vmID(t, w, "web01"))
			require.True(t, w.Verify().OK())
			w.mu.Lock()
			c.mutate(w)
			w.mu.Unlock()
			r := w.Verify()
			require.False(t, r.OK())
			assert.Equal(t, c.object, r.Failures[0].Object)
			assert.Contains(t, r.Failures[0].Reason, c.reason)
			assert.Equal(t, 34, r.Objects)
		})
	}
}

func TestVerifyCounts(t *testing.T) {
	w := demo(t)
	r := w.Verify()
	// Encrypted: web01 3, web02 3, db01 3, db02 3, app01 home, tmpl-web 2, dev04 2, jump01 2, Prod disk groups 3.
	assert.Equal(t, 22, r.Encrypted)
	assert.Equal(t, 12, r.Plaintext)
	assert.Equal(t, r.Objects, r.Encrypted+r.Plaintext)
}

func TestInspectionNeverShowsKeys(t *testing.T) {
	w := demo(t)
	w.mu.RLock()
	kr := w.newKeyring()
	dek, err := kr.unwrapDEK(&w.vms["vm-101"].Home)
	w.mu.RUnlock()
	require.NoError(t, err)
	for _, o := range w.CryptoObjects() {
		for _, s := range []string{o.DEKFingerprint, o.WrappedDEKHash, o.CiphertextHash, o.PlaintextHash, o.KeyID} {
			assert.NotContains(t, s, hex.EncodeToString(dek))
		}
	}
	home := objectsOf(t, w, "web01")["home"]
	assert.Len(t, home.DEKFingerprint, 64)
	assert.Equal(t, 1536, home.Size)
	_, err = w.VMCryptoObjects("vm-999")
	requireFault(t, err, FaultNotFound)
	_, err = w.VsanCryptoObjects("domain-c999")
	requireFault(t, err, FaultNotFound)
	objs, err := w.VsanCryptoObjects("domain-c10")
	require.NoError(t, err)
	assert.Empty(t, objs, "Mgmt has no vSAN")
}
