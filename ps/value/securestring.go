package value

// SecureString is System.Security.SecureString as scripts see it: an
// opaque value made by ConvertTo-SecureString or Read-Host -AsSecureString
// and passed to parameters such as Export-KeyProvider -Password. It never
// shows its text: in strings it renders as its type name, as in .NET.
type SecureString struct {
	text string
}

// NewSecureString wraps a secret.
func NewSecureString(s string) *SecureString { return &SecureString{text: s} }

// Reveal returns the secret, for the Go code that must use it (a cmdlet
// encrypting a backup with it). Never print it.
func (s *SecureString) Reveal() string { return s.text }

// Len is the secret's length in characters.
func (s *SecureString) Len() int { return len([]rune(s.text)) }

// TypeNames implements Object.
func (s *SecureString) TypeNames() []string {
	return []string{"System.Security.SecureString", "System.Object"}
}

// Property implements Object: only Length is visible.
func (s *SecureString) Property(name string) (any, bool) {
	if name == "Length" || name == "length" {
		return int32(s.Len()), true
	}
	return nil, false
}

// PropertyNames implements Object.
func (s *SecureString) PropertyNames() []string { return []string{"Length"} }

// String renders the type name, never the secret.
func (s *SecureString) String() string { return "System.Security.SecureString" }
