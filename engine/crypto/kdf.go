package crypto

import (
	"crypto/hkdf"
	"crypto/sha256"
	"errors"
	"fmt"
)

// NativeKEKInfoPrefix starts the HKDF info string of every Native Key Provider
// KEK; the key id follows it. Versioned so the derivation can change later
// without old key ids silently deriving different keys.
const NativeKEKInfoPrefix = "keyhost/nkp/kek/v1:"

// DeriveNativeKEK derives the KEK a Native Key Provider hands out for keyID:
//
//	KEK = HKDF-SHA256(secret = KDK, salt = provider key_id UUID bytes,
//	                  info = "keyhost/nkp/kek/v1:" + keyID)
//
// The salt binds every KEK to the provider identity, so two providers that
// happen to share a KDK still derive different KEKs. Anyone holding the KDK and
// the key id can rebuild the KEK, which is how NKP hosts work without vCenter.
// This is keyhost's own design; VMware's derivation is not public.
func DeriveNativeKEK(kdk []byte, providerKeyID, keyID string) ([]byte, error) {
	if len(kdk) != KDKSize {
		return nil, fmt.Errorf("derive KEK: KDK is %d bytes, want %d", len(kdk), KDKSize)
	}
	if keyID == "" {
		return nil, errors.New("derive KEK: empty key id")
	}
	salt, err := ParseUUID(providerKeyID)
	if err != nil {
		return nil, fmt.Errorf("derive KEK: provider key_id: %w", err)
	}
	k, err := hkdf.Key(sha256.New, kdk, salt[:], NativeKEKInfoPrefix+keyID, KEKSize)
	if err != nil {
		return nil, fmt.Errorf("derive KEK: %w", err)
	}
	return k, nil
}
