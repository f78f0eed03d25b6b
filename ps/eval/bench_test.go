package eval_test

import (
	"context"
	"io"
	"testing"

	"github.com/keyhost/keyhost/ps/eval"
)

// benchRunner returns a runner with one trivial Go cmdlet, Invoke-Trivial,
// which takes one optional parameter and writes nothing.
func benchRunner() *eval.Runner {
	table := eval.NewCommandTable()
	table.Register(&eval.CommandInfo{
		Name:             "Invoke-Trivial",
		ImplementingType: "Keyhost.InvokeTrivialCommand",
		Parameters:       []*eval.Parameter{{Name: "Value", Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Position: 0}}}},
		New:              func() eval.Processor { return eval.ProcessFunc(func(*eval.Call) error { return nil }) },
	})
	return eval.New(eval.WithHost(&eval.Host{Stdout: io.Discard, Stderr: io.Discard}), eval.WithCommands(table))
}

// BenchmarkForeachMillion runs a foreach loop of one million iterations
// with arithmetic, a compound assignment and a property read; one op is
// the whole loop.
func BenchmarkForeachMillion(b *testing.B) {
	const src = `$o = [pscustomobject]@{N=1}; $s = 0; foreach ($i in 1..1000000) { $s += $i * 2 + $o.N }; if ($s -ne 1000002000000) { throw "wrong sum $s" }`
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		r := benchRunner()
		if res := r.RunCommand(context.Background(), "bench", src); res.ExitCode != 0 {
			b.Fatalf("exit %d", res.ExitCode)
		}
	}
}

// BenchmarkCmdletCall measures one call of a trivial Go cmdlet with one
// positional argument, inside a foreach loop; one op is one call.
func BenchmarkCmdletCall(b *testing.B) {
	r := benchRunner()
	r.SetVariable("n", int32(b.N))
	b.ReportAllocs()
	b.ResetTimer()
	if res := r.RunCommand(context.Background(), "bench", `foreach ($i in 1..$n) { Invoke-Trivial $i }`); res.ExitCode != 0 {
		b.Fatalf("exit %d", res.ExitCode)
	}
}

// BenchmarkFunctionCall measures one call of a script function with one
// parameter; one op is one call.
func BenchmarkFunctionCall(b *testing.B) {
	r := benchRunner()
	r.SetVariable("n", int32(b.N))
	b.ReportAllocs()
	b.ResetTimer()
	if res := r.RunCommand(context.Background(), "bench", `function f($x) { $x }; foreach ($i in 1..$n) { $null = f $i }`); res.ExitCode != 0 {
		b.Fatalf("exit %d", res.ExitCode)
	}
}
