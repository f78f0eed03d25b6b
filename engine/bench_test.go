package engine

import (
	"path/filepath"
	"sync"
	"testing"
)

func BenchmarkShallowRekey(b *testing.B) {
	w := demo(b)
	web := vmNamed(b, w, "web01")
	ch := CryptoChange{Home: CryptoShallowRecrypt, Disks: allDisks(web, CryptoShallowRecrypt), Provider: "NKP-Primary"}
	for b.Loop() {
		if err := w.ReconfigureCrypto(web.ID.Value, ch); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkShallowRekeyStandard(b *testing.B) {
	w := demo(b)
	web := vmNamed(b, w, "web01")
	ch := CryptoChange{Home: CryptoShallowRecrypt, Disks: allDisks(web, CryptoShallowRecrypt), Provider: "KMS-Standard"}
	for b.Loop() {
		if err := w.ReconfigureCrypto(web.ID.Value, ch); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDeepRekey(b *testing.B) {
	w := demo(b)
	db := vmNamed(b, w, "db02")
	ch := CryptoChange{Home: CryptoDeepRecrypt, Disks: allDisks(db, CryptoDeepRecrypt), Provider: "NKP-Primary"}
	for b.Loop() {
		if err := w.ReconfigureCrypto(db.ID.Value, ch); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkVerifyDemo(b *testing.B) {
	w := demo(b)
	for b.Loop() {
		if !w.Verify().OK() {
			b.Fatal("verify failed")
		}
	}
}

var gen45k = GenerateOptions{VMs: MaxVMs, Clusters: 20, HostsPerCluster: 32, EncryptedFraction: 0.5}

func BenchmarkGenerate45k(b *testing.B) {
	for b.Loop() {
		if _, err := Generate(gen45k); err != nil {
			b.Fatal(err)
		}
	}
}

var large struct {
	once sync.Once
	w    *World
	err  error
}

func largeWorld(b *testing.B) *World {
	large.once.Do(func() { large.w, large.err = Generate(gen45k) })
	if large.err != nil {
		b.Fatal(large.err)
	}
	return large.w
}

func BenchmarkSave45k(b *testing.B) {
	w := largeWorld(b)
	path := filepath.Join(b.TempDir(), "state.json")
	for b.Loop() {
		if err := w.Save(path); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoad45k(b *testing.B) {
	w := largeWorld(b)
	path := filepath.Join(b.TempDir(), "state.json")
	if err := w.Save(path); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := Load(path); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkVerify45k(b *testing.B) {
	w := largeWorld(b)
	for b.Loop() {
		if !w.Verify().OK() {
			b.Fatal("verify failed")
		}
	}
}

// benchPassword protects the .p12 in the backup benchmarks: the cost is the
// PBKDF2/PKCS#12 KDF at nkpbackup.PasswordIterations rounds, by design.
const benchPassword = "correct horse battery staple"

func BenchmarkExportNativeKeyProvider(b *testing.B) {
	w := demo(b)
	for b.Loop() {
		if _, err := w.ExportNativeKeyProvider("NKP-Primary", benchPassword, func([]byte) error { return nil }); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkImportNativeKeyProviderBackup(b *testing.B) {
	data := backup(b, demo(b), "NKP-Secondary", benchPassword)
	w, err := NewFromInventory(smallInventory())
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		// Import, then remove, so every round is a real import.
		if _, err := w.ImportNativeKeyProviderBackup(data, benchPassword, ImportOptions{}); err != nil {
			b.Fatal(err)
		}
		if _, err := w.RemoveKeyProvider("NKP-Secondary"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSaveDemo(b *testing.B) {
	w := demo(b)
	path := filepath.Join(b.TempDir(), "state.json")
	for b.Loop() {
		if err := w.Save(path); err != nil {
			b.Fatal(err)
		}
	}
}
