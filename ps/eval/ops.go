package eval

import (
	"fmt"
	"math"
	"regexp"
	"strings"

	"github.com/keyhost/keyhost/ps/ast"
	"github.com/keyhost/keyhost/ps/token"
	"github.com/keyhost/keyhost/ps/value"
	"github.com/keyhost/keyhost/ps/wildcard"
)

// evalBinary evaluates a binary operator expression.
func (f *frame) evalBinary(x *ast.BinaryExpr) (any, error) {
	switch x.Op {
	case token.And, token.Or:
		l, err := f.eval(x.Left)
		if err != nil {
			return nil, err
		}
		lb := value.ToBool(l)
		if x.Op == token.And && !lb {
			return false, nil
		}
		if x.Op == token.Or && lb {
			return true, nil
		}
		r, err := f.eval(x.Right)
		if err != nil {
			return nil, err
		}
		return value.ToBool(r), nil
	case token.QuestionQuestion:
		l, err := f.eval(x.Left)
		if err != nil {
			return nil, err
		}
		if !value.IsNull(l) {
			return l, nil
		}
		return f.eval(x.Right)
	}
	l, err := f.eval(x.Left)
	if err != nil {
		return nil, err
	}
	r, err := f.eval(x.Right)
	if err != nil {
		return nil, err
	}
	l, r = nullIfAutomation(l), nullIfAutomation(r)
	out, err := f.binaryOp(x, x.Op, l, r)
	if err != nil {
		if _, ok := err.(*RuntimeError); ok {
			return nil, err
		}
		return nil, f.errorAt(x, RuntimeException(err.Error()), opErrorID(x.Op), InvalidOperation, nil)
	}
	return out, nil
}

// opErrorID is the error id PowerShell uses for a failing operator.
func opErrorID(op token.Kind) string {
	switch op {
	case token.Plus, token.Minus, token.Multiply, token.Divide, token.Remainder:
		return "OperatorFailed"
	case token.Format:
		return "FormatError"
	}
	if op.IsComparison() {
		return "ComparisonFailure"
	}
	return "OperatorFailed"
}

// binaryOp applies an operator to two evaluated operands.
func (f *frame) binaryOp(n ast.Node, op token.Kind, l, r any) (any, error) {
	switch op {
	case token.Plus:
		return add(l, r)
	case token.Minus, token.Multiply, token.Divide, token.Remainder:
		return arith(op, l, r)
	case token.Xor:
		return value.ToBool(l) != value.ToBool(r), nil
	case token.Band, token.Bor, token.Bxor, token.Shl, token.Shr:
		return bitwise(op, l, r)
	case token.DotDot:
		return rangeOp(l, r)
	case token.Format:
		return formatOperator(value.ToString(l), value.Enumerate(r))
	case token.Join:
		items := value.Enumerate(l)
		parts := make([]string, len(items))
		for i, it := range items {
			parts[i] = value.ToString(it)
		}
		return strings.Join(parts, value.ToString(r)), nil
	case token.Split, token.Csplit:
		return splitOp(l, r, op == token.Csplit)
	case token.Is, token.IsNot:
		tn := typeNameOfValue(r)
		res := isType(l, tn)
		if op == token.IsNot {
			res = !res
		}
		return res, nil
	case token.As:
		out, err := f.cast(n, typeNameOfValue(r), l)
		if err != nil {
			return nil, nil
		}
		return out, nil
	}
	if op.IsComparison() {
		return f.compareOp(op, l, r)
	}
	return nil, fmt.Errorf("The operator %s is not supported by keyhost yet.", op)
}

// typeNameOfValue gets the type name from the right side of -is/-as.
func typeNameOfValue(v any) string {
	if t, ok := v.(*TypeValue); ok {
		return t.Name
	}
	return value.ToString(v)
}

// compareOp implements the comparison family. With a collection on the
// left, -eq and friends filter the collection instead of answering true
// or false; -contains and -in test membership.
func (f *frame) compareOp(op token.Kind, l, r any) (any, error) {
	cs := op.IsCaseSensitive()
	base := op.Insensitive()
	switch base {
	case token.Icontains, token.Inotcontains:
		return containsValue(l, r, cs) == (base == token.Icontains), nil
	case token.Iin, token.Inotin:
		return containsValue(r, l, cs) == (base == token.Iin), nil
	case token.Ireplace:
		return replaceOp(l, r, cs)
	}
	if value.IsCollection(l) {
		out := []any{}
		for _, it := range value.Enumerate(l) {
			ok, err := f.scalarCompare(base, it, r, cs, false)
			if err != nil {
				return nil, err
			}
			if ok {
				out = append(out, it)
			}
		}
		return out, nil
	}
	return f.scalarCompare(base, l, r, cs, true)
}

// containsValue reports whether a collection (or scalar) holds an item
// equal to v, comparing each element as the left operand of -eq.
func containsValue(collection, v any, cs bool) bool {
	for _, it := range value.Enumerate(collection) {
		if value.Equals(it, v, cs) {
			return true
		}
	}
	return false
}

// scalarCompare compares one left value with the right operand. setMatches
// says whether -match may set $Matches (only for a scalar left side).
func (f *frame) scalarCompare(op token.Kind, l, r any, cs, setMatches bool) (bool, error) {
	switch op {
	case token.Ieq:
		return value.Equals(l, r, cs), nil
	case token.Ine:
		return !value.Equals(l, r, cs), nil
	case token.Igt, token.Ige, token.Ilt, token.Ile:
		c, err := value.Compare(l, r, cs)
		if err != nil {
			return false, err
		}
		switch op {
		case token.Igt:
			return c > 0, nil
		case token.Ige:
			return c >= 0, nil
		case token.Ilt:
			return c < 0, nil
		}
		return c <= 0, nil
	case token.Ilike, token.Inotlike:
		m := wildcard.Match(value.ToString(r), value.ToString(l), cs)
		return m == (op == token.Ilike), nil
	case token.Imatch, token.Inotmatch:
		re, err := compileRegex(value.ToString(r), cs)
		if err != nil {
			return false, err
		}
		s := value.ToString(l)
		m := re.FindStringSubmatchIndex(s)
		if setMatches && m != nil && op == token.Imatch {
			_ = f.scope.set("Matches", matchesTable(re, s, m))
		}
		return (m != nil) == (op == token.Imatch), nil
	}
	return false, fmt.Errorf("The operator %s is not supported by keyhost yet.", op)
}

// compileRegex compiles a .NET-style pattern with Go's regexp (RE2): the
// common syntax is the same; lookaround and backreferences are not
// available and fail with a clear error.
func compileRegex(pattern string, caseSensitive bool) (*regexp.Regexp, error) {
	p := pattern
	if !caseSensitive {
		p = "(?i)" + p
	}
	re, err := regexp.Compile(p)
	if err != nil {
		return nil, fmt.Errorf("The regular expression pattern %s is not valid: %v", pattern, err)
	}
	return re, nil
}

// matchesTable builds $Matches: group numbers and names to their text.
func matchesTable(re *regexp.Regexp, s string, m []int) *value.Hashtable {
	h := value.NewHashtable()
	names := re.SubexpNames()
	for i := 0; i*2 < len(m); i++ {
		if m[2*i] < 0 {
			continue
		}
		text := s[m[2*i]:m[2*i+1]]
		if i < len(names) && names[i] != "" {
			h.Set(names[i], text)
		} else {
			h.Set(int32(i), text)
		}
	}
	return h
}

// replaceOp implements -replace: regex replacement with $1 / ${name}
// substitutions; the right side is a pattern or (pattern, replacement).
func replaceOp(l, r any, cs bool) (any, error) {
	args := value.Enumerate(r)
	if len(args) == 0 || len(args) > 2 {
		return nil, fmt.Errorf("The -replace operator allows only two elements to follow it, not %d.", len(args))
	}
	re, err := compileRegex(value.ToString(args[0]), cs)
	if err != nil {
		return nil, err
	}
	repl := ""
	if len(args) == 2 {
		repl = value.ToString(args[1])
	}
	goRepl := dotnetReplacement(repl)
	do := func(v any) any { return re.ReplaceAllString(value.ToString(v), goRepl) }
	if value.IsCollection(l) {
		items := value.Enumerate(l)
		out := make([]any, len(items))
		for i, it := range items {
			out[i] = do(it)
		}
		return out, nil
	}
	return do(l), nil
}

// dotnetReplacement converts a .NET replacement string ($1, ${name}, $$,
// $0) to Go's template syntax.
func dotnetReplacement(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '$' || i+1 >= len(s) {
			b.WriteByte(c)
			continue
		}
		next := s[i+1]
		switch {
		case next == '$':
			b.WriteString("$$")
			i++
		case next >= '0' && next <= '9':
			j := i + 1
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			b.WriteString("${" + s[i+1:j] + "}")
			i = j - 1
		case next == '{':
			end := strings.IndexByte(s[i:], '}')
			if end < 0 {
				b.WriteString("$$")
				continue
			}
			b.WriteString(s[i : i+end+1])
			i += end
		default:
			b.WriteString("$$")
		}
	}
	return b.String()
}

// splitOp implements binary -split: a regex split with an optional count.
func splitOp(l, r any, cs bool) (any, error) {
	args := value.Enumerate(r)
	if len(args) == 0 {
		return nil, fmt.Errorf("The -split operator needs a delimiter.")
	}
	re, err := compileRegex(value.ToString(args[0]), cs)
	if err != nil {
		return nil, err
	}
	limit := -1
	if len(args) > 1 {
		n, err := value.ToInt32(args[1])
		if err != nil {
			return nil, err
		}
		if n > 0 {
			limit = int(n)
		}
	}
	var out []any
	for _, it := range value.Enumerate(l) {
		for _, p := range re.Split(value.ToString(it), limit) {
			out = append(out, p)
		}
	}
	return out, nil
}

// add implements +: numbers add, strings concatenate, arrays append,
// hashtables merge (a duplicate key is an error). The left operand decides.
func add(l, r any) (any, error) {
	switch x := l.(type) {
	case string:
		return x + value.ToString(r), nil
	case []any:
		out := append([]any{}, x...)
		if value.IsCollection(r) {
			return append(out, value.Enumerate(r)...), nil
		}
		return append(out, r), nil
	case *value.Hashtable:
		rh, ok := r.(*value.Hashtable)
		if !ok {
			return nil, fmt.Errorf("A hash table can only be added to another hash table.")
		}
		out := x.Clone()
		keys, vals := rh.Keys(), rh.Values()
		for i, k := range keys {
			if err := out.Add(k, vals[i]); err != nil {
				return nil, err
			}
		}
		return out, nil
	case nil:
		if value.IsCollection(r) {
			return append([]any{}, value.Enumerate(r)...), nil
		}
		return r, nil
	}
	return arith(token.Plus, l, r)
}

// arith implements numeric + - * / % with PowerShell's widening: integer
// results that overflow become doubles, / gives a double unless exact.
// String and array repetition (* n) is handled here too.
func arith(op token.Kind, l, r any) (any, error) {
	if op == token.Multiply {
		switch x := l.(type) {
		case string:
			n, err := value.ToInt32(r)
			if err != nil {
				return nil, err
			}
			if n < 0 {
				n = 0
			}
			return strings.Repeat(x, int(n)), nil
		case []any:
			n, err := value.ToInt32(r)
			if err != nil {
				return nil, err
			}
			var out []any
			for i := int32(0); i < n; i++ {
				out = append(out, x...)
			}
			if out == nil {
				out = []any{}
			}
			return out, nil
		}
	}
	ln, err := value.ToNumber(l)
	if err != nil {
		return nil, opTypeError(op, l, r)
	}
	rn, err := value.ToNumber(r)
	if err != nil {
		return nil, opTypeError(op, l, r)
	}
	li, lInt := asInt(ln)
	ri, rInt := asInt(rn)
	if lInt && rInt {
		switch op {
		case token.Plus:
			return widen(li+ri, addOverflows(li, ri), float64(li)+float64(ri)), nil
		case token.Minus:
			return widen(li-ri, addOverflows(li, -ri), float64(li)-float64(ri)), nil
		case token.Multiply:
			p := li * ri
			over := li != 0 && (p/li != ri || (li == -1 && ri == math.MinInt64))
			return widen(p, over, float64(li)*float64(ri)), nil
		case token.Divide:
			if ri == 0 {
				return nil, fmt.Errorf("Attempted to divide by zero.")
			}
			if li%ri == 0 {
				return widen(li/ri, false, 0), nil
			}
			return float64(li) / float64(ri), nil
		case token.Remainder:
			if ri == 0 {
				return nil, fmt.Errorf("Attempted to divide by zero.")
			}
			return widen(li%ri, false, 0), nil
		}
	}
	lf, _ := value.ToFloat64(ln)
	rf, _ := value.ToFloat64(rn)
	switch op {
	case token.Plus:
		return lf + rf, nil
	case token.Minus:
		return lf - rf, nil
	case token.Multiply:
		return lf * rf, nil
	case token.Divide:
		if rf == 0 {
			return nil, fmt.Errorf("Attempted to divide by zero.")
		}
		return lf / rf, nil
	case token.Remainder:
		return math.Mod(lf, rf), nil
	}
	return nil, fmt.Errorf("unsupported arithmetic operator %s", op)
}

func opTypeError(op token.Kind, l, r any) error {
	return fmt.Errorf("Method invocation failed because [%s] does not contain a method named 'op_%s'.", value.TypeName(l), opMethodName(op))
}

func opMethodName(op token.Kind) string {
	switch op {
	case token.Minus:
		return "Subtraction"
	case token.Multiply:
		return "Multiply"
	case token.Divide:
		return "Division"
	case token.Remainder:
		return "Modulus"
	}
	return "Addition"
}

func asInt(v any) (int64, bool) {
	switch x := v.(type) {
	case int32:
		return int64(x), true
	case int64:
		return x, true
	}
	return 0, false
}

func addOverflows(a, b int64) bool {
	s := a + b
	return (a > 0 && b > 0 && s < 0) || (a < 0 && b < 0 && s >= 0)
}

// widen returns an int32 when the result fits, an int64 otherwise, and the
// double when the 64-bit result overflowed.
func widen(n int64, overflow bool, f float64) any {
	if overflow {
		return f
	}
	if n >= math.MinInt32 && n <= math.MaxInt32 {
		return int32(n)
	}
	return n
}

// bitwise implements -band -bor -bxor -shl -shr.
func bitwise(op token.Kind, l, r any) (any, error) {
	a, err := value.ToInt64(l)
	if err != nil {
		return nil, err
	}
	b, err := value.ToInt64(r)
	if err != nil {
		return nil, err
	}
	var n int64
	switch op {
	case token.Band:
		n = a & b
	case token.Bor:
		n = a | b
	case token.Bxor:
		n = a ^ b
	case token.Shl:
		n = a << uint(b&63)
	case token.Shr:
		n = a >> uint(b&63)
	}
	return widen(n, false, 0), nil
}

// rangeOp implements a..b for integers (and single characters, PS 7).
func rangeOp(l, r any) (any, error) {
	if ls, ok := l.(string); ok && len([]rune(ls)) == 1 {
		if rs, ok := r.(string); ok && len([]rune(rs)) == 1 {
			a, b := []rune(ls)[0], []rune(rs)[0]
			var out []any
			step := rune(1)
			if b < a {
				step = -1
			}
			for c := a; ; c += step {
				out = append(out, string(c))
				if c == b {
					break
				}
			}
			return out, nil
		}
	}
	a, err := value.ToInt64(l)
	if err != nil {
		return nil, err
	}
	b, err := value.ToInt64(r)
	if err != nil {
		return nil, err
	}
	count := b - a
	if count < 0 {
		count = -count
	}
	if count > 50_000_000 {
		return nil, fmt.Errorf("The range operator produced more than 50,000,000 elements.")
	}
	out := make([]any, 0, count+1)
	step := int64(1)
	if b < a {
		step = -1
	}
	for i := a; ; i += step {
		out = append(out, widen(i, false, 0))
		if i == b {
			break
		}
	}
	return out, nil
}

// evalUnary evaluates unary operators.
func (f *frame) evalUnary(x *ast.UnaryExpr) (any, error) {
	if isIncrement(x.Op) {
		return f.increment(x)
	}
	v, err := f.eval(x.Operand)
	if err != nil {
		return nil, err
	}
	v = nullIfAutomation(v)
	switch x.Op {
	case token.Not, token.Exclaim:
		return !value.ToBool(v), nil
	case token.Minus:
		out, err := arith(token.Minus, int32(0), v)
		if err != nil {
			return nil, f.errorAt(x, RuntimeException(err.Error()), "OperatorFailed", InvalidOperation, nil)
		}
		return out, nil
	case token.Plus:
		n, err := value.ToNumber(v)
		if err != nil {
			return nil, f.errorAt(x, RuntimeException(err.Error()), "OperatorFailed", InvalidOperation, nil)
		}
		return n, nil
	case token.Bnot:
		n, err := value.ToInt64(v)
		if err != nil {
			return nil, f.errorAt(x, RuntimeException(err.Error()), "OperatorFailed", InvalidOperation, nil)
		}
		return widen(^n, false, 0), nil
	case token.Comma:
		return []any{v}, nil
	case token.Join:
		items := value.Enumerate(v)
		var b strings.Builder
		for _, it := range items {
			b.WriteString(value.ToString(it))
		}
		return b.String(), nil
	case token.Split, token.Csplit:
		var out []any
		for _, it := range value.Enumerate(v) {
			for _, p := range strings.Fields(value.ToString(it)) {
				out = append(out, p)
			}
		}
		return out, nil
	}
	return nil, f.runtimeErrorAt(x, "NotSupported", fmt.Sprintf("The unary operator %s is not supported by keyhost yet.", x.Op))
}

// increment implements ++ and -- on a variable, property or element.
func (f *frame) increment(x *ast.UnaryExpr) (any, error) {
	old, err := f.eval(x.Operand)
	if err != nil {
		return nil, err
	}
	old = nullIfAutomation(old)
	delta := int32(1)
	if x.Op == token.MinusMinus {
		delta = -1
	}
	nv, err := arith(token.Plus, orZero(old), delta)
	if err != nil {
		return nil, f.errorAt(x, RuntimeException(err.Error()), "OperatorFailed", InvalidOperation, nil)
	}
	if err := f.assignTo(x.Operand, nv); err != nil {
		return nil, err
	}
	if x.Postfix {
		return orZero(old), nil
	}
	return nv, nil
}

func orZero(v any) any {
	if v == nil {
		return int32(0)
	}
	return v
}
