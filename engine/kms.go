package engine

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	kcrypto "github.com/keyhost/keyhost/engine/crypto"
)

// KMS is a key management server behind a Standard key provider. vCenter
// asks it for a new key (CreateKey) when an operation needs one and fetches
// keys by id afterwards (GetKey); it stores only the ids. Key ids are UUIDs
// and keys are 256-bit AES keys. A KMIP client will implement this later.
type KMS interface {
	CreateKey() (id string, key []byte, err error)
	GetKey(id string) ([]byte, error)
}

// ErrKeyNotFound reports a key id the KMS does not know
// (vSphere's KeyStateMissingInKMS).
var ErrKeyNotFound = errors.New("key not found in KMS")

// localKMS is the in-process KMS of a Standard provider; its keys live in the
// state file. It is only used under the World's lock.
type localKMS struct {
	rand io.Reader
	keys map[string]SecretBytes
}

func newLocalKMS(r io.Reader) *localKMS {
	return &localKMS{rand: r, keys: map[string]SecretBytes{}}
}

// generate makes a key without storing it, so an operation that fails later
// leaves the KMS untouched (see keyring.commit).
func (k *localKMS) generate() (string, []byte, error) {
	id, err := kcrypto.NewUUID(k.rand)
	if err != nil {
		return "", nil, fmt.Errorf("KMS create key: %w", err)
	}
	key, err := kcrypto.NewKEK(k.rand)
	if err != nil {
		return "", nil, fmt.Errorf("KMS create key: %w", err)
	}
	return id, key, nil
}

// CreateKey creates and stores a new key.
func (k *localKMS) CreateKey() (string, []byte, error) {
	id, key, err := k.generate()
	if err != nil {
		return "", nil, err
	}
	k.keys[id] = key
	return id, bytes.Clone(key), nil
}

// GetKey returns a copy of the key with the given id.
func (k *localKMS) GetKey(id string) ([]byte, error) {
	key, ok := k.keys[id]
	if !ok {
		return nil, fmt.Errorf("key %s: %w", id, ErrKeyNotFound)
	}
	return bytes.Clone(key), nil
}
