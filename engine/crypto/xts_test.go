package crypto

import (
	"bytes"
	"crypto/rand"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestXTSRoundTrip(t *testing.T) {
	dek, err := NewDEK(rand.Reader)
	require.NoError(t, err)
	for _, n := range []int{16, 512, 528, 4096} {
		pt := bytes.Repeat([]byte{0x5a}, n)
		ct, err := EncryptSectors(dek, pt)
		require.NoError(t, err)
		assert.Len(t, ct, n)
		assert.NotEqual(t, pt, ct)
		back, err := DecryptSectors(dek, ct)
		require.NoError(t, err)
		assert.Equal(t, pt, back)
	}
}

// The sector number is the tweak: equal plaintext sectors must not give equal ciphertext.
func TestXTSTweakPerSector(t *testing.T) {
	dek, err := NewDEK(rand.Reader)
	require.NoError(t, err)
	ct, err := EncryptSectors(dek, make([]byte, 2*SectorSize))
	require.NoError(t, err)
	assert.NotEqual(t, ct[:SectorSize], ct[SectorSize:])
}

func TestXTSRejectsEqualHalves(t *testing.T) {
	dek := bytes.Repeat([]byte{7}, DEKSize)
	assert.ErrorIs(t, CheckDEK(dek), ErrWeakXTSKey)
	_, err := EncryptSectors(dek, make([]byte, 512))
	assert.ErrorIs(t, err, ErrWeakXTSKey)
	// A source that only yields zeros must never produce a DEK.
	_, err = NewDEK(bytes.NewReader(make([]byte, 64)))
	assert.ErrorIs(t, err, ErrWeakXTSKey)
}

func TestXTSRejectsBadLengths(t *testing.T) {
	dek, err := NewDEK(rand.Reader)
	require.NoError(t, err)
	for _, n := range []int{0, 15, 513} {
		_, err := EncryptSectors(dek, make([]byte, n))
		assert.Error(t, err, "%d bytes", n)
	}
	_, err = EncryptSectors(dek[:32], make([]byte, 512))
	assert.Error(t, err)
}

func TestXTSWrongKeyGivesOtherPlaintext(t *testing.T) {
	a, err := NewDEK(rand.Reader)
	require.NoError(t, err)
	b, err := NewDEK(rand.Reader)
	require.NoError(t, err)
	pt := []byte("0123456789abcdef0123456789abcdef")
	ct, err := EncryptSectors(a, pt)
	require.NoError(t, err)
	back, err := DecryptSectors(b, ct)
	require.NoError(t, err)
	assert.NotEqual(t, pt, back)
}
