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
	if out, ok := fastArith(x.Op, l, r); ok {
		return out, nil
	}
	l, r = nullIfAutomation(l), nullIfAutomation(r)
	out, err := f.binaryOp(x, x.Op, l, r)
	if err != nil {
		return nil, f.opError(x, x.Op, err)
	}
	return out, nil
}

// fastArith is + - * and the ordered comparisons on two Int32 operands,
// the common case in loops, without the general conversions. ok is false
// for anything else (including results that overflow).
func fastArith(op token.Kind, l, r any) (any, bool) {
	var x, y int64
	long := false
	switch a := l.(type) {
	case int32:
		x = int64(a)
	case int64:
		x, long = a, true
	default:
		return nil, false
	}
	switch b := r.(type) {
	case int32:
		y = int64(b)
	case int64:
		y, long = b, true
	default:
		return nil, false
	}
	var n int64
	switch op {
	case token.Plus:
		n = x + y
		if addOverflows(x, y) {
			return nil, false
		}
	case token.Minus:
		n = x - y
		if subOverflows(x, y) {
			return nil, false
		}
	case token.Multiply:
		if !long && x > -1<<31 && x < 1<<31 && y > -1<<31 && y < 1<<31 {
			n = x * y
		} else {
			return nil, false
		}
	case token.Ilt:
		return x < y, true
	case token.Ile:
		return x <= y, true
	case token.Igt:
		return x > y, true
	case token.Ige:
		return x >= y, true
	case token.Ieq:
		return x == y, true
	case token.Ine:
		return x != y, true
	default:
		return nil, false
	}
	if long {
		return n, true
	}
	if n < math.MinInt32 || n > math.MaxInt32 {
		return nil, false
	}
	return int32(n), true
}

// opError turns an operator's failure into the error PowerShell reports.
func (f *frame) opError(n ast.Node, op token.Kind, err error) error {
	switch e := err.(type) {
	case *RuntimeError:
		return err
	case *opFailure:
		return f.errorAt(n, e.ex, e.id, e.cat, nil)
	case *value.ConversionError:
		return f.castError(n, e.TypeName, e.Value, e)
	}
	return f.errorAt(n, RuntimeException(err.Error()), opErrorID(op), InvalidOperation, nil)
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
		return joinOp(l, value.ToString(r)), nil
	case token.Split, token.Csplit:
		return f.splitOp(l, r, op == token.Csplit)
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
		return f.replaceOp(l, r, cs)
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
// substitutions, or a script block called with the match as $_ (PS 6+);
// the right side is a pattern or (pattern, replacement).
func (f *frame) replaceOp(l, r any, cs bool) (any, error) {
	args := value.Enumerate(r)
	if len(args) == 0 || len(args) > 2 {
		return nil, fmt.Errorf("The -replace operator allows only two elements to follow it, not %d.", len(args))
	}
	re, err := compileRegex(value.ToString(args[0]), cs)
	if err != nil {
		return nil, err
	}
	var repl any = ""
	if len(args) == 2 {
		repl = args[1]
	}
	ro := &regexObject{re: re}
	do := func(v any) (any, error) {
		if _, isBlock := repl.(*ScriptBlock); isBlock {
			return f.regexReplaceUnder(ro, value.ToString(v), repl.(*ScriptBlock))
		}
		return f.regexReplace(ro, value.ToString(v), value.ToString(repl), -1)
	}
	if value.IsCollection(l) {
		items := value.Enumerate(l)
		out := make([]any, len(items))
		for i, it := range items {
			v, err := do(it)
			if err != nil {
				return nil, err
			}
			out[i] = v
		}
		return out, nil
	}
	return do(l)
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

// splitOp implements binary -split: <delimiter>[, <max-substrings>[,
// <options>]], or a script block deciding at each character. Options are
// SimpleMatch or RegexMatch with IgnoreCase, CultureInvariant,
// IgnorePatternWhitespace, Multiline, Singleline and ExplicitCapture
// (about_Split). A negative count splits from the end.
func (f *frame) splitOp(l, r any, cs bool) (any, error) {
	args := value.Enumerate(r)
	if len(args) == 0 {
		return nil, fmt.Errorf("The -split operator needs a delimiter.")
	}
	limit := 0
	if len(args) > 1 {
		n, err := value.ToInt32(args[1])
		if err != nil {
			return nil, err
		}
		limit = int(n)
	}
	simple := false
	var regexOpts string
	if len(args) > 2 {
		for _, o := range strings.Split(value.ToString(args[2]), ",") {
			switch strings.ToLower(strings.TrimSpace(o)) {
			case "simplematch":
				simple = true
			case "regexmatch", "cultureinvariant", "", "none", "explicitcapture", "ignorepatternwhitespace":
			case "ignorecase":
				cs = false
			case "multiline":
				regexOpts += "m"
			case "singleline":
				regexOpts += "s"
			default:
				return nil, fmt.Errorf("Cannot convert value \"%s\" to type \"System.Management.Automation.SplitOptions\".", value.ToString(args[2]))
			}
		}
	}
	var out []any
	if sb, ok := args[0].(*ScriptBlock); ok {
		for _, it := range value.Enumerate(l) {
			s := value.ToString(it)
			start := 0
			parts := 0
			for i, ch := range s {
				if limit > 0 && parts == limit-1 {
					break
				}
				res, err := f.collectList(func(e emitter) error { return f.invokeBlockInScope(sb, value.Char(ch), nil, e) })
				if err != nil {
					return nil, err
				}
				if value.ToBool(listValue(res)) {
					out = append(out, s[start:i])
					start = i + len(string(ch))
					parts++
				}
			}
			out = append(out, s[start:])
		}
		return out, nil
	}
	pattern := value.ToString(args[0])
	if simple {
		pattern = regexp.QuoteMeta(pattern)
	}
	if regexOpts != "" {
		pattern = "(?" + regexOpts + ")" + pattern
	}
	re, err := compileRegex(pattern, cs)
	if err != nil {
		return nil, err
	}
	for _, it := range value.Enumerate(l) {
		s := value.ToString(it)
		if limit >= 0 {
			n := -1
			if limit > 0 {
				n = limit
			}
			for _, p := range re.Split(s, n) {
				out = append(out, p)
			}
			continue
		}
		// A negative count keeps the first parts together: split from
		// the end, -limit parts at most.
		locs := re.FindAllStringIndex(s, -1)
		keep := -limit - 1
		if keep < len(locs) {
			locs = locs[len(locs)-keep:]
		}
		start := 0
		var parts []any
		for _, loc := range locs {
			parts = append(parts, s[start:loc[0]])
			start = loc[1]
		}
		parts = append(parts, s[start:])
		out = append(out, parts...)
	}
	return out, nil
}

// opFailure is an operator that could not be applied, with the exception
// and error id PowerShell reports for it.
type opFailure struct {
	ex  *Exception
	id  string
	cat ErrorCategory
}

func (e *opFailure) Error() string { return e.ex.Message }

// add implements +: numbers add, strings concatenate, arrays append,
// hashtables merge (a duplicate key is an error). The left operand decides.
func add(l, r any) (any, error) {
	switch x := l.(type) {
	case string:
		return x + value.ToString(r), nil
	case []any:
		out := make([]any, len(x), len(x)+1)
		copy(out, x)
		if value.IsCollection(r) {
			return append(out, value.Enumerate(r)...), nil
		}
		return append(out, r), nil
	case *value.Hashtable:
		rh, ok := r.(*value.Hashtable)
		if !ok {
			return nil, &opFailure{ex: RuntimeException("A hash table can only be added to another hash table."), id: "AddHashTableToNonHashTable", cat: InvalidOperation}
		}
		out := x.Clone()
		keys, vals := rh.Keys(), rh.Values()
		for i, k := range keys {
			if err := out.Add(k, vals[i]); err != nil {
				return nil, &opFailure{ex: newExceptionOf("System.ArgumentException", err.Error()), id: "System.ArgumentException", cat: OperationStopped}
			}
		}
		return out, nil
	case nil:
		if value.IsCollection(r) {
			return append([]any{}, value.Enumerate(r)...), nil
		}
		return r, nil
	case value.Enumerable:
		// A list plus anything is a new object[] (op_Addition on IEnumerable).
		out := append([]any{}, x.Items()...)
		if value.IsCollection(r) {
			return append(out, value.Enumerate(r)...), nil
		}
		return append(out, r), nil
	}
	return arith(token.Plus, l, r)
}

// numericRank is the result type of integer arithmetic on two operands:
// Int64 when either operand is a 64-bit (or unsigned 32-bit) integer,
// else Int32.
func numericRank(l, r any) bool {
	is64 := func(v any) bool {
		switch v.(type) {
		case int64, uint32, uint64:
			return true
		}
		return false
	}
	return is64(l) || is64(r)
}

// arith implements numeric + - * / % with PowerShell's widening: integer
// results that overflow their type become doubles, / gives a double unless
// exact, a decimal operand makes the operation decimal. String and array
// repetition (* n) is handled here too.
func arith(op token.Kind, l, r any) (any, error) {
	// Types that define op_Addition / op_Subtraction themselves
	// ([datetime], [timespan]) decide first, as .NET operators do.
	if a, ok := l.(value.Arithmetic); ok && (op == token.Plus || op == token.Minus) {
		var out any
		var err error
		if op == token.Plus {
			out, err = a.OpAddition(r)
		} else {
			out, err = a.OpSubtraction(r)
		}
		if err != nil {
			return nil, &opFailure{ex: RuntimeException(err.Error()), id: "OperatorFailed", cat: InvalidOperation}
		}
		return out, nil
	}
	if op == token.Multiply {
		switch x := l.(type) {
		case string:
			n, err := value.ToInt32(r)
			if err != nil {
				return nil, convertOperandError(r, "System.Int32", err)
			}
			if n < 0 {
				n = 0
			}
			return strings.Repeat(x, int(n)), nil
		case []any:
			n, err := value.ToInt32(r)
			if err != nil {
				return nil, convertOperandError(r, "System.Int32", err)
			}
			out := make([]any, 0, len(x)*int(max(n, 0)))
			for i := int32(0); i < n; i++ {
				out = append(out, x...)
			}
			return out, nil
		case *value.Hashtable:
			return nil, opTypeError(op, l)
		}
	}
	if !value.IsNumber(l) && !isNumericLike(l) {
		return nil, opTypeError(op, l)
	}
	ln, err := value.ToNumber(l)
	if err != nil {
		if _, isStr := l.(string); isStr {
			return nil, convertOperandError(l, "System.Int32", err)
		}
		return nil, opTypeError(op, l)
	}
	rn, err := value.ToNumber(r)
	if err != nil {
		target := value.TypeName(l)
		if !value.IsNumber(l) {
			target = "System.Int32"
		}
		return nil, convertOperandError(r, target, err)
	}
	ld, lDec := ln.(value.Decimal)
	rd, rDec := rn.(value.Decimal)
	if lDec || rDec {
		var err error
		if !lDec {
			if ld, err = value.ToDecimal(ln); err != nil {
				return nil, err
			}
		}
		if !rDec {
			if rd, err = value.ToDecimal(rn); err != nil {
				return nil, err
			}
		}
		return decimalArith(op, ld, rd)
	}
	li, lInt := asInt(ln)
	ri, rInt := asInt(rn)
	if lInt && rInt {
		long := numericRank(l, r)
		fit := func(n int64, overflow bool, f float64) any {
			if overflow || (!long && (n < math.MinInt32 || n > math.MaxInt32)) {
				return f
			}
			if long {
				return n
			}
			return int32(n)
		}
		switch op {
		case token.Plus:
			return fit(li+ri, addOverflows(li, ri), float64(li)+float64(ri)), nil
		case token.Minus:
			return fit(li-ri, subOverflows(li, ri), float64(li)-float64(ri)), nil
		case token.Multiply:
			p := li * ri
			over := li != 0 && (p/li != ri || (li == -1 && ri == math.MinInt64))
			return fit(p, over, float64(li)*float64(ri)), nil
		case token.Divide:
			if ri == 0 {
				return nil, divideByZero()
			}
			if li%ri == 0 && !(li == math.MinInt64 && ri == -1) {
				return fit(li/ri, false, float64(li)/float64(ri)), nil
			}
			return float64(li) / float64(ri), nil
		case token.Remainder:
			if ri == 0 {
				return nil, divideByZero()
			}
			if ri == -1 {
				return fit(0, false, 0), nil
			}
			return fit(li%ri, false, 0), nil
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
			return nil, divideByZero()
		}
		return lf / rf, nil
	case token.Remainder:
		if rf == 0 {
			return math.NaN(), nil
		}
		return math.Mod(lf, rf), nil
	}
	return nil, fmt.Errorf("unsupported arithmetic operator %s", op)
}

// isNumericLike reports whether a non-number converts to a number as the
// left operand of arithmetic: $null, booleans, chars, numeric strings are
// handled by their own rules, so only these qualify.
func isNumericLike(v any) bool {
	switch v.(type) {
	case nil, bool, string, value.Char, value.Enum:
		return true
	}
	return false
}

// decimalArith applies an operator to two decimals.
func decimalArith(op token.Kind, a, b value.Decimal) (any, error) {
	var out value.Decimal
	var err error
	switch op {
	case token.Plus:
		out, err = a.Add(b)
	case token.Minus:
		out, err = a.Sub(b)
	case token.Multiply:
		out, err = a.Mul(b)
	case token.Divide:
		if b.Sign() == 0 {
			return nil, divideByZero()
		}
		out, err = a.Div(b)
	case token.Remainder:
		if b.Sign() == 0 {
			return nil, divideByZero()
		}
		out, err = a.Rem(b)
	}
	if err != nil {
		return nil, arithmeticFailure(newExceptionOf("System.OverflowException", err.Error()))
	}
	return out, nil
}

// arithmeticFailure is how an arithmetic operation's .NET exception
// surfaces: a RuntimeException with the same message around it ("RuntimeException:
// Attempted to divide by zero." in pwsh's error view).
func arithmeticFailure(inner *Exception) error {
	ex := RuntimeException(inner.Message)
	ex.Inner = inner
	return &opFailure{ex: ex, id: "RuntimeException", cat: NotSpecified}
}

// divideByZero is the error of / and % by zero.
func divideByZero() error {
	return arithmeticFailure(newExceptionOf("System.DivideByZeroException", "Attempted to divide by zero."))
}

// convertOperandError is the failure to convert the right operand to the
// left operand's type.
func convertOperandError(v any, typeName string, err error) error {
	msg := (&value.ConversionError{Value: v, TypeName: typeName, Reason: conversionReason(v, err)}).Error()
	id := "InvalidCastFromStringToInteger"
	if _, isStr := v.(string); !isStr {
		id = "ConvertToFinalInvalidCastException"
		msg = fmt.Sprintf("Cannot convert the \"%s\" value of type \"%s\" to type \"%s\".", value.ToString(v), typeNameForMessage(v), typeName)
	} else if typeName == "System.Double" {
		id = "InvalidCastFromStringToDoubleOrSingle"
	}
	return &opFailure{ex: newExceptionOf("System.Management.Automation.PSInvalidCastException", msg), id: id, cat: InvalidArgument}
}

// conversionReason extracts the inner reason of a conversion error.
func conversionReason(v any, err error) string {
	var ce *value.ConversionError
	if asConv(err, &ce) && ce.Reason != "" {
		return ce.Reason
	}
	return fmt.Sprintf("The input string '%s' was not in a correct format.", value.ToString(v))
}

// opTypeError is the error for an operator the left operand's type lacks.
func opTypeError(op token.Kind, l any) error {
	return &opFailure{ex: newExceptionOf("System.Management.Automation.MethodException",
		fmt.Sprintf("Method invocation failed because [%s] does not contain a method named 'op_%s'.", value.TypeName(l), opMethodName(op))),
		id: "MethodNotFound", cat: InvalidOperation}
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

func subOverflows(a, b int64) bool {
	d := a - b
	return (a >= 0 && b < 0 && d < 0) || (a < 0 && b > 0 && d >= 0)
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

// bitwise implements -band -bor -bxor -shl -shr. Shifts of an Int32 use
// the low five bits of the count, of an Int64 the low six, as .NET does.
func bitwise(op token.Kind, l, r any) (any, error) {
	a, err := value.ToInt64(l)
	if err != nil {
		return nil, convertOperandError(l, "System.Int64", err)
	}
	b, err := value.ToInt64(r)
	if err != nil {
		return nil, convertOperandError(r, "System.Int64", err)
	}
	long := numericRank(l, r)
	if !long && (a > math.MaxInt32 || a < math.MinInt32) {
		long = true
	}
	switch op {
	case token.Band:
		return widenRank(a&b, long), nil
	case token.Bor:
		return widenRank(a|b, long), nil
	case token.Bxor:
		return widenRank(a^b, long), nil
	case token.Shl:
		if long {
			return a << uint(b&63), nil
		}
		return int32(a) << uint(b&31), nil
	case token.Shr:
		if long {
			return a >> uint(b&63), nil
		}
		return int32(a) >> uint(b&31), nil
	}
	return nil, fmt.Errorf("unsupported bitwise operator %s", op)
}

// widenRank returns n as Int64 when long is set, else as Int32 when it fits.
func widenRank(n int64, long bool) any {
	if long {
		return n
	}
	return widen(n, false, 0)
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
		return joinOp(v, ""), nil
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

// joinOp implements -join: a collection's elements converted without
// recursion (as PowerShell's ToStringEnumerable does), a scalar converted
// whole.
func joinOp(v any, sep string) string {
	if value.IsCollection(v) {
		return value.JoinItems(value.Enumerate(v), sep)
	}
	return value.ToString(v)
}
