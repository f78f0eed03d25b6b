package nkpbackup

import (
	"crypto/ed25519"
	"crypto/fips140"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"errors"
	"fmt"
	"io"
	"math/big"
	"time"

	"software.sslmate.com/src/go-pkcs12"

	kcrypto "github.com/keyhost/keyhost/engine/crypto"
)

// The subject attributes of the backup certificate (X.520 attribute types).
var (
	oidOrganization = asn1.ObjectIdentifier{2, 5, 4, 10}
	oidCommonName   = asn1.ObjectIdentifier{2, 5, 4, 3}
	oidSerialNumber = asn1.ObjectIdentifier{2, 5, 4, 5}
	oidDescription  = asn1.ObjectIdentifier{2, 5, 4, 13}
)

// notAfter is RFC 5280's "no well-defined expiration date".
var notAfter = time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)

// Encode writes b as a keyhost NKP backup protected by password ("" for a
// file without a password, which does not protect the KDK). rand supplies
// the certificate serial number and the PKCS#12 salts; pass crypto/rand's
// Reader outside tests.
func Encode(b Backup, password string, rand io.Reader) ([]byte, error) {
	if err := check(b); err != nil {
		return nil, fmt.Errorf("encode NKP backup: %w", err)
	}
	priv := ed25519.NewKeyFromSeed(b.KDK)
	defer kcrypto.Wipe(priv)
	cert, err := certificate(b, priv, rand)
	if err != nil {
		return nil, fmt.Errorf("encode NKP backup of %s: %w", b.Name, err)
	}
	enc := pkcs12.Modern2023.WithRand(rand)
	if password != "" {
		enc = enc.WithIterations(PasswordIterations)
	}
	var out []byte
	// go-pkcs12 always hashes the certificate with SHA-1 for the bags'
	// localKeyId attribute, which FIPS 140-only mode forbids (and panics
	// on). SHA-1 only names the certificate there; it protects nothing.
	fips140.WithoutEnforcement(func() { out, err = enc.Encode(priv, cert, nil, password) })
	if err != nil {
		return nil, fmt.Errorf("encode NKP backup of %s: %w", b.Name, err)
	}
	return out, nil
}

// check validates what a backup must carry.
func check(b Backup) error {
	if b.Name == "" {
		return errors.New("no provider name")
	}
	if _, err := kcrypto.ParseUUID(b.KeyID); err != nil {
		return fmt.Errorf("key_id: %w", err)
	}
	if len(b.KDK) != KDKSize {
		return fmt.Errorf("the KDK is %d bytes, want %d", len(b.KDK), KDKSize)
	}
	return nil
}

// certificate makes the self-signed certificate that carries b's metadata.
func certificate(b Backup, priv ed25519.PrivateKey, rand io.Reader) (*x509.Certificate, error) {
	raw, err := kcrypto.RandomBytes(rand, 16)
	if err != nil {
		return nil, fmt.Errorf("certificate serial number: %w", err)
	}
	raw[0] &= 0x7f // positive, as RFC 5280 requires
	raw[0] |= 0x01 // and never zero
	tmpl := &x509.Certificate{
		SerialNumber: new(big.Int).SetBytes(raw),
		Subject: pkix.Name{ExtraNames: []pkix.AttributeTypeAndValue{
			{Type: oidOrganization, Value: Format},
			{Type: oidCommonName, Value: b.Name},
			{Type: oidSerialNumber, Value: b.KeyID},
			{Type: oidDescription, Value: tpmText(b.TpmRequired)},
		}},
		NotBefore:             b.ExportTime.UTC().Truncate(time.Second),
		NotAfter:              notAfter,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageDigitalSignature,
	}
	der, err := x509.CreateCertificate(rand, tmpl, tmpl, priv.Public(), priv)
	if err != nil {
		return nil, err
	}
	return x509.ParseCertificate(der)
}

func tpmText(required bool) string {
	if required {
		return "tpm_required=true"
	}
	return "tpm_required=false"
}
