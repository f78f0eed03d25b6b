package nkpbackup

import (
	"bytes"
	"crypto/ed25519"
	"crypto/x509"
	"encoding/asn1"
	"errors"
	"fmt"

	"software.sslmate.com/src/go-pkcs12"

	kcrypto "github.com/keyhost/keyhost/engine/crypto"
)

// Decode reads a keyhost NKP backup with its password ("" for a file
// without one). Every failure wraps one of ErrNotPKCS12, ErrPasswordNeeded,
// ErrWrongPassword or ErrNotKeyhostBackup. The returned KDK is a fresh copy
// the caller owns (and should wipe).
func Decode(data []byte, password string) (Backup, error) {
	if err := checkOuter(data); err != nil {
		return Backup{}, err
	}
	key, cert, err := pkcs12.Decode(data, password)
	if err != nil {
		return Backup{}, classify(err, password)
	}
	priv, ok := key.(ed25519.PrivateKey)
	if !ok {
		return Backup{}, fmt.Errorf("%w: it holds a %s key, not the Ed25519-carried KDK", ErrNotKeyhostBackup, keyKind(key))
	}
	defer kcrypto.Wipe(priv)
	b, err := metadata(cert)
	if err != nil {
		return Backup{}, fmt.Errorf("%w: %v", ErrNotKeyhostBackup, err)
	}
	certPub, ok := cert.PublicKey.(ed25519.PublicKey)
	if !ok || !certPub.Equal(priv.Public()) {
		return Backup{}, fmt.Errorf("%w: the certificate does not belong to the key in the file", ErrNotKeyhostBackup)
	}
	if !bytes.Equal(cert.RawSubject, cert.RawIssuer) {
		return Backup{}, fmt.Errorf("%w: the certificate is not self-signed", ErrNotKeyhostBackup)
	}
	if err := cert.CheckSignature(cert.SignatureAlgorithm, cert.RawTBSCertificate, cert.Signature); err != nil {
		return Backup{}, fmt.Errorf("%w: the certificate's self-signature does not verify (%v)", ErrNotKeyhostBackup, err)
	}
	b.KDK = bytes.Clone(priv.Seed())
	return b, nil
}

// pfxOuter is the outer shape of a PFX (RFC 7292 §4): enough to tell a
// PKCS#12 file from anything else before trying the password.
type pfxOuter struct {
	Version  int
	AuthSafe asn1.RawValue
	MacData  macData `asn1:"optional"`
}

// macData is the PFX's MacData; only its iteration count matters here.
type macData struct {
	Mac        asn1.RawValue
	MacSalt    []byte
	Iterations int `asn1:"optional,default:1"`
}

// maxIterations bounds the MAC key derivation a file may ask for, so a
// hostile or damaged file cannot keep an import busy for hours; keyhost
// writes PasswordIterations.
const maxIterations = 10 * PasswordIterations

// checkOuter refuses data that is not DER PKCS#12, naming PEM files, which
// are the usual mistake (a certificate or key exported as text).
func checkOuter(data []byte) error {
	if bytes.HasPrefix(bytes.TrimSpace(data), []byte("-----BEGIN")) {
		return fmt.Errorf("%w: it is a PEM text file (-----BEGIN ...), not a binary .p12", ErrNotPKCS12)
	}
	var pfx pfxOuter
	rest, err := asn1.Unmarshal(data, &pfx)
	switch {
	case len(data) == 0:
		return fmt.Errorf("%w: the file is empty", ErrNotPKCS12)
	case err != nil:
		return ErrNotPKCS12
	case len(rest) != 0:
		return fmt.Errorf("%w: %d bytes of trailing data", ErrNotPKCS12, len(rest))
	case pfx.Version != 3:
		return fmt.Errorf("%w: PFX version %d, want 3", ErrNotPKCS12, pfx.Version)
	case pfx.MacData.Iterations > maxIterations:
		return fmt.Errorf("%w: its MAC asks for %d key derivation rounds, more than the %d keyhost accepts", ErrNotKeyhostBackup, pfx.MacData.Iterations, maxIterations)
	}
	return nil
}

// classify maps go-pkcs12's errors onto this package's.
func classify(err error, password string) error {
	switch {
	case errors.Is(err, pkcs12.ErrIncorrectPassword), errors.Is(err, pkcs12.ErrDecryption):
		if password == "" {
			return ErrPasswordNeeded
		}
		return ErrWrongPassword
	}
	// The rest are structural (bags, certificates or keys that do not
	// parse, the wrong number of them, unsupported layouts): a PKCS#12
	// file, but not one keyhost wrote.
	return fmt.Errorf("%w: %v", ErrNotKeyhostBackup, err)
}

// metadata reads and checks the certificate subject.
func metadata(cert *x509.Certificate) (Backup, error) {
	attrs := map[string]string{}
	for _, a := range cert.Subject.Names {
		s, ok := a.Value.(string)
		if !ok {
			return Backup{}, fmt.Errorf("subject attribute %v is not a string", a.Type)
		}
		k := a.Type.String()
		switch {
		case a.Type.Equal(oidOrganization), a.Type.Equal(oidCommonName), a.Type.Equal(oidSerialNumber), a.Type.Equal(oidDescription):
		default:
			return Backup{}, fmt.Errorf("unexpected subject attribute %v", a.Type)
		}
		if _, dup := attrs[k]; dup {
			return Backup{}, fmt.Errorf("subject attribute %v appears twice", a.Type)
		}
		attrs[k] = s
	}
	if attrs[oidOrganization.String()] != Format {
		return Backup{}, fmt.Errorf("no %q marker in the certificate subject", Format)
	}
	b := Backup{Name: attrs[oidCommonName.String()], KeyID: attrs[oidSerialNumber.String()], ExportTime: cert.NotBefore.UTC()}
	if b.Name == "" {
		return Backup{}, errors.New("no provider name (CN) in the certificate subject")
	}
	if u, err := kcrypto.ParseUUID(b.KeyID); err != nil || kcrypto.FormatUUID(u) != b.KeyID {
		return Backup{}, fmt.Errorf("key_id %q is not a lower-case UUID", b.KeyID)
	}
	switch attrs[oidDescription.String()] {
	case tpmText(true):
		b.TpmRequired = true
	case tpmText(false):
	default:
		return Backup{}, fmt.Errorf("description %q is not tpm_required=true|false", attrs[oidDescription.String()])
	}
	return b, nil
}

// keyKind names a decoded private key's type for messages.
func keyKind(key any) string {
	switch key.(type) {
	case nil:
		return "no"
	}
	return fmt.Sprintf("%T", key)
}
