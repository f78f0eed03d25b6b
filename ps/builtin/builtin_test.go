package builtin_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/keyhost/keyhost/ps/builtin"
	"github.com/keyhost/keyhost/ps/eval"
)

// testNow is the clock of every test run: Tuesday, November 24, 2026
// 3:11:08 AM (UTC, so local and universal times agree).
var testNow = time.Date(2026, 11, 24, 3, 11, 8, 0, time.UTC)

// result is what a script run printed and how it ended.
type result struct {
	out, err string
	res      eval.Result
	fs       *eval.MemFS
}

// runScript runs src on a fresh runner with the builtin cmdlets, a fixed
// clock and an in-memory file system holding files, with /work as the
// current location.
func runScript(t testing.TB, src string, files map[string]string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	table := eval.NewCommandTable()
	builtin.Register(table)
	if files == nil {
		files = map[string]string{}
	}
	fs := eval.NewMemFS(files)
	_ = fs.MkdirAll("/work")
	h := &eval.Host{Stdout: &out, Stderr: &errOut, Now: func() time.Time { return testNow }, FS: fs,
		Getwd: func() (string, error) { return "/work", nil }}
	r := eval.New(eval.WithHost(h), eval.WithCommands(table))
	res := r.RunCommand(context.Background(), "<test>", src)
	return result{out: out.String(), err: errOut.String(), res: res, fs: fs}
}

// scriptCase is one table-driven case: a script and its exact output.
type scriptCase struct {
	name, src, want string
}

// runCases runs cases that must print want and no errors.
func runCases(t *testing.T, cases []scriptCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := runScript(t, tc.src, nil)
			assert.Equal(t, tc.want, r.out)
			assert.Empty(t, r.err)
			assert.Equal(t, 0, r.res.ExitCode)
		})
	}
}

// errorCase is a script that must fail with an error containing want.
type errorCase struct {
	name, src, wantOut, wantErr string
}

// runErrorCases runs cases whose error view must contain wantErr.
func runErrorCases(t *testing.T, cases []errorCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := runScript(t, tc.src, nil)
			assert.Equal(t, tc.wantOut, r.out)
			assert.Contains(t, r.err, tc.wantErr)
		})
	}
}

// lines joins lines with newlines, for readable expectations.
func lines(ls ...string) string { return strings.Join(ls, "\n") + "\n" }
