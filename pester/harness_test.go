package pester

import (
	"bytes"
	"context"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/keyhost/keyhost/cmdlets"
	"github.com/keyhost/keyhost/engine"
	"github.com/keyhost/keyhost/ps/eval"
)

// The test harness: test files run from an in-memory copy of testdata
// under /tests, each in its own session on a fresh demo world, with a
// fixed clock and fixed machine facts, so outputs and reports are the
// same on every machine.

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// fixedNow is the clock of golden runs: every duration is 0.
func fixedNow() time.Time { return time.Date(2025, 1, 8, 12, 0, 0, 0, time.UTC) }

// goldenEnvironment are the machine facts written into golden reports.
var goldenEnvironment = RuntimeEnvironment{
	OSVersion: "6.8.0", Platform: "Linux", Cwd: "/tests", MachineName: "ci-runner",
	User: "admin", ClrVersion: "Unknown", Culture: "en-US",
}

// memTree copies testdata (except the golden files) into a MemFS under
// /tests, plus extra files.
func memTree(t testing.TB, extra map[string]string) *eval.MemFS {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir("testdata", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == "golden" {
			return filepath.SkipDir
		}
		if d.IsDir() {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel("testdata", p)
		files["/tests/"+filepath.ToSlash(rel)] = string(b)
		return nil
	})
	require.NoError(t, err)
	for p, text := range extra {
		files[p] = text
	}
	return eval.NewMemFS(files)
}

// harnessRun is the outcome of a run through the harness.
type harnessRun struct {
	stdout, stderr string
	res            *RunResult
	err            error
	fs             *eval.MemFS
}

// runTests runs the test files at paths (relative to /tests) with cfg
// completed for a hermetic run.
func runTests(t testing.TB, cfg *Config, fsys *eval.MemFS, paths ...string) harnessRun {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if fsys == nil {
		fsys = memTree(t, nil)
	}
	cfg.Paths = paths
	cfg.Clock = fixedNow
	env := goldenEnvironment
	cfg.Environment = &env
	cfg.Stdout = &stdout
	cfg.Getenv = func(string) (string, bool) { return "", false }
	open := func(string) (Session, error) {
		w, err := engine.NewDemo()
		if err != nil {
			return nil, err
		}
		h := &eval.Host{Stdout: &stdout, Stderr: &stderr, Now: fixedNow, FS: fsys, Getwd: func() (string, error) { return "/tests", nil }}
		r, _ := cmdlets.NewRunner(w, h, true)
		return &RunnerSession{Runner: r, Pester: Register(r.Commands()), OnClose: func() { w.Close() }}, nil
	}
	res, err := Invoke(context.Background(), cfg, Files{FS: fsys, Cwd: "/tests"}, open)
	return harnessRun{stdout: stdout.String(), stderr: stderr.String(), res: res, err: err, fs: fsys}
}

// golden compares got with testdata/golden/name, or rewrites it with
// -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	p := filepath.Join("testdata", "golden", name)
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(p)
	require.NoError(t, err, "missing golden file; run go test ./pester -run %s -update", t.Name())
	require.Equal(t, string(want), got, "output differs from %s (rerun with -update and review the diff)", p)
}

// transcript joins a run's standard output and error for a golden file.
func (h harnessRun) transcript() string {
	if h.stderr == "" {
		return h.stdout
	}
	return h.stdout + "--- stderr ---\n" + h.stderr
}

// lines splits output into lines without a trailing empty one.
func lines(s string) []string { return strings.Split(strings.TrimRight(s, "\n"), "\n") }
