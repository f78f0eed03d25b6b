package crypto

import (
	"crypto/aes"
	"crypto/subtle"
	"errors"
	"fmt"

	"golang.org/x/crypto/xts"
)

// SectorSize is the XTS data unit: data is encrypted in 512-byte sectors with
// the sector number as the tweak, as a virtual disk would be.
const SectorSize = 512

// ErrWeakXTSKey reports an XTS key whose two halves are equal; SP 800-38E
// (and FIPS 140 IG C.I) forbid it, and x/crypto/xts does not check it.
var ErrWeakXTSKey = errors.New("XTS key halves are equal (SP 800-38E forbids key1 == key2)")

// CheckDEK reports whether k is usable as an XTS-AES-256 data encryption key.
func CheckDEK(k []byte) error {
	if len(k) != DEKSize {
		return fmt.Errorf("DEK is %d bytes, want %d", len(k), DEKSize)
	}
	if subtle.ConstantTimeCompare(k[:DEKSize/2], k[DEKSize/2:]) == 1 {
		return ErrWeakXTSKey
	}
	return nil
}

func newXTS(dek []byte) (*xts.Cipher, error) {
	if err := CheckDEK(dek); err != nil {
		return nil, err
	}
	c, err := xts.NewCipher(aes.NewCipher, dek)
	if err != nil {
		return nil, fmt.Errorf("XTS cipher: %w", err)
	}
	return c, nil
}

// checkDataLen enforces what XTS without ciphertext stealing can process: a
// whole number of 16-byte blocks (the last sector may be shorter than 512).
func checkDataLen(n int) error {
	if n == 0 || n%16 != 0 {
		return fmt.Errorf("XTS data is %d bytes, want a positive multiple of 16", n)
	}
	return nil
}

// EncryptSectors encrypts plaintext with XTS-AES-256 under dek, sector by
// sector (sector i uses tweak i), and returns a new slice.
func EncryptSectors(dek, plaintext []byte) ([]byte, error) {
	return xtsSectors(dek, plaintext, true)
}

// DecryptSectors reverses EncryptSectors and returns a new slice.
func DecryptSectors(dek, ciphertext []byte) ([]byte, error) {
	return xtsSectors(dek, ciphertext, false)
}

func xtsSectors(dek, in []byte, encrypt bool) ([]byte, error) {
	if err := checkDataLen(len(in)); err != nil {
		return nil, err
	}
	c, err := newXTS(dek)
	if err != nil {
		return nil, err
	}
	out := make([]byte, len(in))
	for off := 0; off < len(in); off += SectorSize {
		end := min(off+SectorSize, len(in))
		sector := uint64(off / SectorSize)
		if encrypt {
			c.Encrypt(out[off:end], in[off:end], sector)
		} else {
			c.Decrypt(out[off:end], in[off:end], sector)
		}
	}
	return out, nil
}
