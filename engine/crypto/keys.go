// Package crypto holds the symmetric primitives keyhost's engine uses to do
// vSphere-style encryption for real: XTS-AES-256 for data (DEKs), RFC 3394 AES
// key wrap for DEKs under KEKs, HKDF-SHA256 to derive Native Key Provider KEKs
// from a key derivation key (KDK), and small helpers for random keys, UUIDs and
// fingerprints. It knows nothing about VMs, providers or persistence.
package crypto

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
)

// Key sizes used throughout keyhost.
const (
	// DEKSize is the size of a data encryption key: two AES-256 keys for XTS.
	DEKSize = 64
	// KEKSize is the size of a key encryption key (AES-256).
	KEKSize = 32
	// KDKSize is the size of a Native Key Provider key derivation key.
	KDKSize = 32
	// WrappedDEKSize is the size of a DEK wrapped with RFC 3394 (one extra semiblock).
	WrappedDEKSize = DEKSize + 8
)

// RandomBytes reads n bytes from r. It fails rather than returning a short key
// when the source runs dry, so a failing source can never yield weak keys.
func RandomBytes(r io.Reader, n int) ([]byte, error) {
	b := make([]byte, n)
	if _, err := io.ReadFull(r, b); err != nil {
		return nil, fmt.Errorf("read %d random bytes: %w", n, err)
	}
	return b, nil
}

// NewDEK draws a fresh 64-byte XTS-AES-256 data encryption key from r and
// rejects one whose halves are equal, as SP 800-38E requires.
func NewDEK(r io.Reader) ([]byte, error) {
	k, err := RandomBytes(r, DEKSize)
	if err != nil {
		return nil, fmt.Errorf("new DEK: %w", err)
	}
	if err := CheckDEK(k); err != nil {
		return nil, fmt.Errorf("new DEK: %w", err)
	}
	return k, nil
}

// NewKEK draws a fresh 256-bit key encryption key from r (used by the in-process KMS).
func NewKEK(r io.Reader) ([]byte, error) {
	k, err := RandomBytes(r, KEKSize)
	if err != nil {
		return nil, fmt.Errorf("new KEK: %w", err)
	}
	return k, nil
}

// NewKDK draws a fresh 256-bit Native Key Provider key derivation key from r.
func NewKDK(r io.Reader) ([]byte, error) {
	k, err := RandomBytes(r, KDKSize)
	if err != nil {
		return nil, fmt.Errorf("new KDK: %w", err)
	}
	return k, nil
}

// NewUUID returns a random (version 4) UUID in its usual text form, read from r.
func NewUUID(r io.Reader) (string, error) {
	b, err := RandomBytes(r, 16)
	if err != nil {
		return "", fmt.Errorf("new UUID: %w", err)
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return FormatUUID([16]byte(b)), nil
}

// FormatUUID renders 16 bytes as 8-4-4-4-12 lower-case hex.
func FormatUUID(u [16]byte) string {
	var buf [36]byte
	hex.Encode(buf[0:8], u[0:4])
	buf[8] = '-'
	hex.Encode(buf[9:13], u[4:6])
	buf[13] = '-'
	hex.Encode(buf[14:18], u[6:8])
	buf[18] = '-'
	hex.Encode(buf[19:23], u[8:10])
	buf[23] = '-'
	hex.Encode(buf[24:], u[10:])
	return string(buf[:])
}

// ErrBadUUID reports text that is not a UUID in 8-4-4-4-12 hex form.
var ErrBadUUID = errors.New("not a UUID in 8-4-4-4-12 hex form")

// ParseUUID parses the 8-4-4-4-12 hex form (either case) into 16 bytes.
func ParseUUID(s string) ([16]byte, error) {
	var u [16]byte
	if len(s) != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-' {
		return u, fmt.Errorf("%q: %w", s, ErrBadUUID)
	}
	hexpart := s[0:8] + s[9:13] + s[14:18] + s[19:23] + s[24:]
	if _, err := hex.Decode(u[:], []byte(hexpart)); err != nil {
		return u, fmt.Errorf("%q: %w", s, ErrBadUUID)
	}
	return u, nil
}

// Fingerprint returns the hex SHA-256 of b. keyhost shows fingerprints of
// keys instead of the keys themselves, and hashes of blobs instead of the blobs.
func Fingerprint(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// Wipe overwrites key material once it is no longer needed, so plaintext keys
// do not linger in memory longer than the operation that used them.
func Wipe(b []byte) {
	clear(b)
}
