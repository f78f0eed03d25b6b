package engine

import (
	"bytes"
	"fmt"

	kcrypto "github.com/keyhost/keyhost/engine/crypto"
)

// keyring holds the KEKs one operation (or one verification pass) uses: those
// fetched for existing keys and those minted for the operation. Keys a local
// KMS creates are held back until commit, so an operation that fails half-way
// leaves even the KMS as it was. Callers hold the world's lock and call close.
type keyring struct {
	w       *World
	keks    map[KeyRef][]byte
	pending []pendingKey
}

type pendingKey struct {
	kms *localKMS
	id  string
	key []byte
}

// newKey is the key an operation minted: its reference and the KEK itself.
type newKey struct {
	ref KeyRef
	kek []byte
}

func (w *World) newKeyring() *keyring {
	return &keyring{w: w, keks: map[KeyRef][]byte{}}
}

// kek returns the KEK that ref names, fetching (Standard) or deriving (Native)
// it once per operation.
func (kr *keyring) kek(ref KeyRef) ([]byte, error) {
	if k, ok := kr.keks[ref]; ok {
		return k, nil
	}
	p, ok := kr.w.providers[ref.ProviderID]
	if !ok {
		return nil, &errProviderMissing{name: ref.ProviderID}
	}
	var k []byte
	var err error
	switch p.Type {
	case ProviderNative:
		k, err = nativeKEK(p, ref.KeyID)
	case ProviderStandard:
		k, err = standardKEK(p, ref.KeyID)
	default:
		err = fmt.Errorf("key provider %s has unknown type %q", p.Name, p.Type)
	}
	if err != nil {
		return nil, err
	}
	kr.keks[ref] = k
	return k, nil
}

// mint creates the one new key an operation uses with provider p. Callers
// check checkServe first.
func (kr *keyring) mint(p *providerRecord) (*newKey, error) {
	var ref KeyRef
	var k []byte
	switch p.Type {
	case ProviderNative:
		id, err := kcrypto.NewUUID(kr.w.cfg.rand)
		if err != nil {
			return nil, fmt.Errorf("new key from %s: %w", p.Name, err)
		}
		if k, err = nativeKEK(p, id); err != nil {
			return nil, fmt.Errorf("new key from %s: %w", p.Name, err)
		}
		ref = KeyRef{KeyID: id, ProviderID: p.Name}
	case ProviderStandard:
		var id string
		var err error
		if p.kms == p.local {
			id, k, err = p.local.generate()
			if err == nil {
				kr.pending = append(kr.pending, pendingKey{kms: p.local, id: id, key: bytes.Clone(k)})
			}
		} else {
			// An external KMS keeps a key it created even if the operation
			// fails later, as a real KMS would; the world itself is unchanged.
			id, k, err = p.kms.CreateKey()
		}
		if err != nil {
			return nil, fmt.Errorf("new key from %s: %w", p.Name, err)
		}
		if len(k) != kcrypto.KEKSize {
			return nil, fmt.Errorf("new key from %s: KMS returned a %d-byte key, want %d", p.Name, len(k), kcrypto.KEKSize)
		}
		ref = KeyRef{KeyID: id, ProviderID: p.Name}
	default:
		return nil, fmt.Errorf("key provider %s has unknown type %q", p.Name, p.Type)
	}
	kr.keks[ref] = k
	return &newKey{ref: ref, kek: k}, nil
}

// commit stores the keys minted from local KMSs. It cannot fail.
func (kr *keyring) commit() {
	for _, p := range kr.pending {
		p.kms.keys[p.id] = p.key
	}
	kr.pending = nil
}

// close wipes the KEKs the operation held.
func (kr *keyring) close() {
	for _, k := range kr.keks {
		kcrypto.Wipe(k)
	}
	clear(kr.keks)
	for _, p := range kr.pending {
		kcrypto.Wipe(p.key)
	}
	kr.pending = nil
}
