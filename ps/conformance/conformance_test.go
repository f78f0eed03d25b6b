// Package conformance runs keyhost's PowerShell conformance suite: small
// scripts in ps/testdata/conformance, each with the stdout, stderr and
// exit code pwsh 7 gives for it, written from the language's
// documentation.
//
// A case is name.ps1 with name.stdout (missing: no output), name.stderr
// (missing: must be empty) and name.exit (missing: 0); name.stdin, when
// present, is the host's standard input (Read-Host, prompts); without it
// the host has no input, as pwsh -NonInteractive. Scripts run with
// eval.RunFile from an in-memory copy of the whole folder mounted at
// /conformance, so they can dot-source and import their helper files
// (which are named *.psm1, *.psd1 or *.inc.ps1, or live in subfolders,
// and are not cases); $env:PSModulePath is the modules subfolder.
//
// KEYHOST_CONFORMANCE_UPDATE=1 rewrites the expectation files from the
// actual results: use it only to review a diff, never to make a failing
// case pass.
package conformance

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/keyhost/keyhost/ps/builtin"
	"github.com/keyhost/keyhost/ps/eval"
)

const dir = "../testdata/conformance"

// mount is where the suite's folder appears inside the scripts' file system.
const mount = "/conformance"

// result is what one script produced.
type result struct {
	stdout, stderr string
	exit           int
}

// loadFiles reads the suite's folder into a map for a MemFS.
func loadFiles(t testing.TB) map[string]string {
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[mount+"/"+filepath.ToSlash(rel)] = string(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// runCase runs one script the way pwsh -NonInteractive -File would.
func runCase(files map[string]string, name string) result {
	var out, errOut bytes.Buffer
	table := eval.NewCommandTable()
	builtin.Register(table)
	h := &eval.Host{
		Stdout: &out,
		Stderr: &errOut,
		FS:     eval.NewMemFS(files),
		Now:    func() time.Time { return time.Date(2026, 3, 14, 15, 9, 26, 0, time.UTC) },
		Getwd:  func() (string, error) { return mount, nil },
		Getenv: func(k string) (string, bool) {
			env := map[string]string{"HOME": "/home/admin", "USER": "admin", "KEYHOST_TEST": "yes", "PSModulePath": mount + "/modules"}
			v, ok := env[k]
			return v, ok
		},
	}
	if in, ok := files[mount+"/"+name+".stdin"]; ok {
		h.Stdin = strings.NewReader(in)
		h.EchoAnswers = true
	}
	r := eval.New(eval.WithHost(h), eval.WithCommands(table))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	res := r.RunFile(ctx, mount+"/"+name+".ps1", nil)
	return result{stdout: out.String(), stderr: errOut.String(), exit: res.ExitCode}
}

// cases lists the case names: every .ps1 that is not a helper.
func cases(t testing.TB) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		n := e.Name()
		if strings.HasSuffix(n, ".ps1") && !strings.HasSuffix(n, ".inc.ps1") {
			names = append(names, strings.TrimSuffix(n, ".ps1"))
		}
	}
	sort.Strings(names)
	return names
}

func readOr(path, def string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return def
	}
	return string(b)
}

func TestConformance(t *testing.T) {
	files := loadFiles(t)
	names := cases(t)
	if len(names) == 0 {
		t.Fatal("no conformance cases found")
	}
	update := os.Getenv("KEYHOST_CONFORMANCE_UPDATE") == "1"
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			got := runCase(files, name)
			base := filepath.Join(dir, name)
			if update {
				write := func(ext, s string, keep bool) {
					if !keep {
						os.Remove(base + ext)
						return
					}
					if err := os.WriteFile(base+ext, []byte(s), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				write(".stdout", got.stdout, got.stdout != "")
				write(".stderr", got.stderr, got.stderr != "")
				write(".exit", strconv.Itoa(got.exit)+"\n", got.exit != 0)
				return
			}
			wantOut := readOr(base+".stdout", "")
			wantErr := readOr(base+".stderr", "")
			wantExit, _ := strconv.Atoi(strings.TrimSpace(readOr(base+".exit", "0")))
			if got.stdout != wantOut {
				t.Errorf("stdout:\n--- want\n%s--- got\n%s", wantOut, got.stdout)
			}
			if got.stderr != wantErr {
				t.Errorf("stderr:\n--- want\n%s--- got\n%s", wantErr, got.stderr)
			}
			if got.exit != wantExit {
				t.Errorf("exit code: want %d, got %d", wantExit, got.exit)
			}
		})
	}
}

// TestProbe runs the script named by KEYHOST_PROBE (a path) and prints
// what it wrote; a development aid, skipped otherwise.
func TestProbe(t *testing.T) {
	p := os.Getenv("KEYHOST_PROBE")
	if p == "" {
		t.Skip("set KEYHOST_PROBE to a script path")
	}
	src, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	files := loadFiles(t)
	files[mount+"/__probe.ps1"] = string(src)
	got := runCase(files, "__probe")
	t.Logf("\n--- stdout\n%s--- stderr\n%s--- exit %d", got.stdout, got.stderr, got.exit)
}
