package eval

import (
	"fmt"
	"math"
	"strings"

	"github.com/keyhost/keyhost/ps/value"
)

// [math]: System.Math's static members, keeping .NET's result types
// ([math]::Abs of an int is an int, of a decimal a decimal; Floor of a
// double a double).

func init() {
	registerType(&psType{Name: "System.Math", StaticProperty: func(_ *frame, name string) (any, bool) {
		switch strings.ToLower(name) {
		case "pi":
			return math.Pi, true
		case "e":
			return math.E, true
		case "tau":
			return 2 * math.Pi, true
		}
		return nil, false
	}, StaticMethod: mathMethod}, "math")
}

// mathMethod implements [math]::Name(args).
func mathMethod(_ *frame, name string, args []any) (any, bool, error) {
	n := len(args)
	num := func(i int) (float64, error) { return value.ToFloat64(args[i]) }
	lower := strings.ToLower(name)
	switch lower {
	case "round":
		if n < 1 || n > 3 {
			return nil, false, nil
		}
		return mathRound(args)
	case "floor", "ceiling", "truncate":
		if n != 1 {
			return nil, false, nil
		}
		if d, ok := args[0].(value.Decimal); ok {
			switch lower {
			case "truncate":
				return d.Truncate(), true, nil
			case "floor":
				t := d.Truncate()
				if d.Sign() < 0 && t.Cmp(d) != 0 {
					t, _ = t.Sub(value.DecimalFromInt(1))
				}
				return t, true, nil
			}
			t := d.Truncate()
			if d.Sign() > 0 && t.Cmp(d) != 0 {
				t, _ = t.Add(value.DecimalFromInt(1))
			}
			return t, true, nil
		}
		x, err := num(0)
		if err != nil {
			return nil, true, err
		}
		switch lower {
		case "floor":
			return math.Floor(x), true, nil
		case "ceiling":
			return math.Ceil(x), true, nil
		}
		return math.Trunc(x), true, nil
	case "abs":
		if n != 1 {
			return nil, false, nil
		}
		switch x := args[0].(type) {
		case int32:
			if x == math.MinInt32 {
				return nil, true, fmt.Errorf("Negating the minimum value of a twos complement number is invalid.")
			}
			if x < 0 {
				return -x, true, nil
			}
			return x, true, nil
		case int64:
			if x < 0 {
				return -x, true, nil
			}
			return x, true, nil
		case value.Decimal:
			if x.Sign() < 0 {
				return x.Neg(), true, nil
			}
			return x, true, nil
		}
		x, err := num(0)
		if err != nil {
			return nil, true, err
		}
		return math.Abs(x), true, nil
	case "sign":
		if n != 1 {
			return nil, false, nil
		}
		x, err := num(0)
		if err != nil {
			return nil, true, err
		}
		switch {
		case x > 0:
			return int32(1), true, nil
		case x < 0:
			return int32(-1), true, nil
		}
		return int32(0), true, nil
	case "max", "min":
		if n != 2 {
			return nil, false, nil
		}
		if !value.IsNumber(args[0]) || !value.IsNumber(args[1]) {
			a, err := num(0)
			if err != nil {
				return nil, true, err
			}
			b, err := num(1)
			if err != nil {
				return nil, true, err
			}
			if lower == "max" {
				return math.Max(a, b), true, nil
			}
			return math.Min(a, b), true, nil
		}
		c, err := value.Compare(args[0], args[1], false)
		if err != nil {
			return nil, true, err
		}
		if (lower == "max") == (c >= 0) {
			return widenPair(args[0], args[1], args[0]), true, nil
		}
		return widenPair(args[0], args[1], args[1]), true, nil
	case "clamp":
		if n != 3 {
			return nil, false, nil
		}
		if c, _ := value.Compare(args[0], args[1], false); c < 0 {
			return args[1], true, nil
		}
		if c, _ := value.Compare(args[0], args[2], false); c > 0 {
			return args[2], true, nil
		}
		return args[0], true, nil
	case "pow", "atan2", "ieeeremainder":
		if n != 2 {
			return nil, false, nil
		}
		a, err := num(0)
		if err != nil {
			return nil, true, err
		}
		b, err := num(1)
		if err != nil {
			return nil, true, err
		}
		switch lower {
		case "pow":
			return math.Pow(a, b), true, nil
		case "atan2":
			return math.Atan2(a, b), true, nil
		}
		return math.Remainder(a, b), true, nil
	case "log":
		if n == 2 {
			a, err := num(0)
			if err != nil {
				return nil, true, err
			}
			b, err := num(1)
			if err != nil {
				return nil, true, err
			}
			return math.Log(a) / math.Log(b), true, nil
		}
		fallthrough
	case "sqrt", "log10", "log2", "exp", "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "cbrt":
		if n != 1 {
			return nil, false, nil
		}
		x, err := num(0)
		if err != nil {
			return nil, true, err
		}
		fn := map[string]func(float64) float64{
			"sqrt": math.Sqrt, "log": math.Log, "log10": math.Log10, "log2": math.Log2, "exp": math.Exp,
			"sin": math.Sin, "cos": math.Cos, "tan": math.Tan, "asin": math.Asin, "acos": math.Acos, "atan": math.Atan,
			"sinh": math.Sinh, "cosh": math.Cosh, "tanh": math.Tanh, "cbrt": math.Cbrt,
		}[lower]
		return fn(x), true, nil
	case "divrem":
		if n != 2 {
			return nil, false, nil
		}
		a, err := value.ToInt64(args[0])
		if err != nil {
			return nil, true, err
		}
		b, err := value.ToInt64(args[1])
		if err != nil {
			return nil, true, err
		}
		if b == 0 {
			return nil, true, fmt.Errorf("Attempted to divide by zero.")
		}
		return []any{widen(a/b, false, 0), widen(a%b, false, 0)}, true, nil
	case "bigmul":
		if n != 2 {
			return nil, false, nil
		}
		a, err := value.ToInt64(args[0])
		if err != nil {
			return nil, true, err
		}
		b, err := value.ToInt64(args[1])
		if err != nil {
			return nil, true, err
		}
		return a * b, true, nil
	}
	return nil, false, nil
}

// widenPair returns pick converted to the wider of two numeric operand
// types, as .NET's overload resolution for Max/Min does.
func widenPair(a, b, pick any) any {
	_, aFloat := a.(float64)
	_, bFloat := b.(float64)
	if aFloat || bFloat {
		f, _ := value.ToFloat64(pick)
		return f
	}
	_, aLong := a.(int64)
	_, bLong := b.(int64)
	if aLong || bLong {
		i, _ := value.ToInt64(pick)
		return i
	}
	return pick
}

// mathRound is [math]::Round(value[, digits][, mode]): banker's rounding
// by default, MidpointRounding.AwayFromZero on request; decimals stay
// decimals.
func mathRound(args []any) (any, bool, error) {
	digits := 0
	away := false
	for _, a := range args[1:] {
		switch x := a.(type) {
		case value.Enum:
			away = strings.EqualFold(x.String(), "AwayFromZero")
		case string:
			e, err := midpointRoundingType.Parse(x)
			if err == nil {
				away = e.String() == "AwayFromZero"
				continue
			}
			d, err2 := value.ToInt32(x)
			if err2 != nil {
				return nil, true, err
			}
			digits = int(d)
		default:
			d, err := value.ToInt32(a)
			if err != nil {
				return nil, true, err
			}
			digits = int(d)
		}
	}
	if digits < 0 || digits > 15 {
		return nil, true, fmt.Errorf("Rounding digits must be between 0 and 15, inclusive. (Parameter 'digits')")
	}
	if d, ok := args[0].(value.Decimal); ok {
		if away {
			return d.RoundAwayFromZero(digits), true, nil
		}
		return d.Round(digits), true, nil
	}
	x, err := value.ToFloat64(args[0])
	if err != nil {
		return nil, true, err
	}
	p := math.Pow(10, float64(digits))
	scaled := x * p
	// Undo the representation error of x*p before deciding a midpoint
	// (2.675 is 2.67499999... as a double; .NET rounds it to 2.67 too).
	var r float64
	if away {
		r = math.Round(scaled)
	} else {
		r = math.RoundToEven(scaled)
	}
	return r / p, true, nil
}
