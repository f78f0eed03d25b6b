package hosttpm

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/google/go-tpm/tpm2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The simulator is one per process: these tests run sequentially (no
// t.Parallel), and every session closes before the next opens.

func secret(b byte) []byte { return bytes.Repeat([]byte{b}, 32) }

func TestSealUnsealRoundTrip(t *testing.T) {
	cases := []struct {
		name    string
		secrets [][]byte
	}{
		{"one KDK", [][]byte{secret(1)}},
		{"three KDKs in one session", [][]byte{secret(1), secret(2), secret(3)}},
		{"one byte", [][]byte{{0x42}}},
		{"largest", [][]byte{bytes.Repeat([]byte{9}, MaxSecretSize)}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := Simulator(42)
			blobs, err := Seal(d, c.secrets...)
			require.NoError(t, err)
			require.Len(t, blobs, len(c.secrets))
			for i, b := range blobs {
				if len(c.secrets[i]) < 16 {
					continue // too short to search for
				}
				assert.NotContains(t, string(b.Private)+string(b.Public), string(c.secrets[i]), "the blob does not hold the secret in the clear")
			}
			// A new session is a reboot of the same chip.
			got, err := Unseal(Simulator(42), blobs...)
			require.NoError(t, err)
			assert.Equal(t, c.secrets, got)
		})
	}
}

func TestUnsealOnAnotherTPMFails(t *testing.T) {
	blobs, err := Seal(Simulator(1), secret(7))
	require.NoError(t, err)
	_, err = Unseal(Simulator(2), blobs...)
	require.Error(t, err)
	assert.True(t, errors.Is(err, tpm2.TPMRCIntegrity), "%v", err)
	assert.Contains(t, err.Error(), "unseal in simulated TPM 2.0: load sealed object")
}

func TestSealRejectsBadSizes(t *testing.T) {
	for _, s := range [][]byte{nil, {}, make([]byte, MaxSecretSize+1)} {
		_, err := Seal(Simulator(1), s)
		assert.ErrorContains(t, err, "want 1 to 128", "%d bytes", len(s))
	}
}

func TestUnsealRejectsDamagedBlobs(t *testing.T) {
	blobs, err := Seal(Simulator(3), secret(5))
	require.NoError(t, err)
	cases := map[string]Blob{
		"truncated private": {Private: blobs[0].Private[:10], Public: blobs[0].Public},
		"no public":         {Private: blobs[0].Private},
		"flipped private": {Private: func() []byte {
			p := bytes.Clone(blobs[0].Private)
			p[len(p)-1] ^= 1
			return p
		}(), Public: blobs[0].Public},
	}
	for name, b := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := Unseal(Simulator(3), b)
			assert.Error(t, err)
		})
	}
	// The chip is still usable after failed sessions.
	got, err := Unseal(Simulator(3), blobs...)
	require.NoError(t, err)
	assert.Equal(t, secret(5), got[0])
}

func TestDevicesNeverPrintSecrets(t *testing.T) {
	d := Simulator(1234567890123)
	for _, s := range []string{fmt.Sprint(d), fmt.Sprintf("%v %+v %#v %s", d, d, d, d)} {
		assert.NotContains(t, s, "1234567890123")
	}
}

func TestMissingDevicesAreUnavailable(t *testing.T) {
	dir := t.TempDir()
	for _, d := range []Device{Linux(filepath.Join(dir, "tpmrm0")), Socket(filepath.Join(dir, "swtpm.sock"))} {
		_, err := Seal(d, secret(1))
		assert.ErrorIs(t, err, ErrUnavailable, d.String())
	}
}

func BenchmarkSeal(b *testing.B) {
	d := Simulator(42)
	s := secret(1)
	for b.Loop() {
		if _, err := Seal(d, s); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkUnseal(b *testing.B) {
	d := Simulator(42)
	blobs, err := Seal(d, secret(1))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := Unseal(d, blobs...); err != nil {
			b.Fatal(err)
		}
	}
}
