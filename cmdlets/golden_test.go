package cmdlets_test

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/keyhost/keyhost/cmdlets"
	"github.com/keyhost/keyhost/engine"
	"github.com/keyhost/keyhost/ps/eval"
)

// update rewrites the golden files: go test ./cmdlets -run Golden -update.
// Review every diff by hand before committing it.
var update = flag.Bool("update", false, "rewrite the golden files of the admin scripts")

// The admin scripts in testdata run unchanged on the demo inventory
// (testdata/NAME.stdin answers their prompts), and their whole transcript
// (output, errors, exit code) is compared with testdata/NAME.golden.
func TestGoldenAdminScripts(t *testing.T) {
	scripts, err := filepath.Glob("testdata/*.ps1")
	require.NoError(t, err)
	require.NotEmpty(t, scripts)
	for _, script := range scripts {
		name := strings.TrimSuffix(filepath.Base(script), ".ps1")
		t.Run(name, func(t *testing.T) {
			got := runAdminScript(t, script)
			golden := strings.TrimSuffix(script, ".ps1") + ".golden"
			if *update {
				require.NoError(t, os.WriteFile(golden, []byte(got), 0o644))
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err, "run with -update to create it")
			assert.Equal(t, string(want), got)
		})
	}
}

// runAdminScript runs a script file on a fresh demo world with a fixed
// clock and an in-memory /work, and returns its transcript.
func runAdminScript(t *testing.T, script string) string {
	t.Helper()
	src, err := os.ReadFile(script)
	require.NoError(t, err)
	path := "/work/scripts/" + filepath.Base(script)
	fsys := eval.NewMemFS(map[string]string{path: string(src)})
	now := func() time.Time { return time.Date(2026, 11, 24, 3, 11, 8, 0, time.UTC) }
	w, err := engine.NewDemo(engine.WithClock(now))
	require.NoError(t, err)
	defer w.Close()
	var out, errOut bytes.Buffer
	h := &eval.Host{Stdout: &out, Stderr: &errOut, FS: fsys, Now: now, EchoAnswers: true,
		Getwd: func() (string, error) { return "/work", nil }}
	if in, err := os.ReadFile(strings.TrimSuffix(script, ".ps1") + ".stdin"); err == nil {
		h.Stdin = bytes.NewReader(in)
	}
	r, _ := cmdlets.NewRunner(w, h, true)
	res := r.RunFile(context.Background(), path, nil)
	assert.True(t, w.Verify().OK(), "every object still decrypts")
	return fmt.Sprintf("%s--- stderr ---\n%s--- exit %d ---\n", out.String(), errOut.String(), res.ExitCode)
}
