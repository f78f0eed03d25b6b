package format

import (
	"math"
	"strconv"
	"strings"

	"github.com/keyhost/keyhost/ps/value"
)

// DefaultEnumerationLimit is $FormatEnumerationLimit's default: how many
// elements of a collection a cell shows before "…".
const DefaultEnumerationLimit = 4

// Displayer is implemented by values whose formatted (current-culture)
// text differs from their string conversion: a DateTime is
// "11/24/2026 03:11:08" in "$date" but "11/24/2026 3:11:08 AM" in a table.
type Displayer interface {
	DisplayString() string
}

// DisplayText is a value's text in formatted output (PowerShell's
// PSObject.ToString under the current culture, en-US in keyhost).
func DisplayText(v any) string {
	if d, ok := v.(Displayer); ok {
		return d.DisplayString()
	}
	return value.ToString(v)
}

// Cell renders a property value inside a table or list, as PowerShell
// does: collections as {a, b, c} (at most four items, then …).
func Cell(v any) string { return cellText(v, DefaultEnumerationLimit, false) }

// cellText renders a value for a cell. Collections (and hashtables) show
// their first limit elements in braces, a negative limit showing all;
// inTable formats floating-point numbers with two decimals, as pwsh 7.4
// does in tables.
func cellText(v any, limit int, inTable bool) string {
	if value.IsNull(v) {
		return ""
	}
	if h, ok := v.(*value.Hashtable); ok {
		keys, vals := h.Keys(), h.Values()
		items := make([]any, len(keys))
		for i := range keys {
			items[i] = "[" + value.ToString(keys[i]) + ", " + value.ToString(vals[i]) + "]"
		}
		return braces(items, limit)
	}
	if value.IsCollection(v) {
		return braces(value.Enumerate(v), limit)
	}
	if inTable {
		switch f := v.(type) {
		case float64:
			return fixed2(f)
		case float32:
			return fixed2(float64(f))
		case value.Decimal:
			return fixed2(f.Float64())
		}
	}
	return DisplayText(v)
}

// braces renders collection elements as {a, b…}.
func braces(items []any, limit int) string {
	var b strings.Builder
	b.WriteByte('{')
	for i, it := range items {
		if limit >= 0 && i == limit {
			b.WriteString(ellipsis)
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		if it == nil {
			b.WriteString("$null")
			continue
		}
		b.WriteString(DisplayText(it))
	}
	b.WriteByte('}')
	return b.String()
}

// fixed2 formats a number as .NET's "F" format does under en-US: two
// decimals, halves rounded away from zero.
func fixed2(f float64) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return value.FormatDouble(f)
	}
	return FixedExact(f, 2)
}

// FixedExact formats f with the given number of decimals, rounding the
// exact binary value half away from zero (as .NET Core does).
func FixedExact(f float64, decimals int) string {
	s := strconv.FormatFloat(f, 'f', decimals+25, 64)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	dot := strings.IndexByte(s, '.')
	keep := s[:dot+1+decimals]
	next := s[dot+1+decimals]
	digits := []byte(strings.Replace(keep, ".", "", 1))
	if next >= '5' {
		i := len(digits) - 1
		for ; i >= 0; i-- {
			if digits[i] == '9' {
				digits[i] = '0'
				continue
			}
			digits[i]++
			break
		}
		if i < 0 {
			digits = append([]byte{'1'}, digits...)
		}
	}
	intLen := len(digits) - decimals
	out := string(digits[:intLen])
	if decimals > 0 {
		out += "." + string(digits[intLen:])
	}
	if neg && strings.Trim(out, "0.") != "" {
		out = "-" + out
	}
	return out
}

// Fixed formats f with the given number of decimals, rounding half away
// from zero as .NET's "F"/"N" formats do.
func Fixed(f float64, decimals int) string {
	p := math.Pow(10, float64(decimals))
	return strconv.FormatFloat(math.Round(f*p)/p, 'f', decimals, 64)
}

// isScalar reports whether v prints as a single line of text (PowerShell's
// DefaultScalarTypes: strings, numbers, booleans, enums, SecureString).
func isScalar(v any) bool {
	switch v.(type) {
	case string, bool, value.Enum, *value.SecureString:
		return true
	}
	if value.IsNumber(v) {
		return true
	}
	if _, isChar := v.(value.Char); isChar {
		return true
	}
	_, isStringer := v.(value.Stringer)
	_, isObject := v.(value.Object)
	return isStringer && !isObject
}

// defaultAlign is the alignment of a property table column, from the
// first object's value: numbers and other scalars right, strings and
// objects left.
func defaultAlign(v any) Align {
	if value.IsNull(v) {
		return Left
	}
	if _, isString := v.(string); isString {
		return Left
	}
	if isScalar(v) {
		return Right
	}
	return Left
}
