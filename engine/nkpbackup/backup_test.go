package nkpbackup

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/fips140"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/base64"
	"encoding/hex"
	"encoding/pem"
	"fmt"
	"math/big"
	mrand "math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"software.sslmate.com/src/go-pkcs12"
)

var exportTime = time.Date(2026, 11, 24, 3, 11, 8, 0, time.UTC)

func sample(t testing.TB) Backup {
	t.Helper()
	kdk := make([]byte, KDKSize)
	_, err := rand.Read(kdk)
	require.NoError(t, err)
	return Backup{Name: "NKP-Primary", KeyID: "21ec4161-2ecc-4c53-86a3-a5f24b43d97d", TpmRequired: true, ExportTime: exportTime.Add(123 * time.Millisecond), KDK: kdk}
}

func TestRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		name, password string
		tpm            bool
	}{
		{"with password", "S3cret!pass", true},
		{"without password", "", false},
		{"unicode password", "pässwörd-密码", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := sample(t)
			b.TpmRequired = tc.tpm
			data, err := Encode(b, tc.password, rand.Reader)
			require.NoError(t, err)
			got, err := Decode(data, tc.password)
			require.NoError(t, err)
			assert.Equal(t, b.KDK, got.KDK, "the KDK round-trips byte for byte")
			assert.Equal(t, b.Name, got.Name)
			assert.Equal(t, b.KeyID, got.KeyID)
			assert.Equal(t, tc.tpm, got.TpmRequired)
			assert.Equal(t, exportTime, got.ExportTime, "export time in whole seconds, UTC")
		})
	}
}

func TestModern2023Parameters(t *testing.T) {
	b := sample(t)
	data, err := Encode(b, "pw", rand.Reader)
	require.NoError(t, err)
	// PBES2 (1.2.840.113549.1.5.13), PBKDF2 (…5.12), AES-256-CBC
	// (2.16.840.1.101.3.4.1.42), HMAC-SHA-256 PRF (1.2.840.113549.2.9) and
	// the SHA-256 MAC digest (2.16.840.1.101.3.4.2.1) all appear in the DER.
	for name, oid := range map[string]string{
		"PBES2": "2a864886f70d01050d", "PBKDF2": "2a864886f70d01050c", "AES-256-CBC": "60864801650304012a",
		"hmacWithSHA256": "2a864886f70d0209", "SHA-256": "608648016503040201",
	} {
		assert.Contains(t, hex.EncodeToString(data), oid, name)
	}
	// The KDK is not in the file in any common encoding.
	for _, enc := range encodings(b.KDK) {
		assert.NotContains(t, string(data), enc)
	}
	assert.False(t, bytes.Contains(data, b.KDK))
}

func encodings(k []byte) []string {
	return []string{hex.EncodeToString(k), fmt.Sprintf("%X", k), base64.StdEncoding.EncodeToString(k), base64.RawURLEncoding.EncodeToString(k)}
}

func TestDecodeRefuses(t *testing.T) {
	b := sample(t)
	good, err := Encode(b, "right", rand.Reader)
	require.NoError(t, err)
	noPassword, err := Encode(b, "", rand.Reader)
	require.NoError(t, err)

	ecKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	foreignEC := p12(t, ecKey, selfSigned(t, ecKey, &ecKey.PublicKey, pkix.Name{CommonName: "server.example"}), "pw")
	edKey := ed25519.NewKeyFromSeed(b.KDK)
	foreignEd := p12(t, edKey, selfSigned(t, edKey, edKey.Public(), pkix.Name{CommonName: "NKP-Primary"}), "pw")
	otherEd := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{7}, 32))
	mismatched := p12(t, edKey, selfSigned(t, otherEd, otherEd.Public(), markerName(b)), "pw")
	badMeta := markerName(b)
	badMeta.ExtraNames[2].Value = "not-a-uuid"
	badKeyID := p12(t, edKey, selfSigned(t, edKey, edKey.Public(), badMeta), "pw")

	pemFile := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: []byte("whatever")})
	random := make([]byte, 2048)
	_, _ = rand.Read(random)
	damaged := bytes.Clone(good)
	damaged[len(damaged)/2] ^= 0x01
	var outer pfxOuter
	_, err = asn1.Unmarshal(good, &outer)
	require.NoError(t, err)
	outer.MacData.Iterations = 1 << 30
	slow, err := asn1.Marshal(outer)
	require.NoError(t, err)

	cases := []struct {
		name     string
		data     []byte
		password string
		is       error
		msg      string
	}{
		{"wrong password", good, "wrong", ErrWrongPassword, "wrong password"},
		{"password missing", good, "", ErrPasswordNeeded, "password-protected"},
		{"password given for a file without one", noPassword, "pw", ErrWrongPassword, ""},
		{"damaged", damaged, "right", ErrWrongPassword, "damaged"},
		{"truncated", good[:len(good)-40], "right", ErrNotPKCS12, ""},
		{"trailing data", append(bytes.Clone(good), 0, 0), "right", ErrNotPKCS12, "trailing"},
		{"empty", nil, "", ErrNotPKCS12, "empty"},
		{"absurd iteration count", slow, "right", ErrNotKeyhostBackup, "key derivation rounds"},
		{"PEM", pemFile, "", ErrNotPKCS12, "PEM"},
		{"random bytes", random, "", ErrNotPKCS12, ""},
		{"another program's .p12 (ECDSA)", foreignEC, "pw", ErrNotKeyhostBackup, "ecdsa"},
		{"an Ed25519 .p12 without the marker", foreignEd, "pw", ErrNotKeyhostBackup, "marker"},
		{"certificate of another key", mismatched, "pw", ErrNotKeyhostBackup, "does not belong"},
		{"bad key_id", badKeyID, "pw", ErrNotKeyhostBackup, "key_id"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Decode(tc.data, tc.password)
			require.Error(t, err)
			assert.ErrorIs(t, err, tc.is)
			assert.Contains(t, err.Error(), tc.msg)
			assert.Empty(t, got.KDK)
			for _, enc := range encodings(b.KDK) {
				assert.NotContains(t, err.Error(), enc, "no key material in errors")
			}
		})
	}
}

// Flipping any single byte never yields a backup with other contents: the
// file is refused or (for bytes nothing reads) decodes to the same backup.
func TestBitFlipsNeverChangeTheKey(t *testing.T) {
	b := sample(t)
	good, err := Encode(b, "", rand.Reader)
	require.NoError(t, err)
	r := mrand.New(mrand.NewPCG(1, 2))
	for range 300 {
		d := bytes.Clone(good)
		i := r.IntN(len(d))
		d[i] ^= byte(1 << r.IntN(8))
		got, err := Decode(d, "")
		if err == nil {
			assert.Equal(t, b.KDK, got.KDK, "byte %d", i)
			assert.Equal(t, b.KeyID, got.KeyID, "byte %d", i)
			assert.Equal(t, b.Name, got.Name, "byte %d", i)
		}
	}
}

func TestEncodeRefusesBadInput(t *testing.T) {
	for name, mutate := range map[string]func(*Backup){
		"short KDK":   func(b *Backup) { b.KDK = b.KDK[:16] },
		"no name":     func(b *Backup) { b.Name = "" },
		"bad key_id":  func(b *Backup) { b.KeyID = "nope" },
		"missing KDK": func(b *Backup) { b.KDK = nil },
	} {
		t.Run(name, func(t *testing.T) {
			b := sample(t)
			mutate(&b)
			_, err := Encode(b, "", rand.Reader)
			require.Error(t, err)
		})
	}
}

func TestBackupNeverPrintsTheKDK(t *testing.T) {
	b := sample(t)
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%x", "%X", "%q", "%d"} {
		out := fmt.Sprintf(verb, b) + fmt.Sprintf(verb, &b) + fmt.Sprintf(verb, []Backup{b})
		for _, enc := range encodings(b.KDK) {
			assert.NotContains(t, out, enc, verb)
		}
		assert.Contains(t, out, "NKP-Primary", verb)
	}
}

func markerName(b Backup) pkix.Name {
	return pkix.Name{ExtraNames: []pkix.AttributeTypeAndValue{
		{Type: oidOrganization, Value: Format},
		{Type: oidCommonName, Value: b.Name},
		{Type: oidSerialNumber, Value: b.KeyID},
		{Type: oidDescription, Value: tpmText(b.TpmRequired)},
	}}
}

func selfSigned(t *testing.T, signer any, pub any, subject pkix.Name) *x509.Certificate {
	t.Helper()
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: subject, NotBefore: exportTime, NotAfter: exportTime.Add(time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, pub, signer)
	require.NoError(t, err)
	c, err := x509.ParseCertificate(der)
	require.NoError(t, err)
	return c
}

func p12(t *testing.T, key any, cert *x509.Certificate, pw string) []byte {
	t.Helper()
	var data []byte
	var err error
	// go-pkcs12 hashes with SHA-1 for localKeyId (see Encode).
	fips140.WithoutEnforcement(func() { data, err = pkcs12.Modern2023.Encode(key, cert, nil, pw) })
	require.NoError(t, err)
	return data
}

func FuzzDecode(f *testing.F) {
	b := sample(f)
	good, err := Encode(b, "", rand.Reader)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add([]byte("-----BEGIN CERTIFICATE-----\n"))
	f.Add([]byte{0x30, 0x03, 0x02, 0x01, 0x03})
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := Decode(data, "")
		if err == nil && (len(got.KDK) != KDKSize || got.Name == "") {
			t.Fatalf("accepted a backup without a KDK or name: %v", got)
		}
	})
}

func BenchmarkEncodeWithPassword(b *testing.B) {
	bk := sample(b)
	for b.Loop() {
		if _, err := Encode(bk, "correct horse battery staple", rand.Reader); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecodeWithPassword(b *testing.B) {
	bk := sample(b)
	data, err := Encode(bk, "correct horse battery staple", rand.Reader)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := Decode(data, "correct horse battery staple"); err != nil {
			b.Fatal(err)
		}
	}
}
