package crypto

import (
	"crypto/rand"
	"testing"
)

// BenchmarkEncryptSectors measures keyhost's XTS-AES-256 (x/crypto/xts,
// 512-byte sectors) on 1 MiB, to set beside `openssl speed -evp
// aes-256-xts`.
func BenchmarkEncryptSectors(b *testing.B) {
	dek, err := NewDEK(rand.Reader)
	if err != nil {
		b.Fatal(err)
	}
	data := make([]byte, 1<<20)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := EncryptSectors(dek, data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecryptSectors is BenchmarkEncryptSectors' reverse.
func BenchmarkDecryptSectors(b *testing.B) {
	dek, err := NewDEK(rand.Reader)
	if err != nil {
		b.Fatal(err)
	}
	data := make([]byte, 1<<20)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := DecryptSectors(dek, data); err != nil {
			b.Fatal(err)
		}
	}
}
