package engine

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"fmt"

	kcrypto "github.com/keyhost/keyhost/engine/crypto"
)

// sealedSecrets is the "secrets" section of a StateFormat file; persist.go
// documents the construction.
type sealedSecrets struct {
	Algorithm string `json:"alg"`
	KeyCheck  string `json:"keyCheck"`
	Sealed    []byte `json:"sealed"`
}

const (
	sealAlgorithm    = "AES-256-GCM"
	sealInfo         = StateFormat + " secrets AES-256-GCM"
	keyCheckInfo     = StateFormat + " key check"
	keyCheckSize     = 16
	sealedMinimumLen = 12 + 16 // nonce and tag
)

// sealSecrets seals the key material with the state key.
func sealSecrets(sec *secretsRecord, key StateKey, vcenterUUID string) (json.RawMessage, error) {
	plain, err := json.Marshal(sec)
	if err != nil {
		return nil, fmt.Errorf("seal key material: %w", err)
	}
	defer kcrypto.Wipe(plain)
	aead, check, err := stateCipher(key)
	if err != nil {
		return nil, err
	}
	out, err := json.Marshal(sealedSecrets{
		Algorithm: sealAlgorithm,
		KeyCheck:  check,
		Sealed:    aead.Seal(nil, nil, plain, sealAAD(vcenterUUID)),
	})
	if err != nil {
		return nil, fmt.Errorf("seal key material: %w", err)
	}
	return out, nil
}

// openSecrets opens the key material, telling a wrong key from damage.
func openSecrets(s sealedSecrets, key StateKey, vcenterUUID string) (*secretsRecord, error) {
	if s.Algorithm != sealAlgorithm {
		return nil, fmt.Errorf("%w: secrets sealed with %q, want %q", ErrCorruptState, s.Algorithm, sealAlgorithm)
	}
	aead, check, err := stateCipher(key)
	if err != nil {
		return nil, err
	}
	if subtle.ConstantTimeCompare([]byte(check), []byte(s.KeyCheck)) != 1 {
		return nil, fmt.Errorf("cannot decrypt key material: %w (state key from %s)", ErrWrongStateKey, key.Source())
	}
	if len(s.Sealed) < sealedMinimumLen {
		return nil, fmt.Errorf("%w: sealed key material is %d bytes, too short", ErrCorruptState, len(s.Sealed))
	}
	plain, err := aead.Open(nil, nil, s.Sealed, sealAAD(vcenterUUID))
	if err != nil {
		return nil, fmt.Errorf("%w: the state key is right, but the key material is damaged or belongs to another state file (another vCenter instance UUID)", ErrCorruptState)
	}
	defer kcrypto.Wipe(plain)
	var sec secretsRecord
	if err := strictUnmarshal(plain, &sec); err != nil {
		return nil, fmt.Errorf("%w: sealed key material: %v", ErrCorruptState, err)
	}
	return &sec, nil
}

// stateCipher derives the sealing AEAD and the key check from the state key.
func stateCipher(key StateKey) (cipher.AEAD, string, error) {
	if !key.valid() {
		return nil, "", fmt.Errorf("%w: no state key to seal the key material with", ErrNoStateKey)
	}
	enc, err := hkdf.Key(sha256.New, key.key, nil, sealInfo, 32)
	if err != nil {
		return nil, "", fmt.Errorf("state key: %w", err)
	}
	defer kcrypto.Wipe(enc)
	check, err := hkdf.Key(sha256.New, key.key, nil, keyCheckInfo, keyCheckSize)
	if err != nil {
		return nil, "", fmt.Errorf("state key: %w", err)
	}
	block, err := aes.NewCipher(enc)
	if err != nil {
		return nil, "", fmt.Errorf("state key: %w", err)
	}
	aead, err := cipher.NewGCMWithRandomNonce(block)
	if err != nil {
		return nil, "", fmt.Errorf("state key: %w", err)
	}
	return aead, hex.EncodeToString(check), nil
}

// sealAAD binds sealed key material to its format and vCenter.
func sealAAD(vcenterUUID string) []byte {
	return []byte(StateFormat + "\x00" + vcenterUUID)
}
