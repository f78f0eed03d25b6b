package engine

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseStateKey(t *testing.T) {
	raw := make([]byte, StateKeySize)
	for i := range raw {
		raw[i] = byte(i)
	}
	hexText := fmt.Sprintf("%x", raw)
	good := []string{hexText, strings.ToUpper(hexText), "  " + hexText + "\n", base64.StdEncoding.EncodeToString(raw)}
	for _, text := range good {
		k, err := ParseStateKey(text, "test")
		require.NoError(t, err, text)
		assert.Equal(t, SecretBytes(raw), k.key)
	}
	bad := []string{"", "short", hexText[:62], hexText + "00", "correct horse battery staple", base64.StdEncoding.EncodeToString(raw[:31]), strings.Repeat("zz", 32)}
	for _, text := range bad {
		_, err := ParseStateKey(text, "KEYHOST_STATE_KEY")
		require.Error(t, err, text)
		assert.Contains(t, err.Error(), "KEYHOST_STATE_KEY")
		assert.Contains(t, err.Error(), "openssl rand -hex 32")
		if len(text) > 8 {
			assert.NotContains(t, err.Error(), text, "the error never repeats the key text")
		}
	}
}

func TestStateKeyNeverPrints(t *testing.T) {
	k := testKey(t, 0xab)
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%x", "%q"} {
		out := fmt.Sprintf(verb, k) + fmt.Sprintf(verb, &k)
		assert.NotContains(t, strings.ToLower(out), "abababab", verb)
		assert.Contains(t, out, "test", verb)
	}
}

func TestStateKeyFiles(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "k")
	k, err := CreateStateKeyFile(path, seeded(1))
	require.NoError(t, err)
	info, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())
	assert.Equal(t, "key file "+path, k.Source())

	back, err := ReadStateKeyFile(path)
	require.NoError(t, err)
	assert.Equal(t, k.key, back.key)

	_, err = CreateStateKeyFile(path, seeded(2))
	assert.ErrorIs(t, err, os.ErrExist, "never overwrites a key")

	for _, mode := range []os.FileMode{0o640, 0o604, 0o644, 0o660, 0o666} {
		require.NoError(t, os.Chmod(path, mode))
		_, err = ReadStateKeyFile(path)
		require.Error(t, err, "%04o", mode)
		assert.Contains(t, err.Error(), "accessible by group or others")
		assert.Contains(t, err.Error(), "chmod 600 "+path)
	}
	require.NoError(t, os.Chmod(path, 0o400))
	_, err = ReadStateKeyFile(path)
	assert.NoError(t, err, "read-only for the owner is fine")

	_, err = ReadStateKeyFile(dir)
	assert.ErrorContains(t, err, "not a regular file")
	_, err = ReadStateKeyFile(filepath.Join(dir, "missing"))
	assert.ErrorIs(t, err, os.ErrNotExist)

	junk := filepath.Join(dir, "junk")
	require.NoError(t, os.WriteFile(junk, []byte("not a key\n"), 0o600))
	_, err = ReadStateKeyFile(junk)
	assert.ErrorContains(t, err, "key file "+junk)
}

// The key file policy: Save creates FILE.key once and reuses it; Load
// opens with it; an explicit key overrides it.
func TestSaveLoadWithStateKeys(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "state.json")
	w := demo(t)
	require.NoError(t, w.Save(path))
	keyFile, err := os.ReadFile(path + ".key")
	require.NoError(t, err)
	require.NoError(t, w.Save(path))
	again, err := os.ReadFile(path + ".key")
	require.NoError(t, err)
	assert.Equal(t, keyFile, again, "the key file is created once")
	_, err = Load(path)
	require.NoError(t, err)

	// An explicit key: no key file is made, and only that key opens the file.
	explicit := filepath.Join(dir, "explicit.json")
	require.NoError(t, w.Save(explicit), "(makes explicit.json.key)")
	require.NoError(t, os.Remove(explicit+".key"))
	w2 := demo(t, WithStateKey(testKey(t, 1)))
	require.NoError(t, w2.Save(explicit))
	assert.NoFileExists(t, explicit+".key")
	l, err := Load(explicit, WithStateKey(testKey(t, 1)))
	require.NoError(t, err)
	assert.True(t, l.Verify().OK())
}

func TestLoadKeyErrors(t *testing.T) {
	dir := t.TempDir()
	w := demo(t)
	key := testKey(t, 7)
	good := sealed(t, w, key)
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, data, 0o600))
		return p
	}
	editSecrets := func(f func(s *sealedSecrets)) []byte {
		var m map[string]json.RawMessage
		require.NoError(t, json.Unmarshal(good, &m))
		var s sealedSecrets
		require.NoError(t, json.Unmarshal(m["secrets"], &s))
		f(&s)
		raw, err := json.Marshal(s)
		require.NoError(t, err)
		m["secrets"] = raw
		b, err := json.Marshal(m)
		require.NoError(t, err)
		return b
	}
	// Secrets of another world (another vCenter) pasted into this file.
	other := demo(t)
	otherFile := sealed(t, other, key)
	var om, gm map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(otherFile, &om))
	require.NoError(t, json.Unmarshal(good, &gm))
	var st map[string]any
	require.NoError(t, json.Unmarshal(gm["state"], &st))
	st["vcenter"].(map[string]any)["instanceUuid"] = "00000000-0000-4000-8000-000000000001"
	gm["state"], _ = json.Marshal(st)
	transplanted, err := json.Marshal(gm)
	require.NoError(t, err)

	cases := []struct {
		name string
		data []byte
		opts []Option
		is   error
		msg  string
	}{
		{"wrong key", good, []Option{WithStateKey(testKey(t, 8))}, ErrWrongStateKey, "cannot decrypt key material: wrong state key? (state key from test)"},
		{"no key at all", good, nil, ErrNoStateKey, ".key does not exist"},
		{"damaged sealed bytes", editSecrets(func(s *sealedSecrets) { s.Sealed[20] ^= 1 }), []Option{WithStateKey(key)}, ErrCorruptState, "damaged"},
		{"truncated sealed bytes", editSecrets(func(s *sealedSecrets) { s.Sealed = s.Sealed[:10] }), []Option{WithStateKey(key)}, ErrCorruptState, "too short"},
		{"unknown algorithm", editSecrets(func(s *sealedSecrets) { s.Algorithm = "ROT13" }), []Option{WithStateKey(key)}, ErrCorruptState, "ROT13"},
		{"secrets of another vCenter", transplanted, []Option{WithStateKey(key)}, ErrCorruptState, "another state file"},
		{"no secrets", []byte(strings.Replace(string(good), `"secrets":{`, `"secretz":{`, 1)), []Option{WithStateKey(key)}, ErrCorruptState, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := write(strings.ReplaceAll(c.name, " ", "-")+".json", c.data)
			l, err := Load(p, c.opts...)
			require.Error(t, err)
			assert.Nil(t, l)
			assert.ErrorIs(t, err, c.is)
			assert.ErrorContains(t, err, p)
			assert.ErrorContains(t, err, c.msg)
		})
	}
	t.Run("wrong key message", func(t *testing.T) {
		p := write("msg.json", good)
		_, err := Load(p, WithStateKey(testKey(t, 9)))
		assert.Equal(t, "state file "+p+": cannot decrypt key material: wrong state key? (state key from test)", err.Error())
	})
	t.Run("group-readable key file", func(t *testing.T) {
		p := write("shared.json", good)
		require.NoError(t, os.WriteFile(p+".key", []byte(strings.Repeat("07", 32)), 0o644))
		require.NoError(t, os.Chmod(p+".key", 0o644))
		_, err := Load(p)
		assert.ErrorContains(t, err, "accessible by group or others")
		require.NoError(t, os.Chmod(p+".key", 0o600))
		_, err = Load(p)
		assert.NoError(t, err, "the same key, now private, opens it")
	})
}

// A StateFormatV1 file (key material in the clear) loads, and the next
// save rewrites it sealed.
func TestMigrateV1(t *testing.T) {
	w := demo(t)
	path := filepath.Join(t.TempDir(), "old.json")
	require.NoError(t, os.WriteFile(path, encoded(t, w), 0o600))
	l, err := Load(path, WithClock(testClock))
	require.NoError(t, err)
	assert.Equal(t, encoded(t, w), encoded(t, l))
	assert.NoFileExists(t, path+".key", "loading needs no key")
	require.NoError(t, l.Save(path))
	var hdr struct {
		Format string `json:"format"`
	}
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &hdr))
	assert.Equal(t, StateFormat, hdr.Format)
	assert.FileExists(t, path+".key")
	l2, err := Load(path)
	require.NoError(t, err)
	assert.True(t, l2.Verify().OK())
}
