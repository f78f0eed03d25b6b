package engine

import (
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	kcrypto "github.com/keyhost/keyhost/engine/crypto"
)

// StateKeySize is the size of a state key: an AES-256 key.
const StateKeySize = 32

// StateKeyFileSuffix names the key file Save creates next to a state file
// when no state key was given: state.json gets state.json.key.
const StateKeyFileSuffix = ".key"

// StateKey is the 256-bit key that seals the key material (KDKs, in-process
// KMS keys) in a state file. Its text form, in the environment and in key
// files, is the 32 bytes as 64 hex digits or as standard base64 (44
// characters with padding); surrounding white space is ignored. keyhost
// takes no passphrases: a state key is a random key (`openssl rand -hex 32`).
//
// Policy (keyhost's command applies it; see WithStateKey and Save):
//
//  1. KEYHOST_STATE_KEY holds the key's text; or
//  2. KEYHOST_STATE_KEY_FILE names a file holding it, which must be private
//     (no group or other permission bits: chmod 600), else it is refused;
//  3. with neither (setting both is an error), the key lives in a key file
//     beside the state file, FILE.key, which Save creates (mode 0600,
//     random key, made durable before the state file is written) the first
//     time it saves FILE, and Load reads back. The state file alone then
//     reveals no key; the two files together do, so keep FILE.key out of
//     backups that travel with FILE.
//
// A StateKey never prints (see SecretBytes); Source says where it came from.
type StateKey struct {
	key    SecretBytes
	source string
}

// Source describes where the key came from ("KEYHOST_STATE_KEY", "key file
// /srv/state.json.key"), for messages. It is not secret.
func (k StateKey) Source() string { return k.source }

// valid reports whether k holds a key (the zero StateKey does not).
func (k StateKey) valid() bool { return len(k.key) == StateKeySize }

// Format implements fmt.Formatter: a StateKey prints as its source only.
func (k StateKey) Format(f fmt.State, _ rune) { fmt.Fprintf(f, "state key from %s", k.source) }

// ParseStateKey reads a state key's text form (64 hex digits or base64 of
// 32 bytes); source names where the text came from, for messages. Errors
// never repeat the text.
func ParseStateKey(text, source string) (StateKey, error) {
	t := strings.TrimSpace(text)
	var b []byte
	var err error
	switch {
	case len(t) == 2*StateKeySize:
		b, err = hex.DecodeString(t)
	default:
		b, err = base64.StdEncoding.DecodeString(t)
	}
	if err != nil || len(b) != StateKeySize {
		kcrypto.Wipe(b)
		return StateKey{}, fmt.Errorf("state key from %s: want %d bytes as 64 hex digits or base64 (generate one with `openssl rand -hex 32`)", source, StateKeySize)
	}
	return StateKey{key: b, source: source}, nil
}

// ReadStateKeyFile reads a state key file. The file must be a regular file
// readable by its owner only: a key file that group or others may read (or
// write) is refused, since anyone who can read it can read every key in the
// state file.
func ReadStateKeyFile(path string) (StateKey, error) {
	info, err := os.Stat(path)
	if err != nil {
		return StateKey{}, fmt.Errorf("state key file: %w", err)
	}
	if !info.Mode().IsRegular() {
		return StateKey{}, fmt.Errorf("state key file %s is not a regular file", path)
	}
	if perm := info.Mode().Perm(); perm&0o077 != 0 && runtime.GOOS != "windows" {
		return StateKey{}, fmt.Errorf("state key file %s is accessible by group or others (mode %04o); make it private with: chmod 600 %s", path, perm, path)
	}
	text, err := os.ReadFile(path)
	if err != nil {
		return StateKey{}, fmt.Errorf("state key file: %w", err)
	}
	defer kcrypto.Wipe(text)
	return ParseStateKey(string(text), "key file "+path)
}

// CreateStateKeyFile writes a fresh random state key (from r) to path as
// hex, mode 0600, and makes it durable (file and folder synced) before it
// returns, so a state file sealed with the key can never outlive a crash
// that lost the key. It fails if path exists.
func CreateStateKeyFile(path string, r io.Reader) (StateKey, error) {
	b, err := kcrypto.RandomBytes(r, StateKeySize)
	if err != nil {
		return StateKey{}, fmt.Errorf("create state key file %s: %w", path, err)
	}
	text := []byte(hex.EncodeToString(b) + "\n")
	defer kcrypto.Wipe(text)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return StateKey{}, fmt.Errorf("create state key file: %w", err)
	}
	if _, err = f.Write(text); err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = syncDir(filepath.Dir(path))
	}
	if err != nil {
		os.Remove(path)
		return StateKey{}, fmt.Errorf("create state key file %s: %w", path, err)
	}
	return StateKey{key: b, source: "key file " + path}, nil
}

// WithStateKey makes Save seal key material with k and Load open it with
// k, instead of the key file beside the state file.
func WithStateKey(k StateKey) Option {
	return func(c *config) {
		if k.valid() {
			c.stateKey = &k
		}
	}
}

// Errors about state keys, for errors.Is.
var (
	// ErrNoStateKey: the state file's key material is sealed, no key was
	// given and there is no key file beside it.
	ErrNoStateKey = errors.New("no state key")
	// ErrWrongStateKey: the key is not the one the key material was
	// sealed with.
	ErrWrongStateKey = errors.New("wrong state key?")
)

// stateKeyForLoad returns the key that opens path's key material: the
// configured one, else the key file beside path.
func (c config) stateKeyForLoad(path string) (StateKey, error) {
	if c.stateKey != nil {
		return *c.stateKey, nil
	}
	kf := path + StateKeyFileSuffix
	k, err := ReadStateKeyFile(kf)
	if errors.Is(err, fs.ErrNotExist) {
		return StateKey{}, fmt.Errorf("%w: its key material is sealed, no state key was given, and the key file %s does not exist", ErrNoStateKey, kf)
	}
	return k, err
}

// stateKeyForSave returns the key that seals path's key material: the
// configured one, else the key file beside path, created if missing.
func (c config) stateKeyForSave(path string) (StateKey, error) {
	if c.stateKey != nil {
		return *c.stateKey, nil
	}
	kf := path + StateKeyFileSuffix
	k, err := ReadStateKeyFile(kf)
	if !errors.Is(err, fs.ErrNotExist) {
		return k, err
	}
	k, err = CreateStateKeyFile(kf, c.rand)
	if errors.Is(err, fs.ErrExist) {
		// Another keyhost created it meanwhile: use theirs.
		return ReadStateKeyFile(kf)
	}
	return k, err
}
