package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/keyhost/keyhost/engine"
)

// fixedNow is the clock of every test run, so PowerCLI's timestamped error
// messages are reproducible.
var fixedNow = time.Date(2026, 11, 24, 3, 11, 8, 0, time.UTC)

// result is what one keyhost invocation printed and returned.
type result struct {
	stdout, stderr string
	code           int
}

// keyhost runs the command in-process with the given standard input
// ("" for none at all, like pwsh -NonInteractive).
func keyhost(t testing.TB, stdin string, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	a := &app{
		stdout: &out,
		stderr: &errOut,
		getenv: func(string) (string, bool) { return "", false },
		getwd:  os.Getwd,
		now:    func() time.Time { return fixedNow },
	}
	if stdin != "" {
		a.stdin = strings.NewReader(stdin)
	}
	code := a.main(context.Background(), args)
	return result{stdout: out.String(), stderr: errOut.String(), code: code}
}

// demoState writes a fresh demo state file and returns its path.
func demoState(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "state.json")
	r := keyhost(t, "", "inventory", "demo", "-o", path)
	require.Equal(t, 0, r.code, r.stderr)
	return path
}

// objects loads a state file and indexes its crypto objects by name
// ("web01 home", "web01 Hard disk 1", "Prod disk group esx01.lab.local").
func objects(t *testing.T, path string) map[string]engine.ObjectCrypto {
	t.Helper()
	w, err := engine.Load(path)
	require.NoError(t, err)
	out := map[string]engine.ObjectCrypto{}
	for _, o := range w.CryptoObjects() {
		out[o.Name] = o
	}
	return out
}

// fileBytes reads a file for byte-for-byte comparisons.
func fileBytes(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return b
}
