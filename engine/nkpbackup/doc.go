// Package nkpbackup reads and writes keyhost's Native Key Provider backup
// files: PKCS#12 (.p12) files that carry one provider's key derivation key
// (KDK) and the facts needed to restore it elsewhere.
//
// # Format "keyhost NKP backup v1"
//
// This layout is keyhost's own. VMware does not publish the layout of
// vCenter's NKP exports, so keyhost neither reads vCenter's files nor writes
// files vCenter can read, and never claims byte compatibility with them.
//
// The file is a PKCS#12 (RFC 7292) PFX as go-pkcs12's Modern2023 encoder
// writes it: a certificate bag in a PBES2-encrypted SafeContents and a
// PKCS#8 shrouded key bag (PBES2 = PBKDF2-HMAC-SHA-256 + AES-256-CBC, 16-byte
// salts), authenticated by an HMAC-SHA-256 MAC over the authenticated safe
// (PKCS#12 KDF). The password is UTF-8 (BMP-encoded inside PKCS#12 as the
// standard requires). With a password the KDF runs PasswordIterations
// rounds; without one the file uses the empty password and the default
// 2048 rounds: it is then integrity-checked (a damaged file is detected) but
// the KDK is NOT protected; anyone holding the file holds the key.
//
// The key bag holds an Ed25519 private key (RFC 8410 PKCS#8) whose 32-byte
// seed IS the KDK, byte for byte. (go-pkcs12 has no SecretBag; every 32-byte
// value is a valid Ed25519 seed, so the KDK round-trips exactly.) The seed
// is used once as a signing key, to self-sign the certificate below; keyhost
// derives KEKs from it with HKDF under a distinct info string, so the two
// uses are separated.
//
// The certificate bag holds one X.509 v3 certificate, self-signed with that
// Ed25519 key, which carries the metadata in its subject (issuer = subject):
//
//	O  (2.5.4.10)  "keyhost NKP backup v1"        the format marker
//	CN (2.5.4.3)   the provider name               e.g. "NKP-Primary"
//	serialNumber (2.5.4.5)  the provider key_id    lower-case 8-4-4-4-12 UUID
//	description (2.5.4.13)  "tpm_required=true" or "tpm_required=false"
//
// NotBefore is the export time (UTC, whole seconds); NotAfter is
// 9999-12-31T23:59:59Z (RFC 5280's "no well-defined expiration"). The
// certificate serial number is 128 random bits; basic constraints say CA
// false; key usage is digitalSignature. Each attribute appears exactly once.
//
// Decode accepts a file only if: it is a PKCS#12 file that opens with the
// password (MAC and decryption; any encoding go-pkcs12 reads, including one
// without MAC or encryption, with at most ten times PasswordIterations MAC
// rounds, so a hostile file cannot stall an import), it holds exactly one
// key and one certificate, the key is Ed25519, the certificate's public key
// is the key's and its self-signature verifies, and the subject carries the
// marker and valid metadata. Anything else is one of the errors in
// errors.go, so a PEM file, a random file or a .p12 made by other software
// is refused with a clear reason. Standard tools can inspect the file:
// `openssl pkcs12 -info -in NKP.p12 -nokeys` shows the subject.
package nkpbackup
