package builtin

import (
	"fmt"
	"regexp"

	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
	"github.com/keyhost/keyhost/ps/wildcard"
)

// This file holds the comparison operators as the cmdlets use them
// (Where-Object's simplified syntax): the same rules as the language's
// -eq, -like, -match, -contains, -in and -is.

// operator is one comparison operator.
type operator int

// The operators of Where-Object's parameter sets.
const (
	opEq operator = iota
	opNe
	opGt
	opGe
	opLt
	opLe
	opLike
	opNotLike
	opMatch
	opNotMatch
	opContains
	opNotContains
	opIn
	opNotIn
	opIs
	opIsNot
	opNot
)

// scalarCompare applies a comparison to one left value.
func scalarCompare(op operator, l, r any, cs bool) (bool, error) {
	switch op {
	case opEq:
		return value.Equals(l, r, cs), nil
	case opNe:
		return !value.Equals(l, r, cs), nil
	case opGt, opGe, opLt, opLe:
		c, err := value.Compare(l, r, cs)
		if err != nil {
			return false, err
		}
		switch op {
		case opGt:
			return c > 0, nil
		case opGe:
			return c >= 0, nil
		case opLt:
			return c < 0, nil
		}
		return c <= 0, nil
	case opLike, opNotLike:
		m := wildcard.Match(value.ToString(r), value.ToString(l), cs)
		return m == (op == opLike), nil
	case opMatch, opNotMatch:
		re, err := compileRegex(value.ToString(r), cs)
		if err != nil {
			return false, err
		}
		return re.MatchString(value.ToString(l)) == (op == opMatch), nil
	}
	return false, fmt.Errorf("unsupported operator")
}

// compare applies a comparison operator the way the language does: with
// a collection on the left, -eq and friends select the matching elements
// and the result's truth decides.
func compare(op operator, l, r any, cs bool) (bool, error) {
	switch op {
	case opContains, opNotContains:
		return containsValue(l, r, cs) == (op == opContains), nil
	case opIn, opNotIn:
		return containsValue(r, l, cs) == (op == opIn), nil
	case opIs:
		return eval.IsType(l, r), nil
	case opIsNot:
		return !eval.IsType(l, r), nil
	case opNot:
		return !value.ToBool(l), nil
	}
	if value.IsCollection(l) {
		var hits []any
		for _, it := range value.Enumerate(l) {
			ok, err := scalarCompare(op, it, r, cs)
			if err != nil {
				return false, err
			}
			if ok {
				hits = append(hits, it)
			}
		}
		return value.ToBool(hits), nil
	}
	return scalarCompare(op, l, r, cs)
}

// containsValue reports whether a collection (or scalar) holds an item
// equal to v.
func containsValue(collection, v any, cs bool) bool {
	for _, it := range value.Enumerate(collection) {
		if value.Equals(it, v, cs) {
			return true
		}
	}
	return false
}

// compileRegex compiles a .NET-style pattern with Go's regexp (the common
// syntax is the same), ignoring case unless cs is set.
func compileRegex(pattern string, cs bool) (*regexp.Regexp, error) {
	p := pattern
	if !cs {
		p = "(?i)" + p
	}
	re, err := regexp.Compile(p)
	if err != nil {
		return nil, fmt.Errorf("The regular expression pattern %s is not valid: %v", pattern, err)
	}
	return re, nil
}
