package main

import (
	"context"
	"io"
	"os"
	"testing"

	"github.com/keyhost/keyhost/cmdlets"
	"github.com/keyhost/keyhost/engine"
	"github.com/keyhost/keyhost/ps/eval"
)

// BenchmarkFAQ02Generated45k runs FAQ script 02 (shallow rekey of every
// encrypted VM) over a generated world at vCenter's maximum of 45,000 VMs,
// half of them encrypted. Each iteration rekeys all 22,500 of them again.
func BenchmarkFAQ02Generated45k(b *testing.B) {
	benchmarkFAQ02(b, engine.MaxVMs)
}

// BenchmarkFAQ02Generated1k is the same loop at a size that runs quickly,
// for comparing per-VM costs.
func BenchmarkFAQ02Generated1k(b *testing.B) {
	benchmarkFAQ02(b, 1000)
}

func benchmarkFAQ02(b *testing.B, vms int) {
	w, err := engine.Generate(engine.GenerateOptions{VMs: vms, Clusters: 10, HostsPerCluster: 8, EncryptedFraction: 0.5})
	if err != nil {
		b.Fatal(err)
	}
	script := "demo/faq/02-rekey-all-encrypted-vms.ps1"
	if _, err := os.Stat(sharedFAQ); err == nil {
		script = sharedFAQ + "/02-rekey-all-encrypted-vms.ps1"
	}
	host := &eval.Host{Stdout: io.Discard, Stderr: io.Discard, FS: eval.OSFileSystem{}, Getwd: os.Getwd}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		r, _ := cmdlets.NewRunner(w, host, true)
		res := r.RunFile(context.Background(), "testdata/faq-caller.ps1", []string{"-Script", script, "-VMName", "vm00001"})
		if res.ExitCode != 0 {
			b.Fatalf("script 02 exited %d", res.ExitCode)
		}
	}
	b.ReportMetric(float64(vms), "VMs")
}

// BenchmarkFAQ02Generated10k sits between the two, to show how the cost
// grows with the inventory.
func BenchmarkFAQ02Generated10k(b *testing.B) {
	benchmarkFAQ02(b, 10000)
}
