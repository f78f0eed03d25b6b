package eval

import (
	"fmt"
	"strings"

	"github.com/keyhost/keyhost/ps/ast"
	"github.com/keyhost/keyhost/ps/value"
)

// evalName evaluates something that names a thing: a member ($x.Name,
// $x.$name), a command, a loop label. A bareword or quoted constant is its
// text; any other expression is evaluated and converted to a string.
func (f *frame) evalName(e ast.Expr) (string, error) {
	if sc, ok := e.(*ast.StringConstant); ok {
		return sc.Value, nil
	}
	v, err := f.eval(e)
	if err != nil {
		return "", err
	}
	return value.ToString(v), nil
}

// evalMember evaluates $x.Name, $x?.Name and [Type]::Name.
func (f *frame) evalMember(x *ast.MemberExpr) (any, error) {
	target, err := f.eval(x.Target)
	if err != nil {
		return nil, err
	}
	name, err := f.evalName(x.Member)
	if err != nil {
		return nil, err
	}
	if x.Static {
		t, ok := target.(*TypeValue)
		if !ok {
			return nil, f.runtimeErrorAt(x, "NotSupported", "Static member access needs a type.")
		}
		return f.staticProperty(x, t, name)
	}
	if x.NullConditional && value.IsNull(target) {
		return nil, nil
	}
	v, ok := f.memberValue(target, name)
	if !ok && f.strict() >= 2 && !value.IsNull(target) {
		if _, isDict := target.(*value.Hashtable); !isDict {
			return nil, f.propertyNotFoundStrict(x.Member, name)
		}
	}
	return v, nil
}

// memberValue reads a property, with the intrinsic members every object
// has (PSObject, PSTypeNames) and member-access enumeration. ok is false
// when nothing had the member.
func (f *frame) memberValue(target any, name string) (any, bool) {
	// The intrinsic members all start with "ps"; checking that first
	// keeps ordinary property reads free of a lower-cased copy.
	if len(name) >= 6 && (name[0] == 'p' || name[0] == 'P') && (name[1] == 's' || name[1] == 'S') && !value.IsNull(target) {
		switch {
		case strings.EqualFold(name, "psobject"):
			return newPSObjectView(target), true
		case strings.EqualFold(name, "pstypenames"):
			return psTypeNames(target), true
		case strings.EqualFold(name, "psbase"):
			return target, true
		}
	}
	return getMemberOK(target, name)
}

// getMember reads a property the way PowerShell does, including
// member-access enumeration: on a collection that lacks the member itself,
// the member of each element is collected.
func getMember(target any, name string) any {
	v, _ := getMemberOK(target, name)
	return v
}

// getMemberOK is getMember that also says whether the member existed (on
// the object, or on at least one element of a collection).
func getMemberOK(target any, name string) (any, bool) {
	if value.IsNull(target) {
		return value.GetProperty(nil, name)
	}
	if value.IsCollection(target) {
		if v, ok := value.GetProperty(target, name); ok {
			return v, true
		}
		var out []any
		found := false
		for _, item := range value.Enumerate(target) {
			if value.IsNull(item) {
				continue
			}
			v, ok := getMemberOK(item, name)
			if !ok {
				continue
			}
			found = true
			if value.IsCollection(v) {
				out = append(out, value.Enumerate(v)...)
			} else {
				out = append(out, v)
			}
		}
		switch len(out) {
		case 0:
			return nil, found
		case 1:
			return out[0], true
		}
		return out, true
	}
	return value.GetProperty(target, name)
}

// setMember assigns $x.Name = v.
func (f *frame) setMember(n ast.Node, target any, name string, v any) error {
	if value.IsNull(target) {
		return f.errorAt(n, RuntimeException(fmt.Sprintf("The property '%s' cannot be found on this object. Verify that the property exists and can be set.", name)), "PropertyNotFound", InvalidOperation, nil)
	}
	if ps, ok := target.(value.PropertySetter); ok {
		if err := ps.SetProperty(name, v); err != nil {
			return f.errorAt(n, RuntimeException(err.Error()), "PropertyAssignmentException", InvalidOperation, nil)
		}
		return nil
	}
	return f.errorAt(n, RuntimeException(fmt.Sprintf("'%s' is a ReadOnly property.", name)), "PropertyAssignmentException", InvalidOperation, nil)
}

// evalIndex evaluates $x[i], $x?[i].
func (f *frame) evalIndex(x *ast.IndexExpr) (any, error) {
	target, err := f.eval(x.Target)
	if err != nil {
		return nil, err
	}
	if value.IsNull(target) && x.NullConditional {
		return nil, nil
	}
	idx, err := f.eval(x.Index)
	if err != nil {
		return nil, err
	}
	if value.IsNull(target) {
		return nil, f.errorAt(x, RuntimeException("Cannot index into a null array."), "NullArray", InvalidOperation, nil)
	}
	if ix, ok := target.(value.Indexer); ok && !value.IsCollection(idx) {
		v, err := ix.GetIndex(idx)
		if err != nil {
			if f.strict() >= 3 {
				return nil, f.indexOutOfRange(x)
			}
			return nil, nil
		}
		return v, nil
	}
	if f.strict() >= 3 {
		if err := f.checkIndex(x, target, idx); err != nil {
			return nil, err
		}
	}
	return indexValue(target, idx), nil
}

// checkIndex is strict mode 3's check of an array index: it must convert
// to an integer and lie within the array.
func (f *frame) checkIndex(x *ast.IndexExpr, target, idx any) error {
	if _, isDict := target.(*value.Hashtable); isDict {
		return nil
	}
	n := 1
	switch t := target.(type) {
	case string:
		n = len([]rune(t))
	default:
		if value.IsCollection(target) {
			n = len(value.Enumerate(target))
		}
	}
	for _, i := range value.Enumerate(idx) {
		p, err := value.ToInt64(i)
		if err != nil {
			return f.castError(x.Index, "System.Int32", i, retarget(err, "System.Int32", i))
		}
		if p < 0 {
			p += int64(n)
		}
		if p < 0 || p >= int64(n) {
			return f.indexOutOfRange(x)
		}
	}
	return nil
}

// indexValue indexes a value: arrays by position (negative counts from the
// end, several indices give a slice), hashtables by key, strings by
// character. Out-of-range positions give $null.
func indexValue(target, idx any) any {
	switch t := target.(type) {
	case *value.Hashtable:
		if t.Ordered && value.IsInteger(idx) {
			// OrderedDictionary's int indexer reads by position.
			if p, ok := position(idx, t.Len()); ok {
				return t.Values()[p]
			}
			return nil
		}
		if value.IsCollection(idx) {
			var out []any
			for _, k := range value.Enumerate(idx) {
				v, _ := t.Get(k)
				out = append(out, v)
			}
			return out
		}
		v, _ := t.Get(idx)
		return v
	case string:
		rs := []rune(t)
		if value.IsCollection(idx) {
			var out []any
			for _, i := range value.Enumerate(idx) {
				if p, ok := position(i, len(rs)); ok {
					out = append(out, value.Char(rs[p]))
				}
			}
			return out
		}
		i, ok := position(idx, len(rs))
		if !ok {
			return nil
		}
		return value.Char(rs[i])
	case value.Indexer:
		if value.IsCollection(idx) {
			var out []any
			for _, i := range value.Enumerate(idx) {
				if v, err := t.GetIndex(i); err == nil {
					out = append(out, v)
				}
			}
			return out
		}
		v, _ := t.GetIndex(idx)
		return v
	}
	if value.IsCollection(target) {
		items := value.Enumerate(target)
		if value.IsCollection(idx) {
			var out []any
			for _, i := range value.Enumerate(idx) {
				if p, ok := position(i, len(items)); ok {
					out = append(out, items[p])
				}
			}
			return out
		}
		p, ok := position(idx, len(items))
		if !ok {
			return nil
		}
		return items[p]
	}
	// A scalar indexes like a one-element array: $x[0] is $x.
	if _, ok := position(idx, 1); !ok {
		return nil
	}
	return target
}

// position converts an index to a slice position, counting negative
// indices from the end.
func position(idx any, n int) (int, bool) {
	i64, err := value.ToInt64(idx)
	if err != nil {
		return 0, false
	}
	i := int(i64)
	if i < 0 {
		i += n
	}
	if i < 0 || i >= n {
		return 0, false
	}
	return i, true
}

// setIndex assigns $x[i] = v.
func (f *frame) setIndex(n ast.Node, target, idx, v any) error {
	switch t := target.(type) {
	case *value.Hashtable:
		if t.Generic != nil {
			if err := dictionarySet(t, idx, v, "set_Item"); err != nil {
				return f.methodFailed(n, "set_Item", 2, err)
			}
			return nil
		}
		t.Set(idx, v)
		return nil
	case []any:
		p, ok := position(idx, len(t))
		if !ok {
			return f.errorAt(n, newExceptionOf("System.IndexOutOfRangeException", "Index was outside the bounds of the array."), "System.IndexOutOfRangeException", OperationStopped, idx)
		}
		t[p] = v
		return nil
	case value.Indexer:
		if err := t.SetIndex(idx, v); err != nil {
			return f.methodFailed(n, "set_Item", 2, err)
		}
		return nil
	case nil:
		return f.errorAt(n, RuntimeException("Cannot index into a null array."), "NullArray", InvalidOperation, nil)
	}
	return f.errorAt(n, RuntimeException(fmt.Sprintf("Unable to index into an object of type \"%s\".", value.TypeName(target))), "CannotIndex", InvalidOperation, target)
}

// evalInvokeMember evaluates $x.Method(args) and [Type]::Method(args).
func (f *frame) evalInvokeMember(x *ast.InvokeMemberExpr) (any, error) {
	target, err := f.eval(x.Target)
	if err != nil {
		return nil, err
	}
	name, err := f.evalName(x.Member)
	if err != nil {
		return nil, err
	}
	args := make([]any, len(x.Args))
	for i, a := range x.Args {
		v, err := f.eval(a)
		if err != nil {
			return nil, err
		}
		args[i] = nullIfAutomation(v)
	}
	if x.Static {
		t, ok := target.(*TypeValue)
		if !ok {
			return nil, f.runtimeErrorAt(x, "NotSupported", "Static method calls need a type.")
		}
		return f.callStatic(x, t, name, args)
	}
	if value.IsNull(target) {
		if x.NullConditional {
			return nil, nil
		}
		return nil, f.errorAt(x, RuntimeException("You cannot call a method on a null-valued expression."), "InvokeMethodOnNull", InvalidOperation, nil)
	}
	return f.callMethod(x, target, name, args)
}

// methodNotFound is PowerShell's MethodNotFound error.
func (f *frame) methodNotFound(n ast.Node, target any, name string) error {
	return f.errorAt(n, newExceptionOf("System.Management.Automation.MethodException",
		fmt.Sprintf("Method invocation failed because [%s] does not contain a method named '%s'.", value.TypeName(target), name)),
		"MethodNotFound", InvalidOperation, nil)
}

// methodFailed wraps a failure inside a method as PowerShell does: a
// MethodInvocationException "Exception calling ..." around the .NET
// exception, whose type name is the error id; an argument that does not
// convert is a MethodException instead.
func (f *frame) methodFailed(n ast.Node, name string, argc int, err error) error {
	switch e := err.(type) {
	case *RuntimeError, *ExitError, *breakSignal, *continueSignal, returnSignal:
		return err
	case *value.MethodArgumentError:
		return f.errorAt(n, newExceptionOf("System.Management.Automation.MethodException", e.Msg), "MethodArgumentConversionInvalidCastArgument", NotSpecified, nil)
	}
	inner, ok := err.(*Exception)
	if !ok {
		inner = newExceptionOf(classifyError(err.Error()), err.Error())
	}
	msg := fmt.Sprintf("Exception calling \"%s\" with \"%d\" argument(s): \"%s\"", name, argc, inner.Message)
	ex := newExceptionOf("System.Management.Automation.MethodInvocationException", msg)
	ex.Inner = inner
	return f.errorAt(n, ex, shortTypeName(inner.Types[0]), NotSpecified, nil)
}

// classifyError names the .NET exception a Go error from a method stands
// for, from .NET's own message texts.
func classifyError(msg string) string {
	switch {
	case strings.Contains(msg, "divide by zero"):
		return "System.DivideByZeroException"
	case strings.Contains(msg, "Index was outside the bounds"):
		return "System.IndexOutOfRangeException"
	case strings.Contains(msg, "(Parameter '") && (strings.Contains(msg, "out of range") || strings.Contains(msg, "must be") || strings.Contains(msg, "Index") || strings.Contains(msg, "Count") || strings.Contains(msg, "Non-negative")):
		return "System.ArgumentOutOfRangeException"
	case strings.Contains(msg, "cannot be null"):
		return "System.ArgumentNullException"
	case strings.Contains(msg, "not in a correct format"), strings.Contains(msg, "Unrecognized Guid"), strings.Contains(msg, "not a valid Base-64"), strings.Contains(msg, "recognizable digits"), strings.Contains(msg, "not recognized as a valid"):
		return "System.FormatException"
	case strings.Contains(msg, "too large or too small"), strings.Contains(msg, "overflow"):
		return "System.OverflowException"
	case strings.Contains(msg, "Invalid pattern"):
		return "System.Text.RegularExpressions.RegexParseException"
	case strings.Contains(msg, "already been added"), strings.Contains(msg, "(Parameter '"):
		return "System.ArgumentException"
	case strings.Contains(msg, "read-only"), strings.Contains(msg, "not supported"):
		return "System.NotSupportedException"
	case strings.Contains(msg, "Cannot find an overload"):
		return "System.Management.Automation.MethodException"
	}
	return "System.Management.Automation.RuntimeException"
}

// frameMethodCaller is implemented by the evaluator's own objects whose
// methods need the running frame (a regex replacement script block).
type frameMethodCaller interface {
	callMethodIn(f *frame, name string, args []any) (any, bool, error)
}

// callMethod calls an instance method on a value.
func (f *frame) callMethod(n ast.Node, target any, name string, args []any) (any, error) {
	lower := strings.ToLower(name)
	wrap := func(out any, found bool, err error) (any, bool, error) {
		if found && err != nil {
			return nil, true, f.methodFailed(n, name, len(args), err)
		}
		return out, found, err
	}
	if fm, ok := target.(frameMethodCaller); ok {
		if out, found, err := wrap(fm.callMethodIn(f, name, args)); found {
			return out, err
		}
	}
	if mc, ok := target.(value.MethodCaller); ok {
		if out, found, err := wrap(mc.CallMethod(name, args)); found {
			return out, err
		}
	}
	switch t := target.(type) {
	case string:
		if out, found, err := wrap(stringMethod(t, lower, args)); found {
			return out, err
		}
	case value.Char:
		if out, found, err := wrap(charMethod(t, lower, args)); found {
			return out, err
		}
	case *value.Hashtable:
		if out, found, err := wrap(hashtableMethod(t, lower, args)); found {
			return out, err
		}
	case *ScriptBlock:
		if out, found, err := f.scriptBlockMethod(n, t, lower, args); found {
			return out, err
		}
	case bool:
		if lower == "tostring" {
			return value.ToString(t), nil
		}
	}
	if value.IsNumber(target) {
		if out, found, err := wrap(numberMethod(target, lower, args)); found {
			return out, err
		}
	}
	if value.IsCollection(target) {
		if out, found, err := f.collectionMethod(n, target, lower, args); found {
			return out, err
		}
	}
	switch lower {
	case "tostring":
		if len(args) == 0 {
			// The .NET ToString of the base object: an array's type name,
			// and "" for a custom object (unlike "$obj", PowerShell issue
			// #6163).
			return value.ElementString(target), nil
		}
	case "gettype":
		if len(args) == 0 {
			return typeOfValue(target), nil
		}
	case "equals":
		if len(args) == 1 {
			return value.Equals(target, args[0], true), nil
		}
	case "gethashcode":
		return int32(len(value.ToString(target))), nil
	case "compareto":
		if c, ok := target.(value.Comparer); ok && len(args) == 1 {
			r, err := c.CompareTo(args[0])
			if err != nil {
				return nil, f.methodFailed(n, name, 1, err)
			}
			return int32(r), nil
		}
	}
	if value.IsCollection(target) {
		// Method-call enumeration: call the method on each element.
		var out []any
		for _, item := range value.Enumerate(target) {
			v, err := f.callMethod(n, item, name, args)
			if err != nil {
				return nil, err
			}
			out = append(out, value.Enumerate(v)...)
		}
		return listValue(out), nil
	}
	return nil, f.methodNotFound(n, target, name)
}

// scriptBlockMethod implements a script block's methods.
func (f *frame) scriptBlockMethod(n ast.Node, sb *ScriptBlock, name string, args []any) (any, bool, error) {
	switch name {
	case "invoke", "invokereturnasis":
		out, err := f.invokeScriptBlock(sb, args)
		if err != nil {
			return nil, true, err
		}
		if name == "invokereturnasis" {
			return listValue(out), true, nil
		}
		if out == nil {
			out = []any{}
		}
		return out, true, nil
	case "getnewclosure":
		return sb.closure(f), true, nil
	case "tostring":
		return sb.Text, true, nil
	}
	return nil, false, nil
}

// collectionMethod implements the methods of arrays and the intrinsic
// .ForEach() and .Where().
func (f *frame) collectionMethod(n ast.Node, target any, name string, args []any) (any, bool, error) {
	items := value.Enumerate(target)
	switch name {
	case "contains":
		if len(args) == 1 {
			for _, it := range items {
				if value.Equals(it, args[0], true) {
					return true, true, nil
				}
			}
			return false, true, nil
		}
	case "indexof":
		if len(args) == 1 {
			for i, it := range items {
				if value.Equals(it, args[0], true) {
					return int32(i), true, nil
				}
			}
			return int32(-1), true, nil
		}
	case "foreach":
		if len(args) >= 1 {
			out, err := f.intrinsicForEach(n, items, args)
			return out, true, err
		}
	case "where":
		if len(args) >= 1 {
			out, err := f.intrinsicWhere(n, items, args)
			return out, true, err
		}
	case "clone":
		if _, isArray := target.([]any); isArray {
			return append([]any{}, items...), true, nil
		}
	case "getenumerator":
		return &enumerator{items: items}, true, nil
	}
	return nil, false, nil
}

// listValue turns collected output into one value (see collect).
func listValue(items []any) any {
	switch len(items) {
	case 0:
		return value.AutomationNull
	case 1:
		return items[0]
	}
	return items
}
