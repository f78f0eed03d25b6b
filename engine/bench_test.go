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

// bigVMInventory is smallInventory with one powered-off VM "big" whose 64
// disks of 1 MiB hold 64 MiB of data, encrypted by NKP.
func bigVMInventory() Inventory {
	inv := smallInventory()
	vm := InventoryVM{Name: "big", Host: "h1", Encryption: &InventoryEncryption{Disks: true}}
	for range 64 {
		vm.Disks = append(vm.Disks, InventoryDisk{CapacityGB: 1, DataBytes: maxObjectBytes})
	}
	inv.Datacenters[0].Clusters[0].VMs = []InventoryVM{vm}
	return inv
}

// BenchmarkDeepRekeyThroughput deep-rekeys a VM with 64 MiB of disk data:
// every byte is decrypted and encrypted again (XTS-AES-256) under new DEKs.
// MB/s counts the disk data once.
func BenchmarkDeepRekeyThroughput(b *testing.B) {
	w, err := NewFromInventory(bigVMInventory())
	if err != nil {
		b.Fatal(err)
	}
	vm := vmNamed(b, w, "big")
	ch := CryptoChange{Home: CryptoDeepRecrypt, Disks: allDisks(vm, CryptoDeepRecrypt), Provider: "NKP"}
	b.SetBytes(64 << 20)
	for b.Loop() {
		if err := w.ReconfigureCrypto(vm.ID.Value, ch); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRebootHost reboots a TPM host: one TPM session unseals its
// KDKs (the simulator), and vCenter pushes its Standard KEKs again.
func BenchmarkRebootHost(b *testing.B) {
	w := demo(b)
	h := hostNamed(b, w, "esx01.lab.local")
	for b.Loop() {
		if err := w.RebootHost(h.ID.Value); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNewDemo builds the demo world: 4 TPM hosts seal their KDKs.
func BenchmarkNewDemo(b *testing.B) {
	for b.Loop() {
		if _, err := NewDemo(); err != nil {
			b.Fatal(err)
		}
	}
}
