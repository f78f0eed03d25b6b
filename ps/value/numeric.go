package value

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
)

// Char is System.Char: one UTF-16 code unit (keyhost stores a rune). It
// renders as the character, compares with strings as a one-character
// string, and converts to its code in arithmetic ([char]'a' + 1 is 98).
type Char rune

// String returns the character.
func (c Char) String() string { return string(rune(c)) }

// TypeNames implements Object.
func (c Char) TypeNames() []string {
	return []string{"System.Char", "System.ValueType", "System.Object"}
}

// Property implements Object.
func (c Char) Property(string) (any, bool) { return nil, false }

// PropertyNames implements Object.
func (c Char) PropertyNames() []string { return nil }

// numericTypeName returns the .NET name of a Go numeric kind, or "".
func numericTypeName(v any) string {
	switch v.(type) {
	case int32, int:
		return "System.Int32"
	case int64:
		return "System.Int64"
	case float64:
		return "System.Double"
	case float32:
		return "System.Single"
	case uint8:
		return "System.Byte"
	case int8:
		return "System.SByte"
	case int16:
		return "System.Int16"
	case uint16:
		return "System.UInt16"
	case uint32:
		return "System.UInt32"
	case uint64:
		return "System.UInt64"
	case *big.Int:
		return "System.Numerics.BigInteger"
	}
	return ""
}

// numericKind normalizes any numeric Go value to the kinds arithmetic
// works on: int32, int64, float64 or Decimal. Small integer types widen to
// int32 (as .NET's arithmetic promotes them), uint32 to int64, and uint64
// and big integers to int64 when they fit and to double otherwise. ok is
// false for a non-number.
func numericKind(v any) (any, bool) {
	switch x := v.(type) {
	case int32, int64, float64, Decimal:
		return x, true
	case int:
		return narrowInt(int64(x)), true
	case uint8:
		return int32(x), true
	case int8:
		return int32(x), true
	case int16:
		return int32(x), true
	case uint16:
		return int32(x), true
	case uint32:
		return int64(x), true
	case uint64:
		if x <= math.MaxInt64 {
			return int64(x), true
		}
		return float64(x), true
	case float32:
		return float64(x), true
	case *big.Int:
		if x.IsInt64() {
			return x.Int64(), true
		}
		f, _ := new(big.Float).SetInt(x).Float64()
		return f, true
	}
	return nil, false
}

// formatNumber renders the numeric kinds that have no case in ToStringSep.
func formatNumber(v any) (string, bool) {
	switch x := v.(type) {
	case uint8:
		return strconv.FormatUint(uint64(x), 10), true
	case int8:
		return strconv.FormatInt(int64(x), 10), true
	case int16:
		return strconv.FormatInt(int64(x), 10), true
	case uint16:
		return strconv.FormatUint(uint64(x), 10), true
	case uint32:
		return strconv.FormatUint(uint64(x), 10), true
	case uint64:
		return strconv.FormatUint(x, 10), true
	case float32:
		return formatSingle(x), true
	case *big.Int:
		return x.String(), true
	case Decimal:
		return x.String(), true
	}
	return "", false
}

// formatSingle formats a float32 as PowerShell converts a single to a
// string: 7 significant digits.
func formatSingle(f float32) string {
	if f == 0 || math.IsNaN(float64(f)) || math.IsInf(float64(f), 0) {
		return FormatDouble(float64(f))
	}
	e := strconv.FormatFloat(float64(f), 'e', 6, 32)
	mant, expText, _ := strings.Cut(e, "e")
	exp, _ := strconv.Atoi(expText)
	if strings.Contains(mant, ".") {
		mant = strings.TrimRight(strings.TrimRight(mant, "0"), ".")
	}
	if exp >= 7 || exp < -4 {
		sign := "+"
		if exp < 0 {
			sign = "-"
			exp = -exp
		}
		return fmt.Sprintf("%sE%s%02d", mant, sign, exp)
	}
	r, _ := strconv.ParseFloat(mant+"e"+expText, 32)
	return strconv.FormatFloat(r, 'f', -1, 32)
}

// IsInteger reports whether v is one of the integer kinds.
func IsInteger(v any) bool {
	switch v.(type) {
	case int32, int64, int, uint8, int8, int16, uint16, uint32, uint64, *big.Int:
		return true
	}
	return false
}

// ToDecimal converts v to [decimal]: integers exactly, doubles to 15
// significant digits, strings parsed with the invariant culture.
func ToDecimal(v any) (Decimal, error) {
	if s, ok := v.(string); ok {
		if d, ok := ParseDecimal(s); ok {
			return d, nil
		}
	}
	n, err := ToNumber(v)
	if err != nil {
		if ce, ok := err.(*ConversionError); ok {
			ce.TypeName = "System.Decimal"
		}
		return Decimal{}, err
	}
	switch x := n.(type) {
	case Decimal:
		return x, nil
	case int32:
		return DecimalFromInt(int64(x)), nil
	case int64:
		return DecimalFromInt(x), nil
	case float64:
		d, err := DecimalFromFloat(x)
		if err != nil {
			return Decimal{}, &ConversionError{Value: v, TypeName: "System.Decimal", Reason: err.Error()}
		}
		return d, nil
	}
	return Decimal{}, &ConversionError{Value: v, TypeName: "System.Decimal"}
}
