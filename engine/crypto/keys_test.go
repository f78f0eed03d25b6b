package crypto

import (
	"bytes"
	"crypto/rand"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNewUUID(t *testing.T) {
	u, err := NewUUID(rand.Reader)
	require.NoError(t, err)
	assert.Regexp(t, `^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`, u)
	b, err := ParseUUID(u)
	require.NoError(t, err)
	assert.Equal(t, u, FormatUUID(b))
	for _, bad := range []string{"", "21ec4161-2ecc-4c53-86a3-a5f24b43d97", "21ec4161x2ecc-4c53-86a3-a5f24b43d97d", "zzec4161-2ecc-4c53-86a3-a5f24b43d97d"} {
		_, err := ParseUUID(bad)
		assert.ErrorIs(t, err, ErrBadUUID, bad)
	}
}

type failReader struct{}

func (failReader) Read([]byte) (int, error) { return 0, errors.New("entropy source down") }

func TestRandomFailures(t *testing.T) {
	_, err := NewDEK(failReader{})
	assert.ErrorContains(t, err, "entropy source down")
	_, err = NewUUID(bytes.NewReader(make([]byte, 3)))
	assert.Error(t, err)
	_, err = NewKEK(failReader{})
	assert.Error(t, err)
	_, err = NewKDK(failReader{})
	assert.Error(t, err)
}

func TestFingerprint(t *testing.T) {
	assert.Equal(t, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Fingerprint(nil))
	k := []byte{1, 2, 3}
	Wipe(k)
	assert.Equal(t, []byte{0, 0, 0}, k)
}
