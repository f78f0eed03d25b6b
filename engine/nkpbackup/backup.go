package nkpbackup

import (
	"fmt"
	"time"
)

// Format is the marker every keyhost NKP backup carries in its certificate
// subject (O=). A file without it is not a keyhost backup.
const Format = "keyhost NKP backup v1"

// KDKSize is the size of a Native Key Provider key derivation key.
const KDKSize = 32

// PasswordIterations is the PBKDF2 (and PKCS#12 MAC KDF) iteration count of
// password-protected backups. go-pkcs12's default of 2048 is too low for a
// password a person chose; 600,000 is OWASP's 2023 figure for
// PBKDF2-HMAC-SHA-256.
const PasswordIterations = 600_000

// Backup is what one backup file holds. KDK is secret: Backup's String and
// Format methods never print it.
type Backup struct {
	// Name is the key provider's name, which is also its id in every key
	// reference (CryptoKeyId.ProviderId.Id).
	Name string
	// KeyID is the provider's key_id UUID.
	KeyID string
	// TpmRequired is the provider's "use only with TPM protected hosts"
	// constraint when it was exported.
	TpmRequired bool
	// ExportTime is when the backup was made (UTC, whole seconds).
	ExportTime time.Time
	// KDK is the 32-byte key derivation key.
	KDK []byte
}

// String describes the backup without its key.
func (b Backup) String() string {
	return fmt.Sprintf("NKP backup %q (key_id %s, tpm_required %t, exported %s)",
		b.Name, b.KeyID, b.TpmRequired, b.ExportTime.Format(time.RFC3339))
}

// Format implements fmt.Formatter so that every verb (%v, %+v, %#v, %x, %s,
// ...) prints String's redacted description, never the KDK.
func (b Backup) Format(f fmt.State, _ rune) { fmt.Fprint(f, b.String()) }
