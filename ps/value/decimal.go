package value

import (
	"errors"
	"math"
	"math/big"
	"strconv"
	"strings"
)

// Decimal is System.Decimal: a base-10 number with up to 28 digits after
// the point. Like .NET it keeps its scale, so 1.50d renders as 1.50, and
// sums of tenths are exact (0.1d + 0.2d -eq 0.3d).
type Decimal struct {
	// coef is the unscaled value: the number is coef / 10^scale.
	coef  *big.Int
	scale int32
}

// maxDecimalScale is .NET's limit on digits after the decimal point.
const maxDecimalScale = 28

// decimalMax is 2^96-1, the largest coefficient a .NET decimal holds.
var decimalMax = new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 96), big.NewInt(1))

var bigTen = big.NewInt(10)

// errDecimalOverflow is .NET's OverflowException text for decimals.
var errDecimalOverflow = errors.New("Value was either too large or too small for a Decimal.")

// NewDecimal returns the decimal coef / 10^scale.
func NewDecimal(coef int64, scale int32) Decimal {
	return Decimal{coef: big.NewInt(coef), scale: scale}
}

// DecimalFromInt converts an integer exactly.
func DecimalFromInt(n int64) Decimal { return Decimal{coef: big.NewInt(n)} }

// DecimalFromFloat converts a double the way Convert.ToDecimal does: to at
// most 15 significant digits, so [decimal]0.1 is 0.1.
func DecimalFromFloat(f float64) (Decimal, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) || math.Abs(f) > 7.9228162514264337593543950335e28 {
		return Decimal{}, errDecimalOverflow
	}
	d, ok := ParseDecimal(strconv.FormatFloat(f, 'g', 15, 64))
	if !ok {
		return Decimal{}, errDecimalOverflow
	}
	return d.trimZeros(0), nil
}

// ParseDecimal parses decimal text: an optional sign, digits with an
// optional point, and an optional exponent.
func ParseDecimal(s string) (Decimal, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Decimal{}, false
	}
	exp := 0
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		e, err := strconv.Atoi(s[i+1:])
		if err != nil {
			return Decimal{}, false
		}
		exp = e
		s = s[:i]
	}
	neg := false
	if s[0] == '+' || s[0] == '-' {
		neg = s[0] == '-'
		s = s[1:]
	}
	whole, frac, _ := strings.Cut(s, ".")
	digits := whole + frac
	if digits == "" {
		return Decimal{}, false
	}
	for _, c := range digits {
		if c < '0' || c > '9' {
			return Decimal{}, false
		}
	}
	coef, _ := new(big.Int).SetString(digits, 10)
	scale := len(frac) - exp
	if scale < 0 {
		coef.Mul(coef, pow10(-scale))
		scale = 0
	}
	if neg {
		coef.Neg(coef)
	}
	d := Decimal{coef: coef, scale: int32(scale)}
	if scale > maxDecimalScale {
		d = d.round(maxDecimalScale)
	}
	if d.overflows() {
		return Decimal{}, false
	}
	return d, true
}

func pow10(n int) *big.Int { return new(big.Int).Exp(bigTen, big.NewInt(int64(n)), nil) }

func (d Decimal) c() *big.Int {
	if d.coef == nil {
		return new(big.Int)
	}
	return d.coef
}

func (d Decimal) overflows() bool { return new(big.Int).Abs(d.c()).Cmp(decimalMax) > 0 }

// round rounds to the given scale with banker's rounding, as .NET does.
func (d Decimal) round(scale int32) Decimal {
	if d.scale <= scale {
		return d
	}
	div := pow10(int(d.scale - scale))
	q, r := new(big.Int).QuoRem(d.c(), div, new(big.Int))
	twice := new(big.Int).Mul(new(big.Int).Abs(r), big.NewInt(2))
	cmp := twice.Cmp(div)
	if cmp > 0 || (cmp == 0 && q.Bit(0) == 1) {
		if d.c().Sign() < 0 {
			q.Sub(q, big.NewInt(1))
		} else {
			q.Add(q, big.NewInt(1))
		}
	}
	return Decimal{coef: q, scale: scale}
}

// Round rounds to digits places after the point (banker's rounding).
func (d Decimal) Round(digits int) Decimal { return d.round(int32(digits)) }

// RoundAwayFromZero rounds to digits places, halves away from zero.
func (d Decimal) RoundAwayFromZero(digits int) Decimal {
	if d.scale <= int32(digits) {
		return d
	}
	div := pow10(int(d.scale - int32(digits)))
	q, r := new(big.Int).QuoRem(d.c(), div, new(big.Int))
	twice := new(big.Int).Mul(new(big.Int).Abs(r), big.NewInt(2))
	if twice.Cmp(div) >= 0 {
		if d.c().Sign() < 0 {
			q.Sub(q, big.NewInt(1))
		} else {
			q.Add(q, big.NewInt(1))
		}
	}
	return Decimal{coef: q, scale: int32(digits)}
}

// Truncate drops the digits after the point.
func (d Decimal) Truncate() Decimal {
	if d.scale == 0 {
		return d
	}
	return Decimal{coef: new(big.Int).Quo(d.c(), pow10(int(d.scale)))}
}

// trimZeros removes trailing zeros after the point down to min scale.
func (d Decimal) trimZeros(min int32) Decimal {
	c := new(big.Int).Set(d.c())
	s := d.scale
	r := new(big.Int)
	for s > min {
		q, m := new(big.Int).QuoRem(c, bigTen, r)
		if m.Sign() != 0 {
			break
		}
		c = q
		s--
	}
	return Decimal{coef: c, scale: s}
}

// align returns both coefficients at the larger of the two scales.
func align(a, b Decimal) (*big.Int, *big.Int, int32) {
	switch {
	case a.scale == b.scale:
		return a.c(), b.c(), a.scale
	case a.scale > b.scale:
		return a.c(), new(big.Int).Mul(b.c(), pow10(int(a.scale-b.scale))), a.scale
	}
	return new(big.Int).Mul(a.c(), pow10(int(b.scale-a.scale))), b.c(), b.scale
}

// Add returns d + o.
func (d Decimal) Add(o Decimal) (Decimal, error) {
	x, y, s := align(d, o)
	return checkDecimal(Decimal{coef: new(big.Int).Add(x, y), scale: s})
}

// Sub returns d - o.
func (d Decimal) Sub(o Decimal) (Decimal, error) {
	x, y, s := align(d, o)
	return checkDecimal(Decimal{coef: new(big.Int).Sub(x, y), scale: s})
}

// Mul returns d * o.
func (d Decimal) Mul(o Decimal) (Decimal, error) {
	r := Decimal{coef: new(big.Int).Mul(d.c(), o.c()), scale: d.scale + o.scale}
	if r.scale > maxDecimalScale {
		r = r.round(maxDecimalScale)
	}
	return checkDecimal(r)
}

// Div returns d / o with up to 28 digits after the point and no trailing
// zeros beyond what the operands need.
func (d Decimal) Div(o Decimal) (Decimal, error) {
	if o.c().Sign() == 0 {
		return Decimal{}, errors.New("Attempted to divide by zero.")
	}
	// Compute with a few guard digits, then round to 28 places.
	const work = maxDecimalScale + 4
	num := new(big.Int).Mul(d.c(), pow10(work+int(o.scale)))
	den := new(big.Int).Mul(o.c(), pow10(int(d.scale)))
	q := new(big.Int).Quo(num, den)
	r := Decimal{coef: q, scale: work}.round(maxDecimalScale)
	// Keep at most 28 significant digits overall, as .NET's 96-bit
	// coefficient does.
	for r.scale > 0 && len(new(big.Int).Abs(r.c()).String()) > 29 {
		r = r.round(r.scale - 1)
	}
	return checkDecimal(r.trimZeros(0))
}

// Rem returns d % o (sign of the dividend, as in .NET).
func (d Decimal) Rem(o Decimal) (Decimal, error) {
	if o.c().Sign() == 0 {
		return Decimal{}, errors.New("Attempted to divide by zero.")
	}
	x, y, s := align(d, o)
	return checkDecimal(Decimal{coef: new(big.Int).Rem(x, y), scale: s})
}

// Neg returns -d.
func (d Decimal) Neg() Decimal { return Decimal{coef: new(big.Int).Neg(d.c()), scale: d.scale} }

func checkDecimal(d Decimal) (Decimal, error) {
	if d.overflows() {
		return Decimal{}, errDecimalOverflow
	}
	return d, nil
}

// Cmp compares d with o: -1, 0 or 1.
func (d Decimal) Cmp(o Decimal) int {
	x, y, _ := align(d, o)
	return x.Cmp(y)
}

// Sign returns -1, 0 or 1.
func (d Decimal) Sign() int { return d.c().Sign() }

// Float64 converts to a double.
func (d Decimal) Float64() float64 {
	r := new(big.Rat).SetFrac(d.c(), pow10(int(d.scale)))
	f, _ := r.Float64()
	return f
}

// Int64 converts to an integer with banker's rounding; ok is false when
// the value does not fit.
func (d Decimal) Int64() (int64, bool) {
	r := d.round(0)
	if !r.c().IsInt64() {
		return 0, false
	}
	return r.c().Int64(), true
}

// Scale is the number of digits after the point.
func (d Decimal) Scale() int { return int(d.scale) }

// String renders the decimal with its scale under the invariant culture.
func (d Decimal) String() string {
	s := new(big.Int).Abs(d.c()).String()
	neg := d.c().Sign() < 0
	if d.scale > 0 {
		for len(s) <= int(d.scale) {
			s = "0" + s
		}
		s = s[:len(s)-int(d.scale)] + "." + s[len(s)-int(d.scale):]
	}
	if neg {
		s = "-" + s
	}
	return s
}

// TypeNames implements Object.
func (d Decimal) TypeNames() []string {
	return []string{"System.Decimal", "System.ValueType", "System.Object"}
}

// Property implements Object.
func (d Decimal) Property(string) (any, bool) { return nil, false }

// PropertyNames implements Object.
func (d Decimal) PropertyNames() []string { return nil }
