package engine

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSaveLoadRoundTrip(t *testing.T) {
	w := demo(t)
	// Make some history first so more than the initial state is covered.
	require.NoError(t, w.ReconfigureCrypto(vmID(t, w, "web01"), CryptoChange{Home: CryptoShallowRecrypt, Provider: "KMS-Standard"}))
	_, err := w.CreateSnapshot(vmID(t, w, "dev01"), "snap")
	require.NoError(t, err)
	require.NoError(t, w.SetClusterDefaultKeyProvider(clusterID(t, w, "Dev"), "NKP-Secondary"))
	on := true
	require.NoError(t, w.ReconfigureVsanEncryption(clusterID(t, w, "Dev"), VsanEncryptionSpec{Enable: &on}))

	path := filepath.Join(t.TempDir(), "state.json")
	require.NoError(t, w.Save(path))
	info, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm(), "the file holds keys")
	entries, err := os.ReadDir(filepath.Dir(path))
	require.NoError(t, err)
	require.Len(t, entries, 2, "the state, its key file, and no temporary file left behind")
	assert.Equal(t, "state.json.key", entries[1].Name())
	info, err = os.Stat(path + ".key")
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm(), "the key file is private")

	l, err := Load(path, WithClock(testClock))
	require.NoError(t, err)
	assert.Equal(t, w.Generation(), l.Generation())
	assert.Equal(t, w.VCenter(), l.VCenter())
	assert.Equal(t, w.Datacenters(), l.Datacenters())
	assert.Equal(t, w.Clusters(), l.Clusters())
	assert.Equal(t, w.Hosts(), l.Hosts())
	assert.Equal(t, w.Datastores(), l.Datastores())
	assert.Equal(t, w.VMs(), l.VMs())
	assert.Equal(t, w.KeyProviders(), l.KeyProviders())
	assert.Equal(t, w.DefaultKeyProvider(), l.DefaultKeyProvider())
	assert.Equal(t, w.CryptoObjects(), l.CryptoObjects())
	for _, c := range w.Clusters() {
		a, _ := w.Vsan(c.ID.Value)
		b, _ := l.Vsan(c.ID.Value)
		assert.Equal(t, a, b)
	}
	assert.Equal(t, encoded(t, w), encoded(t, l), "byte-identical re-encoding")
	assert.True(t, l.Verify().OK())

	// The loaded world keeps working: keys from the KMS and NKPs still serve.
	require.NoError(t, l.ReconfigureCrypto(vmID(t, l, "web01"), CryptoChange{Home: CryptoShallowRecrypt, Provider: "NKP-Primary"}))
	db02 := vmNamed(t, l, "db02")
	require.NoError(t, l.ReconfigureCrypto(db02.ID.Value, CryptoChange{Home: CryptoDeepRecrypt, Disks: allDisks(db02, CryptoDeepRecrypt)}))
	require.NoError(t, l.RekeyVsan(clusterID(t, l, "Prod"), true))
	assert.True(t, l.Verify().OK())
	// New ids do not reuse old ones.
	s, err := l.CreateSnapshot(vmID(t, l, "dev02"), "next")
	require.NoError(t, err)
	for _, v := range w.VMs() {
		for _, old := range v.Snapshots {
			assert.NotEqual(t, old.ID, s.ID)
		}
	}

	// Overwriting an existing file works and stays crash-safe.
	require.NoError(t, l.Save(path))
	again, err := Load(path)
	require.NoError(t, err)
	assert.Equal(t, l.Generation(), again.Generation())
}

func TestStateFileLayout(t *testing.T) {
	w := demo(t)
	key := testKey(t, 0x42)
	file := sealed(t, w, key)
	var f map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(file, &f))
	assert.JSONEq(t, `"keyhost-state/2"`, string(f["format"]))
	var s sealedSecrets
	require.NoError(t, strictUnmarshal(f["secrets"], &s))
	assert.Equal(t, "AES-256-GCM", s.Algorithm)
	assert.Len(t, s.KeyCheck, 32)
	sec, err := openSecrets(s, key, w.VCenter().InstanceUUID)
	require.NoError(t, err)
	assert.Len(t, sec.NativeKDKs, 3)
	assert.Len(t, sec.KMSKeys["KMS-Standard"], 1)
	// No key material anywhere in the file, in any common encoding.
	for name, kdk := range sec.NativeKDKs {
		for _, enc := range keyEncodings(kdk) {
			assert.NotContains(t, string(file), enc, name)
		}
	}
	for id, k := range sec.KMSKeys["KMS-Standard"] {
		for _, enc := range keyEncodings(k) {
			assert.NotContains(t, string(file), enc, id)
		}
	}
	// Sealing twice gives different files (random nonce) with the same content.
	again := sealed(t, w, key)
	assert.NotEqual(t, file, again)
	l, err := decodeState(again, newConfig([]Option{WithClock(testClock)}), func() (StateKey, error) { return key, nil })
	require.NoError(t, err)
	assert.Equal(t, encoded(t, w), encoded(t, l))
}

// keyEncodings lists the ways key material could show up in text.
func keyEncodings(k []byte) []string {
	return []string{hex.EncodeToString(k), strings.ToUpper(hex.EncodeToString(k)),
		base64.StdEncoding.EncodeToString(k), base64.RawStdEncoding.EncodeToString(k),
		base64.URLEncoding.EncodeToString(k), base64.RawURLEncoding.EncodeToString(k)}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	good := encoded(t, demo(t))
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, data, 0o600))
		return p
	}
	edit := func(f func(m map[string]any)) []byte {
		var m map[string]any
		require.NoError(t, json.Unmarshal(good, &m))
		f(m)
		b, err := json.Marshal(m)
		require.NoError(t, err)
		return b
	}
	st := func(m map[string]any) map[string]any { return m["state"].(map[string]any) }
	firstVM := func(m map[string]any) map[string]any { return st(m)["vms"].([]any)[0].(map[string]any) }

	_, err := Load(filepath.Join(dir, "missing.json"))
	assert.ErrorIs(t, err, fs.ErrNotExist)
	assert.ErrorContains(t, err, "does not exist")

	cases := []struct {
		name string
		data []byte
		is   error
		msg  string
	}{
		{"empty", nil, ErrCorruptState, ""},
		{"not JSON", []byte("hello"), ErrCorruptState, ""},
		{"truncated", good[:len(good)/2], ErrCorruptState, ""},
		{"trailing data", append(append([]byte{}, good...), []byte(`{}`)...), ErrCorruptState, "trailing"},
		{"no format", []byte(`{"state":{}}`), ErrCorruptState, "not a keyhost state file"},
		{"other JSON", []byte(`{"name":"x"}`), ErrCorruptState, ""},
		{"future version", edit(func(m map[string]any) { m["format"] = "keyhost-state/3"; m["newField"] = 1 }), ErrUnsupportedFormat, `"keyhost-state/3"`},
		{"other version", edit(func(m map[string]any) { m["format"] = "keyhost-state/0" }), ErrUnsupportedFormat, ""},
		{"no state", edit(func(m map[string]any) { delete(m, "state") }), ErrCorruptState, "no \"state\""},
		{"null VM", edit(func(m map[string]any) { st(m)["vms"] = []any{nil} }), ErrCorruptState, "null"},
		{"unknown host", edit(func(m map[string]any) { firstVM(m)["host"] = "host-999" }), ErrCorruptState, "host-999"},
		{"bad power state", edit(func(m map[string]any) { firstVM(m)["powerState"] = "exploded" }), ErrCorruptState, "power state"},
		{"short wrapped DEK", edit(func(m map[string]any) {
			firstVM(m)["home"].(map[string]any)["wrappedDek"] = "AAAA"
		}), ErrCorruptState, "wrapped DEK"},
		{"missing KDK", edit(func(m map[string]any) {
			delete(m["secrets"].(map[string]any)["nativeKdks"].(map[string]any), "NKP-Primary")
		}), ErrCorruptState, "KDK"},
		{"KDK for unknown provider", edit(func(m map[string]any) {
			m["secrets"].(map[string]any)["nativeKdks"].(map[string]any)["Ghost"] = "AAAA"
		}), ErrCorruptState, "Ghost"},
		{"duplicate VM id", edit(func(m map[string]any) {
			vms := st(m)["vms"].([]any)
			vms[1].(map[string]any)["id"] = vms[0].(map[string]any)["id"]
		}), ErrCorruptState, "duplicate"},
		{"unknown default provider", edit(func(m map[string]any) { st(m)["defaultKeyProvider"] = "Ghost" }), ErrCorruptState, "Ghost"},
		{"empty key provider id on a disk", edit(func(m map[string]any) {
			firstVM(m)["home"].(map[string]any)["key"].(map[string]any)["providerId"] = ""
		}), ErrCorruptState, "key provider"},
		{"tampered plaintext", edit(func(m map[string]any) {
			vm := st(m)["vms"].([]any)[6].(map[string]any) // dev01, plaintext
			vm["home"].(map[string]any)["sha256"] = "00" + vm["home"].(map[string]any)["sha256"].(string)[2:]
		}), ErrCorruptState, "sha256"},
		{"unknown field", edit(func(m map[string]any) { firstVM(m)["colour"] = "blue" }), ErrCorruptState, "colour"},
		{"bad snapshot current", edit(func(m map[string]any) { firstVM(m)["currentSnapshot"] = "snapshot-77" }), ErrCorruptState, "snapshot-77"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := write(c.name+".json", c.data)
			w, err := Load(p)
			require.Error(t, err)
			assert.Nil(t, w)
			assert.ErrorIs(t, err, c.is)
			assert.ErrorContains(t, err, p, "error names the file")
			assert.ErrorContains(t, err, c.msg)
		})
	}
}

func TestSaveFailsCleanly(t *testing.T) {
	w := demo(t)
	err := w.Save(filepath.Join(t.TempDir(), "no", "such", "dir", "state.json"))
	require.Error(t, err)
	assert.ErrorContains(t, err, "save state")
}

func FuzzLoad(f *testing.F) {
	key := testKey(f, 0x42)
	keyFn := func() (StateKey, error) { return key, nil }
	good := encoded(f, demo(f))
	f.Add(good)
	f.Add(sealed(f, demo(f), key))
	f.Add([]byte(`{"format":"keyhost-state/1","state":{"vcenter":{"name":"x","instanceUuid":"4c1f2a6e-8d3b-4f7a-9e21-5b6c7d8e9f01"}}}`))
	f.Add([]byte(`{"format":"keyhost-state/1","state":{"vms":[null]}}`))
	f.Add([]byte(`{"format":"keyhost-state/2"}`))
	f.Add(bytes.Repeat([]byte("["), 100))
	f.Fuzz(func(t *testing.T, data []byte) {
		w, err := decodeState(data, newConfig([]Option{WithClock(testClock)}), keyFn)
		if err != nil {
			return
		}
		// Whatever loads must be usable and re-save to something that loads
		// again identically.
		_ = w.VMs()
		_ = w.Verify()
		_ = w.CryptoObjects()
		var b bytes.Buffer
		if err := w.writeState(&b, key); err != nil {
			t.Fatal(err)
		}
		w2, err := decodeState(b.Bytes(), newConfig([]Option{WithClock(testClock)}), keyFn)
		if err != nil {
			t.Fatalf("re-saved state does not load: %v", err)
		}
		if !bytes.Equal(encoded(t, w), encoded(t, w2)) {
			t.Fatal("re-saving is not stable")
		}
	})
}
