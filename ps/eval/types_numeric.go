package eval

import (
	"fmt"
	"math"
	"strings"
	"unicode"

	"github.com/keyhost/keyhost/ps/value"
)

// This file registers the numeric types and [char]: their casts with
// .NET's range checks and texts, and their static members (MaxValue,
// Parse, TryParse).

// intKind describes one .NET integer type.
type intKind struct {
	name     string
	aliases  []string
	min, max int64
	// umax is the maximum of UInt64, which does not fit in int64.
	unsigned64 bool
	make       func(int64) any
	tooBig     string // the OverflowException text
}

var intKinds = []intKind{
	{"System.Int32", []string{"int", "int32"}, math.MinInt32, math.MaxInt32, false, func(n int64) any { return int32(n) }, "Value was either too large or too small for an Int32."},
	{"System.Int64", []string{"long", "int64"}, math.MinInt64, math.MaxInt64, false, func(n int64) any { return n }, "Value was either too large or too small for an Int64."},
	{"System.Int16", []string{"short", "int16"}, math.MinInt16, math.MaxInt16, false, func(n int64) any { return int16(n) }, "Value was either too large or too small for an Int16."},
	{"System.Byte", []string{"byte"}, 0, math.MaxUint8, false, func(n int64) any { return uint8(n) }, "Value was either too large or too small for an unsigned byte."},
	{"System.SByte", []string{"sbyte"}, math.MinInt8, math.MaxInt8, false, func(n int64) any { return int8(n) }, "Value was either too large or too small for a signed byte."},
	{"System.UInt16", []string{"ushort", "uint16"}, 0, math.MaxUint16, false, func(n int64) any { return uint16(n) }, "Value was either too large or too small for a UInt16."},
	{"System.UInt32", []string{"uint", "uint32"}, 0, math.MaxUint32, false, func(n int64) any { return uint32(n) }, "Value was either too large or too small for a UInt32."},
	{"System.UInt64", []string{"ulong", "uint64"}, 0, math.MaxInt64, true, func(n int64) any { return uint64(n) }, "Value was either too large or too small for a UInt64."},
}

func init() {
	for _, k := range intKinds {
		k := k
		conv := func(v any) (any, error) { return k.convert(v) }
		registerType(&psType{
			Name:    k.name,
			Convert: conv,
			StaticProperty: func(_ *frame, name string) (any, bool) {
				switch strings.ToLower(name) {
				case "maxvalue":
					if k.unsigned64 {
						return uint64(math.MaxUint64), true
					}
					return k.make(k.max), true
				case "minvalue":
					return k.make(k.min), true
				}
				return nil, false
			},
			StaticMethod: parseMethods(k.name, conv),
		}, k.aliases...)
	}
	double := func(v any) (any, error) {
		if s, ok := v.(string); ok {
			return parseDoubleString(s)
		}
		f, err := value.ToFloat64(v)
		if err != nil {
			return nil, retarget(err, "System.Double", v)
		}
		return f, nil
	}
	registerType(&psType{Name: "System.Double", Convert: double, StaticProperty: func(_ *frame, name string) (any, bool) {
		switch strings.ToLower(name) {
		case "maxvalue":
			return math.MaxFloat64, true
		case "minvalue":
			return -math.MaxFloat64, true
		case "epsilon":
			return math.SmallestNonzeroFloat64, true
		case "nan":
			return math.NaN(), true
		case "positiveinfinity":
			return math.Inf(1), true
		case "negativeinfinity":
			return math.Inf(-1), true
		}
		return nil, false
	}, StaticMethod: func(f *frame, name string, args []any) (any, bool, error) {
		switch strings.ToLower(name) {
		case "isnan", "isinfinity", "ispositiveinfinity", "isnegativeinfinity":
			if len(args) != 1 {
				return nil, false, nil
			}
			x, err := value.ToFloat64(args[0])
			if err != nil {
				return nil, true, err
			}
			switch strings.ToLower(name) {
			case "isnan":
				return math.IsNaN(x), true, nil
			case "isinfinity":
				return math.IsInf(x, 0), true, nil
			case "ispositiveinfinity":
				return math.IsInf(x, 1), true, nil
			}
			return math.IsInf(x, -1), true, nil
		}
		return parseMethods("System.Double", double)(f, name, args)
	}}, "double")
	single := func(v any) (any, error) {
		d, err := double(v)
		if err != nil {
			return nil, retarget(err, "System.Single", v)
		}
		return float32(d.(float64)), nil
	}
	registerType(&psType{Name: "System.Single", Convert: single, StaticMethod: parseMethods("System.Single", single)}, "float", "single")
	dec := func(v any) (any, error) {
		d, err := value.ToDecimal(v)
		if err != nil {
			return nil, retarget(err, "System.Decimal", v)
		}
		return d, nil
	}
	registerType(&psType{Name: "System.Decimal", Convert: dec, StaticProperty: func(_ *frame, name string) (any, bool) {
		switch strings.ToLower(name) {
		case "maxvalue":
			d, _ := value.ParseDecimal("79228162514264337593543950335")
			return d, true
		case "minvalue":
			d, _ := value.ParseDecimal("-79228162514264337593543950335")
			return d, true
		case "zero":
			return value.DecimalFromInt(0), true
		case "one":
			return value.DecimalFromInt(1), true
		}
		return nil, false
	}, StaticMethod: parseMethods("System.Decimal", dec)}, "decimal")
	registerType(&psType{Name: "System.Numerics.BigInteger", Convert: func(v any) (any, error) {
		return intKinds[1].convert(v) // keyhost's [bigint] is 64-bit
	}}, "bigint")
	registerType(&psType{Name: "System.Char", Convert: toChar, StaticProperty: func(_ *frame, name string) (any, bool) {
		switch strings.ToLower(name) {
		case "maxvalue":
			return value.Char(0xFFFF), true
		case "minvalue":
			return value.Char(0), true
		}
		return nil, false
	}, StaticMethod: charStatic}, "char")
}

// convert casts v to this integer type with .NET's rounding and range
// checks.
func (k intKind) convert(v any) (any, error) {
	if u, ok := v.(uint64); ok && k.unsigned64 {
		return u, nil
	}
	if s, ok := v.(string); ok {
		if strings.TrimSpace(s) == "" {
			return k.make(0), nil
		}
		if _, ok := value.ParseNumber(s); !ok {
			return nil, &value.ConversionError{Value: v, TypeName: k.name, ID: "InvalidCastFromStringToInteger",
				Reason: fmt.Sprintf("The input string '%s' was not in a correct format.", s)}
		}
	}
	if _, ok := v.(*value.Hashtable); ok {
		return nil, noConversion(v, k.name)
	}
	if items, ok := v.([]any); ok && len(items) != 1 {
		return nil, noConversion(v, k.name)
	}
	if !convertibleToNumber(v) {
		return nil, noConversion(v, k.name)
	}
	n, err := value.ToInt64(v)
	if err != nil {
		if f, ferr := value.ToFloat64(v); ferr == nil && k.unsigned64 && f >= 0 && f < 1.8446744073709552e19 {
			return uint64(math.RoundToEven(f)), nil
		}
		var ce *value.ConversionError
		if asConv(err, &ce) && strings.Contains(ce.Reason, "too large") {
			return nil, &value.ConversionError{Value: v, TypeName: k.name, Reason: k.tooBig}
		}
		return nil, retarget(err, k.name, v)
	}
	if n < k.min || n > k.max {
		return nil, &value.ConversionError{Value: v, TypeName: k.name, Reason: k.tooBig}
	}
	return k.make(n), nil
}

// convertibleToNumber reports whether a value has a numeric conversion:
// numbers, strings, booleans, chars, enums and $null.
func convertibleToNumber(v any) bool {
	switch x := v.(type) {
	case nil, string, bool, value.Char, value.Enum:
		return true
	case []any:
		return len(x) == 1 && convertibleToNumber(x[0])
	}
	return value.IsNumber(v) || value.IsNull(v)
}

// retarget rewrites a conversion error to name the target type.
func retarget(err error, typeName string, v any) error {
	var ce *value.ConversionError
	if asConv(err, &ce) {
		c := *ce
		c.TypeName = typeName
		c.Value = v
		return &c
	}
	return &value.ConversionError{Value: v, TypeName: typeName, Reason: err.Error()}
}

// parseDoubleString converts a string to [double]; PowerShell accepts the
// same forms as numeric literals.
func parseDoubleString(s string) (any, error) {
	if strings.TrimSpace(s) == "" {
		return float64(0), nil
	}
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "nan":
		return math.NaN(), nil
	case "infinity":
		return math.Inf(1), nil
	case "-infinity":
		return math.Inf(-1), nil
	}
	n, ok := value.ParseNumber(s)
	if !ok {
		return nil, &value.ConversionError{Value: s, TypeName: "System.Double", ID: "InvalidCastFromStringToDoubleOrSingle",
			Reason: fmt.Sprintf("The input string '%s' was not in a correct format.", s)}
	}
	f, _ := value.ToFloat64(n)
	return f, nil
}

// toChar is [char]: a one-character string, a code point, or a char.
func toChar(v any) (any, error) {
	switch x := v.(type) {
	case value.Char:
		return x, nil
	case nil:
		return value.Char(0), nil
	case string:
		rs := []rune(x)
		if len(rs) != 1 {
			return nil, &value.ConversionError{Value: v, TypeName: "System.Char", ID: "InvalidCastParseTargetInvocation", Reason: "String must be exactly one character long."}
		}
		return value.Char(rs[0]), nil
	}
	if value.IsNumber(v) {
		n, err := value.ToInt64(v)
		if err != nil || n < 0 || n > 0xFFFF {
			return nil, &value.ConversionError{Value: v, TypeName: "System.Char", Reason: "Value was either too large or too small for a character."}
		}
		return value.Char(rune(n)), nil
	}
	return nil, noConversion(v, "System.Char")
}

// parseMethods gives a numeric type its Parse and TryParse.
func parseMethods(typeName string, conv func(any) (any, error)) func(*frame, string, []any) (any, bool, error) {
	return func(f *frame, name string, args []any) (any, bool, error) {
		switch strings.ToLower(name) {
		case "parse":
			if len(args) < 1 {
				return nil, false, nil
			}
			s := value.ToString(args[0])
			out, err := conv(strings.TrimSpace(s))
			if err != nil {
				return nil, true, fmt.Errorf("The input string '%s' was not in a correct format.", s)
			}
			return out, true, nil
		case "tryparse":
			if len(args) != 2 {
				return nil, false, nil
			}
			ref, ok := args[1].(*Ref)
			if !ok {
				return nil, true, fmt.Errorf("Argument: '2' should be a System.Management.Automation.PSReference. Use [ref].")
			}
			out, err := conv(strings.TrimSpace(value.ToString(args[0])))
			if err != nil || value.IsNull(args[0]) {
				zero, _ := conv(int32(0))
				return false, true, ref.Set(zero)
			}
			return true, true, ref.Set(out)
		}
		return nil, false, nil
	}
}

// charStatic implements [char]'s static predicates.
func charStatic(_ *frame, name string, args []any) (any, bool, error) {
	if len(args) != 1 {
		return nil, false, nil
	}
	c, err := toChar(args[0])
	if err != nil {
		return nil, true, err
	}
	r := rune(c.(value.Char))
	switch strings.ToLower(name) {
	case "isdigit", "isnumber":
		return unicode.IsDigit(r), true, nil
	case "isletter":
		return unicode.IsLetter(r), true, nil
	case "isletterordigit":
		return unicode.IsLetter(r) || unicode.IsDigit(r), true, nil
	case "iswhitespace":
		return unicode.IsSpace(r), true, nil
	case "isupper":
		return unicode.IsUpper(r), true, nil
	case "islower":
		return unicode.IsLower(r), true, nil
	case "ispunctuation":
		return unicode.IsPunct(r), true, nil
	case "toupper":
		return value.Char(unicode.ToUpper(r)), true, nil
	case "tolower":
		return value.Char(unicode.ToLower(r)), true, nil
	}
	return nil, false, nil
}
