package builtin

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/keyhost/keyhost/ps/format"
	"github.com/keyhost/keyhost/ps/value"
)

// This file is PowerShell's ObjectCommandComparer: how Sort-Object,
// Group-Object, Select-Object -Unique and Compare-Object order and match
// values.

// compareValues orders two values: $null first, then PowerShell's
// comparison (the right value converted to the left one's type), strings
// by the culture's rules (case ignored unless cs); values that cannot be
// compared are compared as strings.
func compareValues(a, b any, cs bool) int {
	an, bn := value.IsNull(a), value.IsNull(b)
	switch {
	case an && bn:
		return 0
	case an:
		return -1
	case bn:
		return 1
	}
	if as, ok := a.(string); ok {
		return compareStrings(as, format.DisplayText(b), cs)
	}
	if c, ok := a.(value.Char); ok {
		return compareStrings(c.String(), format.DisplayText(b), cs)
	}
	if comparable(a) {
		if c, err := value.Compare(a, b, cs); err == nil {
			return c
		}
	}
	return compareStrings(format.DisplayText(a), format.DisplayText(b), cs)
}

// comparable reports whether a value has an order of its own (.NET's
// IComparable): numbers, booleans, enums, dates and spans.
func comparable(v any) bool {
	if value.IsNumber(v) {
		return true
	}
	switch v.(type) {
	case bool, value.Enum, value.Comparer:
		return true
	}
	return false
}

// compareStrings compares strings the way the culture does, roughly:
// letters ignoring case first; with cs, lower case sorts before upper
// case where the strings differ only in case.
func compareStrings(a, b string, cs bool) int {
	if c := compareFolded(a, b); c != 0 || !cs {
		return c
	}
	// Same letters: the first difference in case decides, lower first.
	for len(a) > 0 && len(b) > 0 {
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if ra != rb {
			if unicode.IsLower(ra) {
				return -1
			}
			return 1
		}
		a, b = a[na:], b[nb:]
	}
	return 0
}

// compareFolded compares strings rune by rune ignoring case.
func compareFolded(a, b string) int {
	for len(a) > 0 && len(b) > 0 {
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		la, lb := unicode.ToLower(ra), unicode.ToLower(rb)
		if la != lb {
			if la < lb {
				return -1
			}
			return 1
		}
		a, b = a[na:], b[nb:]
	}
	switch {
	case len(a) < len(b):
		return -1
	case len(a) > len(b):
		return 1
	}
	return 0
}

// equalValues reports whether two values are the same for grouping and
// uniqueness.
func equalValues(a, b any, cs bool) bool { return compareValues(a, b, cs) == 0 }

// keyString is a value's grouping key text (Group-Object's Name and
// hashtable keys).
func keyString(v any) string {
	if value.IsNull(v) {
		return ""
	}
	if value.IsCollection(v) {
		items := value.Enumerate(v)
		parts := make([]string, len(items))
		for i, it := range items {
			parts[i] = format.DisplayText(it)
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	return format.DisplayText(v)
}
