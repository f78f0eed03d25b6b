package engine

import "fmt"

// SecretBytes is key material: a KDK, a KMS key, a state key. It is a byte
// slice for the code that uses it, but it never prints: every fmt verb
// (%v, %x, %s, %#v, ...) renders "[secret]", so a %v of a record or a
// struct that holds one cannot leak it into a log, an error or a panic.
// encoding/json still sees the bytes; keyhost only ever marshals secrets
// into the state file's sealed section.
type SecretBytes []byte

// Format implements fmt.Formatter.
func (SecretBytes) Format(f fmt.State, _ rune) { fmt.Fprint(f, "[secret]") }

// fmt cannot call SecretBytes' Format through an unexported struct field
// (reflection may not call methods there), so the records that hold key
// material in unexported fields print themselves without it.

// Format implements fmt.Formatter for provider records.
func (p providerRecord) Format(f fmt.State, _ rune) {
	fmt.Fprintf(f, "{Name:%s Type:%s TpmRequired:%t BackedUp:%t KeyID:%s Created:%s kdk:[secret]}",
		p.Name, p.Type, p.TpmRequired, p.BackedUp, p.KeyID, p.Created.Format("2006-01-02T15:04:05Z07:00"))
}

// Format implements fmt.Formatter for the in-process KMS.
func (k localKMS) Format(f fmt.State, _ rune) {
	fmt.Fprintf(f, "{localKMS: %d keys [secret]}", len(k.keys))
}

// Format implements fmt.Formatter for keyrings, which hold KEKs.
func (kr keyring) Format(f fmt.State, _ rune) {
	fmt.Fprintf(f, "{keyring: %d KEKs [secret]}", len(kr.keks))
}

// Format implements fmt.Formatter for a minted key.
func (k newKey) Format(f fmt.State, _ rune) {
	fmt.Fprintf(f, "{%s/%s kek:[secret]}", k.ref.ProviderID, k.ref.KeyID)
}

// Format implements fmt.Formatter for a staged KMS key.
func (k pendingKey) Format(f fmt.State, _ rune) {
	fmt.Fprintf(f, "{pending KMS key %s [secret]}", k.id)
}
