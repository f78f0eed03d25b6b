package crypto

import (
	"encoding/hex"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func mustHex(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	require.NoError(t, err)
	return b
}

// RFC 3394 §4.1 and §4.6 test vectors.
func TestWrapRFC3394Vectors(t *testing.T) {
	cases := []struct {
		name, kek, data, wrapped string
	}{
		{
			name:    "4.1 128-bit KEK, 128-bit data",
			kek:     "000102030405060708090A0B0C0D0E0F",
			data:    "00112233445566778899AABBCCDDEEFF",
			wrapped: "1FA68B0A8112B447AEF34BD8FB5A7B829D3E862371D2CFE5",
		},
		{
			name:    "4.6 256-bit KEK, 256-bit data",
			kek:     "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F",
			data:    "00112233445566778899AABBCCDDEEFF000102030405060708090A0B0C0D0E0F",
			wrapped: "28C9F404C4B810F4CBCCB35CFB87F8263F5786E2D80ED326CBC7F0E71A99F43BFB988B9B7A02DD21",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			kek, data, want := mustHex(t, tc.kek), mustHex(t, tc.data), mustHex(t, tc.wrapped)
			got, err := Wrap(kek, data)
			require.NoError(t, err)
			assert.Equal(t, want, got)

			back, err := Unwrap(kek, want)
			require.NoError(t, err)
			assert.Equal(t, data, back)

			for i := range want {
				tampered := append([]byte(nil), want...)
				tampered[i] ^= 0x01
				out, err := Unwrap(kek, tampered)
				require.ErrorIs(t, err, ErrUnwrapIntegrity, "flipped byte %d", i)
				assert.Nil(t, out)
			}
		})
	}
}

func TestUnwrapWrongKEK(t *testing.T) {
	kek := mustHex(t, "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F")
	other := append([]byte(nil), kek...)
	other[31] ^= 0x80
	dek := make([]byte, DEKSize)
	for i := range dek {
		dek[i] = byte(i)
	}
	w, err := Wrap(kek, dek)
	require.NoError(t, err)
	assert.Len(t, w, WrappedDEKSize)
	_, err = Unwrap(other, w)
	assert.ErrorIs(t, err, ErrUnwrapIntegrity)
}

func TestWrapRejectsBadSizes(t *testing.T) {
	kek := make([]byte, 32)
	for _, n := range []int{0, 8, 15, 17, 33} {
		_, err := Wrap(kek, make([]byte, n))
		assert.Error(t, err, "data %d bytes", n)
	}
	for _, n := range []int{0, 16, 23, 25} {
		_, err := Unwrap(kek, make([]byte, n))
		assert.Error(t, err, "wrapped %d bytes", n)
	}
	_, err := Wrap(make([]byte, 31), make([]byte, 16))
	assert.Error(t, err)
}

func FuzzUnwrap(f *testing.F) {
	f.Add([]byte("0123456789abcdef0123456789abcdef"), make([]byte, 72))
	f.Fuzz(func(t *testing.T, kek, wrapped []byte) {
		out, err := Unwrap(kek, wrapped)
		if err != nil {
			if out != nil {
				t.Fatal("key material returned with an error")
			}
			return
		}
		again, err := Wrap(kek, out)
		if err != nil || hex.EncodeToString(again) != hex.EncodeToString(wrapped) {
			t.Fatalf("unwrap/wrap not inverse: %v", err)
		}
	})
}
