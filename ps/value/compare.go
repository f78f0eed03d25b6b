package value

import (
	"fmt"
	"strings"
)

// Equaler is implemented by objects that define equality beyond identity
// (two PowerCLI objects for the same managed object are equal).
type Equaler interface {
	EqualTo(other any) bool
}

// Equals compares two values the way -eq does: the right operand is
// converted to the type of the left one. Strings compare without regard to
// case unless caseSensitive is set. A failed conversion means "not equal".
func Equals(left, right any, caseSensitive bool) bool {
	if IsNull(left) {
		return IsNull(right)
	}
	if IsNull(right) {
		return false // a value never equals $null ('' -eq $null is false)
	}
	switch l := left.(type) {
	case string:
		r := ToString(right)
		if caseSensitive {
			return l == r
		}
		return strings.EqualFold(l, r)
	case Char:
		r := ToString(right)
		if caseSensitive {
			return string(rune(l)) == r
		}
		return strings.EqualFold(string(rune(l)), r)
	case bool:
		return l == ToBool(right)
	case Equaler:
		return l.EqualTo(right)
	}
	if IsNumber(left) {
		rn, err := ToNumber(right)
		if err != nil {
			return false
		}
		c, err := compareNumbers(left, rn)
		return err == nil && c == 0
	}
	if eqr, ok := right.(Equaler); ok {
		return eqr.EqualTo(left)
	}
	return sameObject(left, right)
}

// sameObject is reference equality for reference types.
func sameObject(a, b any) bool {
	defer func() { _ = recover() }() // uncomparable dynamic types are simply unequal
	switch x := a.(type) {
	case []any:
		y, ok := b.([]any)
		return ok && len(x) == len(y) && (len(x) == 0 || &x[0] == &y[0])
	}
	return a == b
}

// Compare orders two values the way -lt/-gt do, converting the right
// operand to the left operand's type. It returns -1, 0 or 1, or an error
// when the values cannot be compared.
func Compare(left, right any, caseSensitive bool) (int, error) {
	if IsNull(left) {
		if IsNull(right) {
			return 0, nil
		}
		return -1, nil
	}
	if IsNull(right) {
		return 1, nil
	}
	if c, ok := left.(Char); ok {
		left = string(rune(c))
	}
	switch l := left.(type) {
	case string:
		r := ToString(right)
		if !caseSensitive {
			l, r = strings.ToLower(l), strings.ToLower(r)
		}
		return strings.Compare(l, r), nil
	case bool:
		lb, rb := l, ToBool(right)
		switch {
		case lb == rb:
			return 0, nil
		case !lb:
			return -1, nil
		}
		return 1, nil
	case Comparer:
		return l.CompareTo(right)
	}
	if IsNumber(left) {
		rn, err := ToNumber(right)
		if err != nil {
			return 0, fmt.Errorf("Could not compare \"%s\" to \"%s\". Error: \"%s\"", ToString(left), ToString(right), err.Error())
		}
		return compareNumbers(left, rn)
	}
	return 0, fmt.Errorf("Cannot compare \"%s\" because it is not IComparable.", ToString(left))
}

// Comparer is implemented by objects with an order of their own
// ([version], [datetime]): -lt/-gt and sorting use it.
type Comparer interface {
	CompareTo(other any) (int, error)
}

// compareNumbers compares two numeric values exactly where both are
// integers or one is a decimal, and in floating point otherwise.
func compareNumbers(a, b any) (int, error) {
	a, _ = numericKind(a)
	b, _ = numericKind(b)
	if ad, ok := a.(Decimal); ok {
		bd, err := ToDecimal(b)
		if err != nil {
			return 0, err
		}
		return ad.Cmp(bd), nil
	}
	if bd, ok := b.(Decimal); ok {
		ad, err := ToDecimal(a)
		if err != nil {
			return 0, err
		}
		return ad.Cmp(bd), nil
	}
	ai, aInt := asInt64(a)
	bi, bInt := asInt64(b)
	if aInt && bInt {
		switch {
		case ai < bi:
			return -1, nil
		case ai > bi:
			return 1, nil
		}
		return 0, nil
	}
	af, err := ToFloat64(a)
	if err != nil {
		return 0, err
	}
	bf, err := ToFloat64(b)
	if err != nil {
		return 0, err
	}
	switch {
	case af < bf:
		return -1, nil
	case af > bf:
		return 1, nil
	}
	return 0, nil
}

func asInt64(v any) (int64, bool) {
	switch x := v.(type) {
	case int32:
		return int64(x), true
	case int64:
		return x, true
	case int:
		return int64(x), true
	}
	return 0, false
}
