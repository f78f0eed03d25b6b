package builtin_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/keyhost/keyhost/ps/builtin"
	"github.com/keyhost/keyhost/ps/eval"
)

// benchRunner returns a runner holding $objs, 100,000 VM-like objects.
func benchRunner(b *testing.B) *eval.Runner {
	b.Helper()
	table := eval.NewCommandTable()
	builtin.Register(table)
	var out bytes.Buffer
	h := &eval.Host{Stdout: &out, Stderr: &out, Now: func() time.Time { return testNow }, FS: eval.NewMemFS(nil)}
	r := eval.New(eval.WithHost(h), eval.WithCommands(table))
	res := r.RunCommand(context.Background(), "<setup>", `$objs = 1..100000 | ForEach-Object { [pscustomobject]@{N=$_; Name="vm$_"; PowerState='PoweredOn'} }`)
	if res.ExitCode != 0 {
		b.Fatalf("setup failed: %s", out.String())
	}
	return r
}

// benchPipeline times one pipeline over $objs.
func benchPipeline(b *testing.B, src string) {
	r := benchRunner(b)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if res := r.RunCommand(context.Background(), "<bench>", src); res.ExitCode != 0 {
			b.Fatal("pipeline failed")
		}
	}
}

// BenchmarkWhereSelect pipes 100,000 objects through a script-block
// Where-Object and Select-Object -Property.
func BenchmarkWhereSelect(b *testing.B) {
	benchPipeline(b, `$objs | Where-Object { $_.N % 2 -eq 0 } | Select-Object -Property Name | Out-Null`)
}

// BenchmarkWhereSimplifiedSelect uses the simplified Where-Object syntax.
func BenchmarkWhereSimplifiedSelect(b *testing.B) {
	benchPipeline(b, `$objs | Where-Object PowerState -eq 'PoweredOn' | Select-Object Name, N | Out-Null`)
}

// BenchmarkSortGroup sorts and groups 100,000 objects.
func BenchmarkSortGroup(b *testing.B) {
	benchPipeline(b, `$objs | Sort-Object N -Descending | Group-Object PowerState | Out-Null`)
}
