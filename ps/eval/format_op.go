package eval

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/keyhost/keyhost/ps/value"
)

// formatOperator implements -f and [string]::Format: .NET composite
// formatting with {index[,alignment][:format]} items under the invariant
// culture.
func formatOperator(format string, args []any) (string, error) {
	var b strings.Builder
	for i := 0; i < len(format); i++ {
		c := format[i]
		switch c {
		case '{':
			if i+1 < len(format) && format[i+1] == '{' {
				b.WriteByte('{')
				i++
				continue
			}
			end := strings.IndexByte(format[i:], '}')
			if end < 0 {
				return "", fmt.Errorf("Error formatting a string: Input string was not in a correct format..")
			}
			item := format[i+1 : i+end]
			i += end
			s, err := formatItem(item, args)
			if err != nil {
				return "", err
			}
			b.WriteString(s)
		case '}':
			if i+1 < len(format) && format[i+1] == '}' {
				b.WriteByte('}')
				i++
				continue
			}
			return "", fmt.Errorf("Error formatting a string: Input string was not in a correct format..")
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), nil
}

// formatItem formats one {index,alignment:format} item.
func formatItem(item string, args []any) (string, error) {
	spec := ""
	if k := strings.IndexByte(item, ':'); k >= 0 {
		item, spec = item[:k], item[k+1:]
	}
	align := 0
	if k := strings.IndexByte(item, ','); k >= 0 {
		a, err := strconv.Atoi(strings.TrimSpace(item[k+1:]))
		if err != nil {
			return "", fmt.Errorf("Error formatting a string: Input string was not in a correct format..")
		}
		align = a
		item = item[:k]
	}
	idx, err := strconv.Atoi(strings.TrimSpace(item))
	if err != nil {
		return "", fmt.Errorf("Error formatting a string: Input string was not in a correct format..")
	}
	if idx < 0 || idx >= len(args) {
		return "", fmt.Errorf("Error formatting a string: Index (zero based) must be greater than or equal to zero and less than the size of the argument list..")
	}
	s := formatValue(args[idx], spec)
	if n := len([]rune(s)); align > 0 && n < align {
		s = strings.Repeat(" ", align-n) + s
	} else if align < 0 && n < -align {
		s += strings.Repeat(" ", -align-n)
	}
	return s, nil
}

// formatValue applies a .NET format string to a value.
func formatValue(v any, spec string) string {
	if spec == "" || !value.IsNumber(v) {
		return value.ToString(v)
	}
	return FormatNumber(v, spec)
}

// FormatNumber formats a number with a standard (N2, D3, F1, P0, X4, E,
// G) or simple custom (0.00, #,##0) .NET format string, invariant culture.
func FormatNumber(v any, spec string) string {
	f, _ := value.ToFloat64(v)
	i, isInt := asInt(v)
	kind := spec[0]
	digits := -1
	if len(spec) > 1 {
		if d, err := strconv.Atoi(spec[1:]); err == nil {
			digits = d
		} else {
			return customFormat(f, spec)
		}
	}
	switch kind {
	case 'N', 'n':
		if digits < 0 {
			digits = 2
		}
		return groupThousands(strconv.FormatFloat(roundHalfAway(f, digits), 'f', digits, 64))
	case 'F', 'f':
		if digits < 0 {
			digits = 2
		}
		return strconv.FormatFloat(roundHalfAway(f, digits), 'f', digits, 64)
	case 'C', 'c':
		// Currency under en-US: $1,234.50, and -$1,234.50 (.NET on ICU).
		if digits < 0 {
			digits = 2
		}
		s := groupThousands(strconv.FormatFloat(roundHalfAway(math.Abs(f), digits), 'f', digits, 64))
		if f < 0 && strings.Trim(s, "0.,") != "" {
			return "-$" + s
		}
		return "$" + s
	case 'D', 'd':
		if !isInt {
			return value.ToString(v)
		}
		s := strconv.FormatInt(abs64(i), 10)
		if digits > len(s) {
			s = strings.Repeat("0", digits-len(s)) + s
		}
		if i < 0 {
			s = "-" + s
		}
		return s
	case 'X', 'x':
		if !isInt {
			return value.ToString(v)
		}
		u := uint64(i)
		if _, is32 := v.(int32); is32 {
			u = uint64(uint32(i))
		}
		s := strconv.FormatUint(u, 16)
		if kind == 'X' {
			s = strings.ToUpper(s)
		}
		if digits > len(s) {
			s = strings.Repeat("0", digits-len(s)) + s
		}
		return s
	case 'P', 'p':
		if digits < 0 {
			digits = 2
		}
		return groupThousands(strconv.FormatFloat(roundHalfAway(f*100, digits), 'f', digits, 64)) + " %"
	case 'E', 'e':
		if digits < 0 {
			digits = 6
		}
		s := strconv.FormatFloat(f, 'e', digits, 64)
		mant, exp, _ := strings.Cut(s, "e")
		sign := exp[0]
		num := strings.TrimLeft(exp[1:], "0")
		for len(num) < 3 {
			num = "0" + num
		}
		e := "e"
		if kind == 'E' {
			e = "E"
		}
		return mant + e + string(sign) + num
	case 'G', 'g':
		return value.ToString(v)
	}
	return customFormat(f, spec)
}

// customFormat handles the common custom numeric formats: zeros and #
// placeholders, a decimal point and a thousands separator.
func customFormat(f float64, spec string) string {
	intPart, fracPart, _ := strings.Cut(spec, ".")
	decimals := strings.Count(fracPart, "0") + strings.Count(fracPart, "#")
	minDecimals := strings.Count(fracPart, "0")
	minInt := strings.Count(intPart, "0")
	s := strconv.FormatFloat(roundHalfAway(f, decimals), 'f', decimals, 64)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	for len(frac) > minDecimals && strings.HasSuffix(frac, "0") {
		frac = frac[:len(frac)-1]
	}
	for len(whole) < minInt {
		whole = "0" + whole
	}
	if minInt == 0 && whole == "0" {
		whole = ""
	}
	if strings.Contains(intPart, ",") {
		whole = groupThousands(whole)
	}
	out := whole
	if frac != "" {
		out += "." + frac
	}
	if neg && strings.Trim(out, "0.,") != "" {
		out = "-" + out
	}
	return out
}

// roundHalfAway rounds to the given decimals away from zero, as .NET's
// numeric formatting does (unlike the banker's rounding of casts).
func roundHalfAway(f float64, digits int) float64 {
	p := math.Pow(10, float64(digits))
	return math.Round(f*p) / p
}

// groupThousands inserts thousands separators into a formatted number.
func groupThousands(s string) string {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	out := b.String()
	if hasFrac {
		out += "." + frac
	}
	if neg {
		out = "-" + out
	}
	return out
}

func abs64(i int64) int64 {
	if i < 0 {
		return -i
	}
	return i
}
