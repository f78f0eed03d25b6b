package crypto

import (
	"crypto/aes"
	"crypto/subtle"
	"encoding/binary"
	"errors"
	"fmt"
)

// AES key wrap (RFC 3394, NIST SP 800-38F "KW"). Neither the standard library
// nor x/crypto implements it, so it lives here, on crypto/aes.

// defaultIV is RFC 3394's initial value; unwrapping checks it as the integrity value.
var defaultIV = [8]byte{0xA6, 0xA6, 0xA6, 0xA6, 0xA6, 0xA6, 0xA6, 0xA6}

// ErrUnwrapIntegrity reports a wrapped key that does not unwrap under the
// given KEK: wrong KEK, or a tampered or corrupt blob.
var ErrUnwrapIntegrity = errors.New("key unwrap: integrity check failed (wrong KEK or corrupt wrapped key)")

func kwBlock(kek []byte) (cipherBlock, error) {
	switch len(kek) {
	case 16, 24, 32:
	default:
		return nil, fmt.Errorf("key wrap: KEK is %d bytes, want 16, 24 or 32", len(kek))
	}
	return aes.NewCipher(kek)
}

// cipherBlock is the part of cipher.Block key wrap needs.
type cipherBlock interface {
	Encrypt(dst, src []byte)
	Decrypt(dst, src []byte)
}

// Wrap wraps key data (a multiple of 8 bytes, at least 16) under kek and
// returns len(plaintext)+8 bytes.
func Wrap(kek, plaintext []byte) ([]byte, error) {
	if len(plaintext) < 16 || len(plaintext)%8 != 0 {
		return nil, fmt.Errorf("key wrap: key data is %d bytes, want a multiple of 8 and at least 16", len(plaintext))
	}
	b, err := kwBlock(kek)
	if err != nil {
		return nil, err
	}
	n := len(plaintext) / 8
	out := make([]byte, 8+len(plaintext))
	copy(out[8:], plaintext)
	a := binary.BigEndian.Uint64(defaultIV[:])
	var buf [16]byte
	for j := 0; j < 6; j++ {
		for i := 1; i <= n; i++ {
			r := out[8*i : 8*i+8]
			binary.BigEndian.PutUint64(buf[:8], a)
			copy(buf[8:], r)
			b.Encrypt(buf[:], buf[:])
			a = binary.BigEndian.Uint64(buf[:8]) ^ uint64(n*j+i)
			copy(r, buf[8:])
		}
	}
	binary.BigEndian.PutUint64(out[:8], a)
	clear(buf[:])
	return out, nil
}

// Unwrap reverses Wrap. The integrity value is compared in constant time; on
// failure no key material is returned.
func Unwrap(kek, wrapped []byte) ([]byte, error) {
	if len(wrapped) < 24 || len(wrapped)%8 != 0 {
		return nil, fmt.Errorf("key unwrap: wrapped key is %d bytes, want a multiple of 8 and at least 24", len(wrapped))
	}
	b, err := kwBlock(kek)
	if err != nil {
		return nil, err
	}
	n := len(wrapped)/8 - 1
	out := make([]byte, 8*n)
	copy(out, wrapped[8:])
	a := binary.BigEndian.Uint64(wrapped[:8])
	var buf [16]byte
	for j := 5; j >= 0; j-- {
		for i := n; i >= 1; i-- {
			r := out[8*(i-1) : 8*i]
			binary.BigEndian.PutUint64(buf[:8], a^uint64(n*j+i))
			copy(buf[8:], r)
			b.Decrypt(buf[:], buf[:])
			a = binary.BigEndian.Uint64(buf[:8])
			copy(r, buf[8:])
		}
	}
	clear(buf[:])
	var got [8]byte
	binary.BigEndian.PutUint64(got[:], a)
	if subtle.ConstantTimeCompare(got[:], defaultIV[:]) != 1 {
		clear(out)
		return nil, ErrUnwrapIntegrity
	}
	return out, nil
}
