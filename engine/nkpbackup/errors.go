package nkpbackup

import "errors"

// Decode's errors, for errors.Is. Each says what is wrong with the file, so
// callers can show it as is.
var (
	// ErrWrongPassword: the MAC or the decryption failed with the password
	// given. PKCS#12 cannot tell a wrong password from a damaged file whose
	// MAC no longer matches, so the message names both.
	ErrWrongPassword = errors.New("wrong password, or the file is damaged")
	// ErrPasswordNeeded: the file is password-protected and no password
	// was given.
	ErrPasswordNeeded = errors.New("the file is password-protected; give its password")
	// ErrNotPKCS12: the bytes are not a PKCS#12 file at all (a PEM file, a
	// random file, a truncated or damaged one).
	ErrNotPKCS12 = errors.New("not a PKCS#12 (.p12) file, or a damaged one")
	// ErrNotKeyhostBackup: a readable PKCS#12 file that is not a keyhost
	// NKP backup (another kind of key, no format marker, bad metadata).
	// vCenter's own NKP exports are among these.
	ErrNotKeyhostBackup = errors.New("a PKCS#12 file, but not a keyhost NKP backup (" + Format + ")")
)
