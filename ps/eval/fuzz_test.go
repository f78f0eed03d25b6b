package eval_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/keyhost/keyhost/ps/builtin"
	"github.com/keyhost/keyhost/ps/eval"
)

// FuzzEval runs arbitrary scripts with a short deadline and checks that
// the evaluator never panics (a panic is reported as an internal error)
// and always comes back: loops and statements check the run's context.
func FuzzEval(f *testing.F) {
	for _, pattern := range []string{"../testdata/conformance/*.ps1", "../parser/testdata/*.ps1"} {
		files, _ := filepath.Glob(pattern)
		for _, name := range files {
			if b, err := os.ReadFile(name); err == nil {
				f.Add(string(b))
			}
		}
	}
	for _, s := range []string{"", "while ($true) {}", "for (;;) { }", "do { } until ($false)", "function f { f }; f",
		"$a = @(); $a[0] = 1", "[int]::Parse('x')", "throw", "switch (1) { default { break } }", "1/0", "'a' * 3",
		"trap { continue }; throw 'x'", "try { throw } catch { throw } finally { 'f' }", "${a}?.b", "$null = @{} + @{}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		// Building huge values (1..1e9, 'x' * 1e9) is not a bug, only
		// slow; keep the inputs to ones that finish quickly.
		if strings.Contains(src, "..") || strings.Contains(src, "*") || len(src) > 4096 {
			t.Skip()
		}
		var out, errOut bytes.Buffer
		table := eval.NewCommandTable()
		builtin.Register(table)
		h := &eval.Host{Stdout: &out, Stderr: &errOut, FS: eval.NewMemFS(nil)}
		r := eval.New(eval.WithHost(h), eval.WithCommands(table))
		ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
		defer cancel()
		done := make(chan struct{})
		go func() {
			defer close(done)
			r.RunCommand(ctx, "<fuzz>", src)
		}()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Fatalf("run did not stop after its deadline: %q", src)
		}
		if strings.Contains(errOut.String(), "keyhost internal error") {
			t.Fatalf("internal error for %q: %s", src, errOut.String())
		}
	})
}
