package lexer

import (
	"math"
	"math/big"
	"strconv"

	"github.com/keyhost/keyhost/ps/ast"
	"github.com/keyhost/keyhost/ps/token"
)

// numberFormat is the base a number literal is written in.
type numberFormat int

const (
	formatDecimal numberFormat = iota
	formatHex
	formatBinary
)

// suffix flags, combined as in PowerShell: u+l is ulong, u+y is byte.
const (
	sfxNone     = 0
	sfxUnsigned = 1 << iota
	sfxSignedByte
	sfxShort
	sfxLong
	sfxDecimal
	sfxBigInteger
)

// numberSpec is what the scanner found in a number literal.
type numberSpec struct {
	digits string // sign and digits, '-' for any dash; hex/binary without prefix
	format numberFormat
	suffix int
	real   bool
	mult   int64
}

// scanNumber scans a number starting at l.start. When the text is not a
// number after all ("7z", "2+2" in command mode) it is rescanned as a
// bareword; a number that does not fit its type is an error in expression
// mode and a bareword otherwise.
func (l *Lexer) scanNumber() Token {
	l.pos = l.start
	spec, ok := l.scanNumberSpec()
	if !ok {
		return l.scanGeneric()
	}
	kind, val, ok := numberValue(spec)
	if !ok {
		if !l.inExpressionMode() {
			return l.scanGeneric()
		}
		l.errorf(l.pos, ErrBadNumericConstant, l.src[l.start:l.pos])
		kind, val = ast.Int32Number, int32(0)
	}
	t := l.newToken(token.Number)
	t.NumKind, t.Num = kind, val
	return t
}

// scanNumberDigitOnly returns the single digit before '>' as a number,
// which is what "2>" is in expression mode.
func (l *Lexer) scanNumberDigitOnly() Token {
	c := l.read()
	t := l.newToken(token.Number)
	t.NumKind, t.Num = ast.Int32Number, int32(c-'0')
	return t
}

// scanNumberSpec scans the characters of a number. ok is false when they
// do not make a number.
func (l *Lexer) scanNumberSpec() (numberSpec, bool) {
	spec := numberSpec{mult: 1}
	var sb []byte
	notNumber := false
	c := l.peek()
	if isDash(c) || c == '+' {
		if c == '+' {
			sb = append(sb, '+')
		} else {
			sb = append(sb, '-')
		}
		l.advance()
		c = l.peek()
	}
	switch {
	case c == '.':
		l.advance()
		sb = append(sb, '.')
		sb = l.scanAfterDot(sb, &notNumber)
		spec.real = true
	case c == '0' && (l.peekAt(1) == 'x' || l.peekAt(1) == 'X'):
		l.advance()
		l.advance()
		spec.format = formatHex
		n := len(sb)
		for isHexDigit(l.peek()) {
			sb = append(sb, byte(l.read()))
		}
		if len(sb) == n {
			notNumber = true
		}
	case c == '0' && (l.peekAt(1) == 'b' || l.peekAt(1) == 'B'):
		l.advance()
		l.advance()
		spec.format = formatBinary
		n := len(sb)
		for isBinaryDigit(l.peek()) {
			sb = append(sb, byte(l.read()))
		}
		if len(sb) == n {
			notNumber = true
		}
	case isDecimalDigit(c):
		for isDecimalDigit(l.peek()) {
			sb = append(sb, byte(l.read()))
		}
		switch l.peek() {
		case '.':
			// "1..5" is a range: leave both dots alone.
			if l.peekAt(1) != '.' {
				l.advance()
				sb = append(sb, '.')
				spec.real = true
				sb = l.scanAfterDot(sb, &notNumber)
			}
		case 'e', 'E':
			l.advance()
			sb = append(sb, 'e')
			spec.real = true
			sb = l.scanExponent(sb, &notNumber)
		}
	default:
		notNumber = true
	}

	c = l.peek()
	if isTypeSuffix(c) {
		l.advance()
		switch c {
		case 'u', 'U':
			spec.suffix = sfxUnsigned
		case 's', 'S':
			spec.suffix = sfxShort
		case 'l', 'L':
			spec.suffix = sfxLong
		case 'd', 'D':
			spec.suffix = sfxDecimal
		case 'y', 'Y':
			spec.suffix = sfxSignedByte
		case 'n', 'N':
			spec.suffix = sfxBigInteger
		}
		c = l.peek()
		if isTypeSuffix(c) {
			l.advance()
			if spec.suffix != sfxUnsigned {
				notNumber = true
			}
			switch c {
			case 'l', 'L':
				spec.suffix |= sfxLong
			case 's', 'S':
				spec.suffix |= sfxShort
			case 'y', 'Y':
				spec.suffix |= sfxSignedByte
			default:
				notNumber = true
			}
			c = l.peek()
		}
	}
	if isMultiplierStart(c) {
		l.advance()
		switch c {
		case 'k', 'K':
			spec.mult = 1 << 10
		case 'm', 'M':
			spec.mult = 1 << 20
		case 'g', 'G':
			spec.mult = 1 << 30
		case 't', 'T':
			spec.mult = 1 << 40
		case 'p', 'P':
			spec.mult = 1 << 50
		}
		if c1 := l.peek(); c1 == 'b' || c1 == 'B' {
			l.advance()
			c = l.peek()
		} else {
			notNumber = true
		}
	}
	if !forceStartNewToken(c) {
		if !l.inExpressionMode() || !forceStartNewTokenAfterNumber(c, l.EndNumberOnTernary) {
			notNumber = true
		}
	}
	if notNumber {
		return spec, false
	}
	spec.digits = string(sb)
	return spec, true
}

// scanAfterDot scans the digits after a decimal point and an exponent.
func (l *Lexer) scanAfterDot(sb []byte, notNumber *bool) []byte {
	for isDecimalDigit(l.peek()) {
		sb = append(sb, byte(l.read()))
	}
	if c := l.peek(); c == 'e' || c == 'E' {
		l.advance()
		sb = append(sb, 'e')
		sb = l.scanExponent(sb, notNumber)
	}
	return sb
}

// scanExponent scans the sign and digits of an exponent.
func (l *Lexer) scanExponent(sb []byte, notNumber *bool) []byte {
	if c := l.peek(); c == '+' || isDash(c) {
		l.advance()
		if c == '+' {
			sb = append(sb, '+')
		} else {
			sb = append(sb, '-')
		}
	}
	n := len(sb)
	for isDecimalDigit(l.peek()) {
		sb = append(sb, byte(l.read()))
	}
	if len(sb) == n {
		*notNumber = true
	}
	return sb
}

// decimalMax is the largest .NET decimal, 2^96-1.
var decimalMax = new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 96), big.NewInt(1))

// numberValue computes the value and type of a scanned number the way
// PowerShell does: an unsuffixed integer takes the first of int32, int64,
// decimal and double that holds it; a suffix forces its type.
func numberValue(spec numberSpec) (ast.NumberKind, any, bool) {
	if spec.real {
		return realValue(spec)
	}
	digits := spec.digits
	neg := false
	if len(digits) > 0 && (digits[0] == '-' || digits[0] == '+') {
		neg = digits[0] == '-'
		digits = digits[1:]
	}
	if digits == "" {
		return 0, nil, false
	}
	v := new(big.Int)
	switch spec.format {
	case formatHex:
		if _, ok := v.SetString(digits, 16); !ok {
			return 0, nil, false
		}
		// Without the u suffix, a literal of 8, 16, ... hex digits has a
		// sign bit: 0xFFFFFFFF is -1.
		if spec.suffix&sfxUnsigned == 0 && len(digits)%8 == 0 && digits[0] >= '8' {
			v.Sub(v, new(big.Int).Lsh(big.NewInt(1), uint(4*len(digits))))
		}
		if len(digits) == 16 && (spec.suffix == sfxNone || spec.suffix == sfxUnsigned) {
			spec.suffix |= sfxLong
		}
	case formatBinary:
		if _, ok := v.SetString(digits, 2); !ok {
			return 0, nil, false
		}
		n := len(digits)
		if spec.suffix&sfxUnsigned == 0 && digits[0] == '1' && (n == 32 || n == 64 || n == 96 || n >= 128) {
			v.Sub(v, new(big.Int).Lsh(big.NewInt(1), uint(n)))
		}
		if n == 64 && (spec.suffix == sfxNone || spec.suffix == sfxUnsigned) {
			spec.suffix |= sfxLong
		}
	default:
		if _, ok := v.SetString(digits, 10); !ok {
			return 0, nil, false
		}
	}
	if neg {
		v.Neg(v)
	}
	v.Mul(v, big.NewInt(spec.mult))
	return intValue(v, spec)
}

// intValue fits an integer into the type its suffix asks for.
func intValue(v *big.Int, spec numberSpec) (ast.NumberKind, any, bool) {
	fits := func(lo, hi int64) bool {
		return v.IsInt64() && v.Int64() >= lo && v.Int64() <= hi
	}
	fitsU := func(hi uint64) bool { return v.Sign() >= 0 && v.IsUint64() && v.Uint64() <= hi }
	switch spec.suffix {
	case sfxNone:
		if fits(math.MinInt32, math.MaxInt32) {
			return ast.Int32Number, int32(v.Int64()), true
		}
		if v.IsInt64() {
			return ast.Int64Number, v.Int64(), true
		}
		if spec.format != formatDecimal {
			return 0, nil, false
		}
		if new(big.Int).Abs(v).Cmp(decimalMax) <= 0 {
			f, _ := new(big.Float).SetInt(v).Float64()
			return ast.DecimalNumber, f, true
		}
		f, _ := new(big.Float).SetInt(v).Float64()
		return ast.DoubleNumber, f, true
	case sfxSignedByte:
		if fits(math.MinInt8, math.MaxInt8) {
			return ast.SByteNumber, int8(v.Int64()), true
		}
	case sfxUnsigned | sfxSignedByte:
		if fitsU(math.MaxUint8) {
			return ast.ByteNumber, uint8(v.Uint64()), true
		}
	case sfxShort:
		if fits(math.MinInt16, math.MaxInt16) {
			return ast.Int16Number, int16(v.Int64()), true
		}
	case sfxUnsigned | sfxShort:
		if fitsU(math.MaxUint16) {
			return ast.UInt16Number, uint16(v.Uint64()), true
		}
	case sfxLong:
		if v.IsInt64() {
			return ast.Int64Number, v.Int64(), true
		}
	case sfxUnsigned:
		if fitsU(math.MaxUint32) {
			return ast.UInt32Number, uint32(v.Uint64()), true
		}
		if fitsU(math.MaxUint64) {
			return ast.UInt64Number, v.Uint64(), true
		}
	case sfxUnsigned | sfxLong:
		if fitsU(math.MaxUint64) {
			return ast.UInt64Number, v.Uint64(), true
		}
	case sfxDecimal:
		if new(big.Int).Abs(v).Cmp(decimalMax) <= 0 {
			f, _ := new(big.Float).SetInt(v).Float64()
			return ast.DecimalNumber, f, true
		}
	case sfxBigInteger:
		return ast.BigIntegerNumber, v, true
	}
	return 0, nil, false
}

// realValue computes a number written with a decimal point or exponent.
func realValue(spec numberSpec) (ast.NumberKind, any, bool) {
	f, err := strconv.ParseFloat(spec.digits, 64)
	if err != nil {
		if ne, ok := err.(*strconv.NumError); !ok || ne.Err != strconv.ErrRange {
			return 0, nil, false
		}
	}
	f *= float64(spec.mult)
	switch spec.suffix {
	case sfxNone:
		return ast.DoubleNumber, f, true
	case sfxDecimal:
		if math.IsInf(f, 0) || math.Abs(f) > 7.9228162514264337593543950335e28 {
			return 0, nil, false
		}
		return ast.DecimalNumber, f, true
	}
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, nil, false
	}
	// PowerShell converts the double to an integer (truncating) and then
	// checks that it fits the suffix's type.
	bf := big.NewFloat(math.Trunc(f))
	v, _ := bf.Int(nil)
	return intValue(v, spec)
}
