package pester

import (
	"context"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/keyhost/keyhost/cmdlets"
	"github.com/keyhost/keyhost/engine"
	"github.com/keyhost/keyhost/ps/eval"
)

// The benchmark: 1,000 It blocks across 50 files (Pester 5 on
// pwsh takes a few seconds for that). Each file has a BeforeAll, a
// BeforeEach, a mock, two Contexts and 20 tests with assertions against
// the demo inventory.

// benchFiles builds the 50 test files.
func benchFiles() map[string]string {
	files := map[string]string{}
	for f := 0; f < 50; f++ {
		var b strings.Builder
		fmt.Fprintf(&b, "BeforeAll {\n    function Get-Double([int]$N) { $N * 2 }\n}\n\nDescribe 'File %d' {\n", f)
		b.WriteString("    BeforeAll {\n        Mock Get-KeyProvider { [pscustomobject]@{ Name = 'mocked' } }\n    }\n")
		b.WriteString("    BeforeEach {\n        $vmName = 'web01'\n    }\n")
		for c := 0; c < 2; c++ {
			fmt.Fprintf(&b, "    Context 'Context %d' {\n", c)
			for i := 0; i < 10; i++ {
				n := c*10 + i
				switch i % 4 {
				case 0:
					fmt.Fprintf(&b, "        It 'doubles %d' {\n            Get-Double %d | Should -Be %d\n        }\n", n, n, 2*n)
				case 1:
					fmt.Fprintf(&b, "        It 'finds <vm> (%d)' -ForEach @{ vm = 'web02' } {\n            (Get-VM -Name $vm).Name | Should -BeExactly $vm\n        }\n", n)
				case 2:
					fmt.Fprintf(&b, "        It 'mocks %d' {\n            (Get-KeyProvider).Name | Should -Be 'mocked'\n            Should -Invoke Get-KeyProvider -Times 1 -Exactly\n        }\n", n)
				default:
					fmt.Fprintf(&b, "        It 'matches %d' {\n            $vmName | Should -Match '^web'\n            @(1, 2, 3) | Should -HaveCount 3\n        }\n", n)
				}
			}
			b.WriteString("    }\n")
		}
		b.WriteString("}\n")
		files[fmt.Sprintf("/bench/suite%02d.Tests.ps1", f)] = b.String()
	}
	return files
}

// runBench runs the suite once; freshWorld gives each file its own demo
// world, as keyhost test does.
func runBench(b *testing.B, fsys *eval.MemFS, freshWorld bool) {
	shared, err := engine.NewDemo()
	if err != nil {
		b.Fatal(err)
	}
	defer shared.Close()
	cfg := DefaultConfig()
	cfg.Verbosity = VerbosityNone
	cfg.Paths = []string{"/bench"}
	cfg.Stdout = io.Discard
	open := func(string) (Session, error) {
		w := shared
		closeWorld := func() {}
		if freshWorld {
			var err error
			if w, err = engine.NewDemo(); err != nil {
				return nil, err
			}
			closeWorld = func() { w.Close() }
		}
		h := &eval.Host{FS: fsys, Getwd: func() (string, error) { return "/bench", nil }}
		r, _ := cmdlets.NewRunner(w, h, true)
		return &RunnerSession{Runner: r, Pester: Register(r.Commands()), OnClose: closeWorld}, nil
	}
	res, err := Invoke(context.Background(), cfg, Files{FS: fsys, Cwd: "/bench"}, open)
	if err != nil {
		b.Fatal(err)
	}
	if res.PassedCount != 1000 || res.FailureCount() != 0 {
		b.Fatalf("passed %d of %d tests, %d failures", res.PassedCount, res.TotalCount, res.FailureCount())
	}
}

func BenchmarkThousandTests(b *testing.B) {
	fsys := eval.NewMemFS(benchFiles())
	b.Run("fresh-world-per-file", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			runBench(b, fsys, true)
		}
	})
	b.Run("shared-world", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			runBench(b, fsys, false)
		}
	})
}
