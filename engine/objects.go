package engine

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"

	kcrypto "github.com/keyhost/keyhost/engine/crypto"
)

// The per-object cryptography shared by VM homes, virtual disks and vSAN disk
// groups. Each function returns a new objectRecord and never modifies the one
// it was given, so an operation can compute everything before committing.

// errPlaintextMismatch reports decrypted data whose SHA-256 is not the
// recorded one: corrupt ciphertext, or a DEK that is not the right one.
var errPlaintextMismatch = errors.New("decrypted data does not match its recorded SHA-256")

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// newPlainObject makes an unencrypted object holding data.
func newPlainObject(data []byte) objectRecord {
	return objectRecord{Data: data, SHA256: sha256Hex(data)}
}

// unwrapDEK returns obj's DEK; callers wipe it.
func (kr *keyring) unwrapDEK(obj *objectRecord) ([]byte, error) {
	if obj.Key == nil {
		return nil, errors.New("object is not encrypted")
	}
	kek, err := kr.kek(*obj.Key)
	if err != nil {
		return nil, err
	}
	dek, err := kcrypto.Unwrap(kek, obj.WrappedDEK)
	if err != nil {
		return nil, fmt.Errorf("unwrap DEK with key %s of %s: %w", obj.Key.KeyID, obj.Key.ProviderID, err)
	}
	if err := kcrypto.CheckDEK(dek); err != nil {
		kcrypto.Wipe(dek)
		return nil, fmt.Errorf("unwrapped DEK: %w", err)
	}
	return dek, nil
}

// open decrypts obj and checks the plaintext against its recorded hash. It
// returns the plaintext and the DEK (callers wipe the DEK).
func (kr *keyring) open(obj *objectRecord) (plaintext, dek []byte, err error) {
	dek, err = kr.unwrapDEK(obj)
	if err != nil {
		return nil, nil, err
	}
	pt, err := kcrypto.DecryptSectors(dek, obj.Data)
	if err != nil {
		kcrypto.Wipe(dek)
		return nil, nil, err
	}
	if sha256Hex(pt) != obj.SHA256 {
		kcrypto.Wipe(dek)
		return nil, nil, errPlaintextMismatch
	}
	return pt, dek, nil
}

// seal encrypts plaintext under a fresh DEK wrapped by nk.
func (kr *keyring) seal(plaintext []byte, sha string, nk *newKey) (objectRecord, error) {
	dek, err := kcrypto.NewDEK(kr.w.cfg.rand)
	if err != nil {
		return objectRecord{}, err
	}
	defer kcrypto.Wipe(dek)
	return sealWith(dek, plaintext, sha, nk)
}

// sealWith encrypts plaintext under dek, wrapped by nk.
func sealWith(dek, plaintext []byte, sha string, nk *newKey) (objectRecord, error) {
	ct, err := kcrypto.EncryptSectors(dek, plaintext)
	if err != nil {
		return objectRecord{}, err
	}
	wrapped, err := kcrypto.Wrap(nk.kek, dek)
	if err != nil {
		return objectRecord{}, err
	}
	return objectRecord{Data: ct, SHA256: sha, Key: cloneKey(&nk.ref), WrappedDEK: wrapped}, nil
}

// apply computes obj's record after op; nk is the operation's new key (nil
// when op needs none).
func (kr *keyring) apply(op CryptoOp, obj *objectRecord, nk *newKey) (objectRecord, error) {
	switch op {
	case CryptoEncrypt:
		if obj.Key != nil {
			return objectRecord{}, errors.New("object is already encrypted")
		}
		if sha256Hex(obj.Data) != obj.SHA256 {
			return objectRecord{}, errors.New("plaintext does not match its recorded SHA-256")
		}
		return kr.seal(obj.Data, obj.SHA256, nk)
	case CryptoDecrypt:
		pt, dek, err := kr.open(obj)
		if err != nil {
			return objectRecord{}, err
		}
		kcrypto.Wipe(dek)
		return objectRecord{Data: pt, SHA256: obj.SHA256}, nil
	case CryptoShallowRecrypt:
		// New KEK, same DEK: only the wrapping changes; the data is untouched.
		dek, err := kr.unwrapDEK(obj)
		if err != nil {
			return objectRecord{}, err
		}
		defer kcrypto.Wipe(dek)
		wrapped, err := kcrypto.Wrap(nk.kek, dek)
		if err != nil {
			return objectRecord{}, err
		}
		return objectRecord{Data: obj.Data, SHA256: obj.SHA256, Key: cloneKey(&nk.ref), WrappedDEK: wrapped}, nil
	case CryptoDeepRecrypt:
		// New DEK and new KEK: the data is decrypted and encrypted again.
		pt, dek, err := kr.open(obj)
		if err != nil {
			return objectRecord{}, err
		}
		kcrypto.Wipe(dek)
		return kr.seal(pt, obj.SHA256, nk)
	}
	return *obj, nil
}

// applyChain computes an object's record and its snapshot links' records
// after op (see snapshot_links.go). Every link of a chain uses the
// object's DEK: Encrypt draws one DEK for the whole chain, DeepRecrypt one
// new DEK for it; ShallowRecrypt rewraps each link's DEK copy, unwrapping
// it with the link's own key, so a mixed chain (an interrupted shallow
// recrypt) opens and is made whole; Decrypt opens every link.
func (kr *keyring) applyChain(op CryptoOp, base *objectRecord, links []*objectRecord, nk *newKey) (objectRecord, []objectRecord, error) {
	out := make([]objectRecord, len(links))
	switch op {
	case CryptoEncrypt, CryptoDeepRecrypt:
		if op == CryptoEncrypt && base.Key != nil {
			return objectRecord{}, nil, errors.New("object is already encrypted")
		}
		dek, err := kcrypto.NewDEK(kr.w.cfg.rand)
		if err != nil {
			return objectRecord{}, nil, err
		}
		defer kcrypto.Wipe(dek)
		seal := func(o *objectRecord) (objectRecord, error) {
			pt, err := kr.plaintext(o)
			if err != nil {
				return objectRecord{}, err
			}
			return sealWith(dek, pt, o.SHA256, nk)
		}
		b, err := seal(base)
		if err != nil {
			return objectRecord{}, nil, err
		}
		for i, l := range links {
			if out[i], err = seal(l); err != nil {
				return objectRecord{}, nil, fmt.Errorf("snapshot link: %w", err)
			}
		}
		return b, out, nil
	case CryptoDecrypt, CryptoShallowRecrypt:
		b, err := kr.apply(op, base, nk)
		if err != nil {
			return objectRecord{}, nil, err
		}
		for i, l := range links {
			if out[i], err = kr.apply(op, l, nk); err != nil {
				return objectRecord{}, nil, fmt.Errorf("snapshot link: %w", err)
			}
		}
		return b, out, nil
	}
	for i, l := range links {
		out[i] = *l
	}
	return *base, out, nil
}

// plaintext returns an object's plaintext: its data when it is not
// encrypted (checked against its hash), else the decrypted data.
func (kr *keyring) plaintext(o *objectRecord) ([]byte, error) {
	if o.Key == nil {
		if sha256Hex(o.Data) != o.SHA256 {
			return nil, errors.New("plaintext does not match its recorded SHA-256")
		}
		return o.Data, nil
	}
	pt, dek, err := kr.open(o)
	if err != nil {
		return nil, err
	}
	kcrypto.Wipe(dek)
	return pt, nil
}
