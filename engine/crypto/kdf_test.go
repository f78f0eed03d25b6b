package crypto

import (
	"bytes"
	"crypto/hkdf"
	"crypto/sha256"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDeriveNativeKEK(t *testing.T) {
	kdk := bytes.Repeat([]byte{1}, KDKSize)
	const provider = "21ec4161-2ecc-4c53-86a3-a5f24b43d97d"
	const keyA = "0b0ec9a2-6c55-4c2b-8e0f-0f1f3a3e4b5c"
	const keyB = "7c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5"

	a1, err := DeriveNativeKEK(kdk, provider, keyA)
	require.NoError(t, err)
	a2, err := DeriveNativeKEK(kdk, provider, keyA)
	require.NoError(t, err)
	assert.Equal(t, a1, a2, "derivation is deterministic")
	assert.Len(t, a1, KEKSize)

	b, err := DeriveNativeKEK(kdk, provider, keyB)
	require.NoError(t, err)
	assert.NotEqual(t, a1, b, "each key id gives its own KEK")

	other, err := DeriveNativeKEK(kdk, "21ec4161-2ecc-4c53-86a3-a5f24b43d97e", keyA)
	require.NoError(t, err)
	assert.NotEqual(t, a1, other, "the provider key_id salts the derivation")

	// Pin the construction: HKDF-SHA256, salt = UUID bytes, info = prefix + key id.
	salt, err := ParseUUID(provider)
	require.NoError(t, err)
	want, err := hkdf.Key(sha256.New, kdk, salt[:], "keyhost/nkp/kek/v1:"+keyA, 32)
	require.NoError(t, err)
	assert.Equal(t, want, a1)
}

func TestDeriveNativeKEKErrors(t *testing.T) {
	kdk := bytes.Repeat([]byte{1}, KDKSize)
	_, err := DeriveNativeKEK(kdk[:16], "21ec4161-2ecc-4c53-86a3-a5f24b43d97d", "k")
	assert.Error(t, err)
	_, err = DeriveNativeKEK(kdk, "not-a-uuid", "k")
	assert.ErrorIs(t, err, ErrBadUUID)
	_, err = DeriveNativeKEK(kdk, "21ec4161-2ecc-4c53-86a3-a5f24b43d97d", "")
	assert.Error(t, err)
}
