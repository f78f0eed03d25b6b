package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// keyhostEnv runs the command with the given environment variables.
func keyhostEnv(t testing.TB, env map[string]string, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	a := &app{
		stdout: &out,
		stderr: &errOut,
		getenv: func(k string) (string, bool) { v, ok := env[k]; return v, ok },
		getwd:  os.Getwd,
		now:    func() time.Time { return fixedNow },
	}
	code := a.main(context.Background(), args)
	return result{stdout: out.String(), stderr: errOut.String(), code: code}
}

func TestDefaultKeyFileBesideTheState(t *testing.T) {
	state := demoState(t)
	info, err := os.Stat(state + ".key")
	require.NoError(t, err, "the first save creates FILE.key")
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())
	info, err = os.Stat(state)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())

	require.NoError(t, os.Rename(state+".key", state+".moved"))
	original := fileBytes(t, state)
	r := keyhost(t, "", "run", "--state", state, "-c", "Set-VM -VM dev01 -KeyProvider NKP-Primary -Confirm:$false")
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.stderr, "keyhost: state file "+state+": no state key: its key material is sealed, no state key was given, and the key file "+state+".key does not exist")
	assert.Contains(t, r.stderr, "KEYHOST_STATE_KEY")
	assert.Equal(t, original, fileBytes(t, state), "nothing written")
	assert.NoFileExists(t, state+".key", "and no new key made")
}

func TestStateKeyFromTheEnvironment(t *testing.T) {
	dir := t.TempDir()
	state := filepath.Join(dir, "s.json")
	key := strings.Repeat("5a", 32)
	env := map[string]string{"KEYHOST_STATE_KEY": key}
	r := keyhostEnv(t, env, "inventory", "demo", "-o", state)
	require.Equal(t, 0, r.code, r.stderr)
	assert.NoFileExists(t, state+".key", "an explicit key needs no key file")

	r = keyhostEnv(t, env, "verify", "--state", state)
	require.Equal(t, 0, r.code, r.stderr)
	r = keyhostEnv(t, env, "run", "--state", state, "-c", "Set-VM -VM dev01 -KeyProvider NKP-Primary -Confirm:$false | Out-Null")
	require.Equal(t, 0, r.code, r.stderr)
	original := fileBytes(t, state)

	// The same key as base64, or from a private key file, opens it too.
	keyFile := filepath.Join(dir, "state.key")
	require.NoError(t, os.WriteFile(keyFile, []byte(key+"\n"), 0o600))
	for _, e := range []map[string]string{
		{"KEYHOST_STATE_KEY": "WlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlo="},
		{"KEYHOST_STATE_KEY_FILE": keyFile},
	} {
		r = keyhostEnv(t, e, "verify", "--state", state)
		assert.Equal(t, 0, r.code, r.stderr)
	}

	wrong := map[string]string{"KEYHOST_STATE_KEY": strings.Repeat("00", 32)}
	for _, tc := range []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"wrong key", wrong, []string{"run", "--state", state, "-c", "Set-VM -VM dev02 -KeyProvider NKP-Primary -Confirm:$false"},
			"keyhost: state file " + state + ": cannot decrypt key material: wrong state key? (state key from KEYHOST_STATE_KEY)"},
		{"no key", nil, []string{"verify", "--state", state}, "no state key"},
		{"not a key", map[string]string{"KEYHOST_STATE_KEY": "hunter2"}, []string{"verify", "--state", state},
			"state key from KEYHOST_STATE_KEY: want 32 bytes as 64 hex digits or base64"},
		{"both set", map[string]string{"KEYHOST_STATE_KEY": key, "KEYHOST_STATE_KEY_FILE": keyFile}, []string{"verify", "--state", state},
			"set KEYHOST_STATE_KEY or KEYHOST_STATE_KEY_FILE, not both"},
		{"missing key file", map[string]string{"KEYHOST_STATE_KEY_FILE": filepath.Join(dir, "nope")}, []string{"verify", "--state", state},
			"KEYHOST_STATE_KEY_FILE: state key file: "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := keyhostEnv(t, tc.env, tc.args...)
			assert.Equal(t, 1, r.code)
			assert.Contains(t, r.stderr, tc.want)
			assert.NotContains(t, r.stderr, "hunter2")
			assert.NotContains(t, r.stderr, key)
			assert.Equal(t, original, fileBytes(t, state), "nothing written")
		})
	}

	t.Run("group-readable key file", func(t *testing.T) {
		require.NoError(t, os.Chmod(keyFile, 0o640))
		r := keyhostEnv(t, map[string]string{"KEYHOST_STATE_KEY_FILE": keyFile}, "verify", "--state", state)
		assert.Equal(t, 1, r.code)
		assert.Contains(t, r.stderr, "is accessible by group or others (mode 0640); make it private with: chmod 600 "+keyFile)
	})
}
