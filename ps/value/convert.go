package value

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// ConversionError reports a failed conversion with PowerShell's wording.
type ConversionError struct {
	Value    any
	TypeName string // the .NET target type, e.g. "System.Int32"
	Reason   string // the inner exception's message, may be empty
	// ID is PowerShell's error id for the failure (e.g.
	// "InvalidCastFromStringToInteger"); "" leaves it to the caller.
	ID string
	// Message, when set, replaces the standard wording.
	Message string
}

// Error implements error.
func (e *ConversionError) Error() string {
	if e.Message != "" {
		return e.Message
	}
	msg := fmt.Sprintf("Cannot convert value \"%s\" to type \"%s\".", ToString(e.Value), e.TypeName)
	if e.Reason != "" {
		msg += " Error: \"" + e.Reason + "\""
	}
	return msg
}

// ToBool is PowerShell's truth test (LanguagePrimitives.IsTrue): $null,
// the empty string, 0, $false and empty collections are false; a one-element collection
// has its element's truth; every other object is true, including the
// string 'False'.
func ToBool(v any) bool {
	switch x := v.(type) {
	case nil, automationNull:
		return false
	case bool:
		return x
	case string:
		return x != ""
	case int32:
		return x != 0
	case int64:
		return x != 0
	case float64:
		return x != 0
	case int:
		return x != 0
	case []any:
		switch len(x) {
		case 0:
			return false
		case 1:
			return ToBool(x[0])
		}
		return true
	case Decimal:
		return x.Sign() != 0
	case Enumerable:
		items := x.Items()
		switch len(items) {
		case 0:
			return false
		case 1:
			return ToBool(items[0])
		}
		return true
	}
	if n, ok := numericKind(v); ok {
		return ToBool(n)
	}
	return true
}

// ToString converts a value to its string form under the invariant
// culture, as casts and string expansion do. Arrays are joined with a
// single space (the default $OFS); use ToStringSep for another separator.
func ToString(v any) string { return ToStringSep(v, " ") }

// ToStringSep is ToString with an explicit array separator ($OFS).
func ToStringSep(v any, ofs string) string {
	switch x := v.(type) {
	case nil, automationNull:
		return ""
	case string:
		return x
	case bool:
		if x {
			return "True"
		}
		return "False"
	case int32:
		return strconv.FormatInt(int64(x), 10)
	case int64:
		return strconv.FormatInt(x, 10)
	case int:
		return strconv.Itoa(x)
	case float64:
		return FormatDouble(x)
	case []any:
		return JoinItems(x, ofs)
	case Decimal:
		return x.String()
	case Enumerable:
		return JoinItems(x.Items(), ofs)
	case Stringer:
		return x.String()
	case Object:
		return x.TypeNames()[0]
	case fmt.Stringer:
		return x.String()
	}
	if s, ok := formatNumber(v); ok {
		return s
	}
	return fmt.Sprint(v)
}

// JoinItems joins the elements of a collection with sep the way
// PowerShell converts a collection to a string (string expansion, -join,
// [string] casts): each element with ElementString, so nested collections
// are not flattened (and a collection that contains itself terminates).
func JoinItems(items []any, sep string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return ElementString(items[0])
	}
	var b strings.Builder
	for i, e := range items {
		if i > 0 {
			b.WriteString(sep)
		}
		b.WriteString(ElementString(e))
	}
	return b.String()
}

// ElementString converts an element of a collection being stringified.
// PowerShell does not recurse there (PSObject.ToStringEnumerable calls
// ToString with recurse=false): a nested collection shows its type name
// ("System.Object[]") and a custom object its base object's string, which
// is empty for a PSCustomObject.
func ElementString(v any) string {
	switch x := v.(type) {
	case []any:
		return "System.Object[]"
	case *PSObject:
		return x.baseString()
	case Enumerable:
		if s, ok := v.(Stringer); ok {
			return s.String()
		}
		return TypeName(v)
	}
	return ToStringSep(v, " ")
}

// FormatDouble formats a float64 the way PowerShell converts a double to
// a string (string expansion, output, [string] casts): with 15 significant
// digits, as .NET Framework's Double.ToString() did and PowerShell 7 kept
// (PowerShell PR #9893), switching to E notation (1E+15, 1.5E-05) for
// very large or small magnitudes.
func FormatDouble(f float64) string { return formatG(f, 15) }

// FormatDoubleRoundTrip formats a float64 as .NET Core's Double.ToString()
// does when a script calls it directly: the shortest string that parses
// back to the same value.
func FormatDoubleRoundTrip(f float64) string { return formatG(f, -1) }

// formatG is .NET's "G" format with the given precision (-1: shortest
// round-trip digits) under the invariant culture.
func formatG(f float64, digits int) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	case f == 0:
		if math.Signbit(f) && digits < 0 {
			return "-0"
		}
		return "0"
	}
	prec := digits - 1
	if digits < 0 {
		prec = -1
	}
	e := strconv.FormatFloat(f, 'e', prec, 64) // d.dddde±XX
	mant, expText, _ := strings.Cut(e, "e")
	exp, _ := strconv.Atoi(expText)
	if strings.Contains(mant, ".") {
		mant = strings.TrimRight(strings.TrimRight(mant, "0"), ".")
	}
	limit := 15
	if digits > 0 {
		limit = digits
	}
	if exp >= limit || exp < -4 {
		sign := "+"
		if exp < 0 {
			sign = "-"
			exp = -exp
		}
		return fmt.Sprintf("%sE%s%02d", mant, sign, exp)
	}
	r, err := strconv.ParseFloat(mant+"e"+expText, 64)
	if err != nil {
		return mant
	}
	return strconv.FormatFloat(r, 'f', -1, 64)
}

// IsNumber reports whether v is one of the numeric kinds.
func IsNumber(v any) bool {
	switch v.(type) {
	case int32, int64, float64, int, Decimal:
		return true
	}
	_, ok := numericKind(v)
	return ok
}

// ToNumber converts v to a number for arithmetic and numeric comparison:
// int32, int64, float64 or Decimal. Strings are parsed the way PowerShell parses
// numeric literals (hex, exponents, kb/mb/gb multipliers); the empty string and $null are
// 0; booleans are 0 or 1.
func ToNumber(v any) (any, error) {
	switch x := v.(type) {
	case nil, automationNull:
		return int32(0), nil
	case int32, int64, float64, Decimal:
		return x, nil
	case int:
		return narrowInt(int64(x)), nil
	case Char:
		return int32(x), nil
	case bool:
		if x {
			return int32(1), nil
		}
		return int32(0), nil
	case string:
		n, ok := ParseNumber(x)
		if !ok {
			return nil, &ConversionError{Value: x, TypeName: "System.Int32", Reason: fmt.Sprintf("The input string '%s' was not in a correct format.", x)}
		}
		return n, nil
	case Enum:
		return narrowInt(x.Int()), nil
	case []any:
		if len(x) == 1 {
			return ToNumber(x[0])
		}
	}
	if n, ok := numericKind(v); ok {
		return n, nil
	}
	return nil, &ConversionError{Value: v, TypeName: "System.Int32", Reason: ""}
}

func narrowInt(n int64) any {
	if n >= math.MinInt32 && n <= math.MaxInt32 {
		return int32(n)
	}
	return n
}

// ParseNumber parses a string as PowerShell converts strings to numbers:
// surrounding white space is ignored, an empty string is 0, and decimal,
// hexadecimal (0x), real and exponent forms are accepted, with an optional
// kb/mb/gb/tb/pb multiplier.
func ParseNumber(s string) (any, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return int32(0), true
	}
	neg := false
	body := s
	if body[0] == '+' || body[0] == '-' {
		neg = body[0] == '-'
		body = body[1:]
	}
	mult := int64(1)
	lower := strings.ToLower(body)
	for i, suf := range []string{"kb", "mb", "gb", "tb", "pb"} {
		if strings.HasSuffix(lower, suf) {
			mult = int64(1) << (10 * (i + 1))
			body = body[:len(body)-2]
			lower = lower[:len(lower)-2]
			break
		}
	}
	if body == "" {
		return nil, false
	}
	if strings.HasPrefix(lower, "0x") {
		u, err := strconv.ParseUint(lower[2:], 16, 64)
		if err != nil {
			return nil, false
		}
		n := int64(u)
		if u <= math.MaxUint32 && u > math.MaxInt32 && len(lower[2:]) <= 8 {
			n = int64(int32(uint32(u))) // 0xFFFFFFFF is -1 as in PowerShell
		}
		if neg {
			n = -n
		}
		return narrowInt(n * mult), true
	}
	for _, r := range body {
		if !(r >= '0' && r <= '9' || r == '.' || r == 'e' || r == 'E' || r == '+' || r == '-') {
			return nil, false
		}
	}
	if i, err := strconv.ParseInt(body, 10, 64); err == nil {
		if neg {
			i = -i
		}
		prod := i * mult
		if mult != 1 && prod/mult != i {
			return float64(i) * float64(mult), true
		}
		return narrowInt(prod), true
	}
	f, err := strconv.ParseFloat(body, 64)
	if err != nil {
		return nil, false
	}
	if neg {
		f = -f
	}
	return f * float64(mult), true
}

// ToInt64 converts v to an integer, rounding a double to even as .NET's
// Convert does ([int]2.5 is 2, [int]3.5 is 4).
func ToInt64(v any) (int64, error) {
	n, err := ToNumber(v)
	if err != nil {
		return 0, err
	}
	switch x := n.(type) {
	case int32:
		return int64(x), nil
	case int64:
		return x, nil
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) || x > math.MaxInt64 || x < math.MinInt64 {
			return 0, &ConversionError{Value: v, TypeName: "System.Int64", Reason: "Value was either too large or too small for an Int64."}
		}
		return int64(math.RoundToEven(x)), nil
	case Decimal:
		i, ok := x.Int64()
		if !ok {
			return 0, &ConversionError{Value: v, TypeName: "System.Int64", Reason: "Value was either too large or too small for an Int64."}
		}
		return i, nil
	}
	return 0, &ConversionError{Value: v, TypeName: "System.Int64"}
}

// ToInt32 converts v to [int].
func ToInt32(v any) (int32, error) {
	n, err := ToInt64(v)
	if err != nil {
		if ce, ok := err.(*ConversionError); ok {
			ce.TypeName = "System.Int32"
		}
		return 0, err
	}
	if n > math.MaxInt32 || n < math.MinInt32 {
		return 0, &ConversionError{Value: v, TypeName: "System.Int32", Reason: "Value was either too large or too small for an Int32."}
	}
	return int32(n), nil
}

// ToFloat64 converts v to [double].
func ToFloat64(v any) (float64, error) {
	n, err := ToNumber(v)
	if err != nil {
		if ce, ok := err.(*ConversionError); ok {
			ce.TypeName = "System.Double"
		}
		return 0, err
	}
	switch x := n.(type) {
	case int32:
		return float64(x), nil
	case int64:
		return float64(x), nil
	case float64:
		return x, nil
	case Decimal:
		return x.Float64(), nil
	}
	return 0, &ConversionError{Value: v, TypeName: "System.Double"}
}

// Enumerate returns the elements a value sends down a pipeline or through
// foreach: an array's elements, nothing for AutomationNull, and the value
// itself otherwise ($null included; a hashtable is one object).
func Enumerate(v any) []any {
	switch x := v.(type) {
	case automationNull:
		return nil
	case []any:
		return x
	case Enumerable:
		return x.Items()
	}
	return []any{v}
}

// Enumerable is implemented by collection objects other than []any (typed
// lists, ArrayList) that PowerShell enumerates in pipelines.
type Enumerable interface {
	Items() []any
}

// IsCollection reports whether v enumerates into several pipeline objects.
func IsCollection(v any) bool {
	switch v.(type) {
	case []any, Enumerable:
		return true
	}
	return false
}
