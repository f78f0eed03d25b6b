package nkpbackup

import (
	"crypto/ed25519"
	"crypto/fips140"
	"crypto/rand"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"software.sslmate.com/src/go-pkcs12"
)

// A file without MAC or encryption (go-pkcs12's Passwordless encoder, as
// other tools write "no password" files) still decodes if it is a keyhost
// backup: the password only protects; the format is the bags.
func TestDecodeAcceptsPasswordlessEncoding(t *testing.T) {
	b := sample(t)
	priv := ed25519.NewKeyFromSeed(b.KDK)
	cert, err := certificate(b, priv, rand.Reader)
	require.NoError(t, err)
	var data []byte
	fips140.WithoutEnforcement(func() { data, err = pkcs12.Passwordless.Encode(priv, cert, nil, "") })
	require.NoError(t, err)
	got, err := Decode(data, "")
	require.NoError(t, err)
	assert.Equal(t, b.KDK, got.KDK)
}
