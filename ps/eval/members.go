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
	return getMember(target, name), nil
}

// getMember reads a property the way PowerShell does, including
// member-access enumeration: on a collection that lacks the member itself,
// the member of each element is collected.
func getMember(target any, name string) any {
	if value.IsNull(target) {
		v, _ := value.GetProperty(nil, name)
		return v
	}
	if value.IsCollection(target) {
		if v, ok := value.GetProperty(target, name); ok {
			return v
		}
		var out []any
		for _, item := range value.Enumerate(target) {
			if value.IsNull(item) {
				continue
			}
			v := getMember(item, name)
			if value.IsCollection(v) {
				out = append(out, value.Enumerate(v)...)
			} else if v != nil || hasProperty(item, name) {
				out = append(out, v)
			}
		}
		switch len(out) {
		case 0:
			return nil
		case 1:
			return out[0]
		}
		return out
	}
	v, _ := value.GetProperty(target, name)
	return v
}

func hasProperty(v any, name string) bool {
	_, ok := value.GetProperty(v, name)
	return ok
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
	idx, err := f.eval(x.Index)
	if err != nil {
		return nil, err
	}
	if value.IsNull(target) {
		if x.NullConditional {
			return nil, nil
		}
		return nil, f.errorAt(x, RuntimeException("Cannot index into a null array."), "NullArray", InvalidOperation, nil)
	}
	return indexValue(target, idx), nil
}

// indexValue indexes a value: arrays by position (negative counts from the
// end, several indices give a slice), hashtables by key, strings by
// character. Out-of-range positions give $null.
func indexValue(target, idx any) any {
	switch t := target.(type) {
	case *value.Hashtable:
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
		i, ok := position(idx, len(rs))
		if !ok {
			return nil
		}
		return string(rs[i])
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
	p, ok := position(idx, 1)
	if !ok {
		return nil
	}
	_ = p
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
		t.Set(idx, v)
		return nil
	case []any:
		p, ok := position(idx, len(t))
		if !ok {
			return f.errorAt(n, RuntimeException("Index was outside the bounds of the array."), "IndexOutOfRange", InvalidOperation, idx)
		}
		t[p] = v
		return nil
	case nil:
		return f.errorAt(n, RuntimeException("Cannot index into a null array."), "NullArray", InvalidOperation, nil)
	}
	return f.errorAt(n, RuntimeException(fmt.Sprintf("Unable to index into an object of type %s.", value.TypeName(target))), "CannotIndex", InvalidOperation, target)
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
	return f.errorAt(n, &Exception{Types: append([]string{"System.Management.Automation.MethodException"}, runtimeExceptionTypes...),
		Message: fmt.Sprintf("Method invocation failed because [%s] does not contain a method named '%s'.", value.TypeName(target), name)},
		"MethodNotFound", InvalidOperation, nil)
}

// methodFailed wraps a failure inside a method as MethodInvocationException.
func (f *frame) methodFailed(n ast.Node, name string, argc int, err error) error {
	if _, ok := err.(*RuntimeError); ok {
		return err
	}
	msg := fmt.Sprintf("Exception calling \"%s\" with \"%d\" argument(s): \"%s\"", name, argc, err.Error())
	return f.errorAt(n, &Exception{Types: methodInvokeTypes, Message: msg}, "MethodInvocationException", NotSpecified, nil)
}

// callMethod calls an instance method on a value.
func (f *frame) callMethod(n ast.Node, target any, name string, args []any) (any, error) {
	lower := strings.ToLower(name)
	if mc, ok := target.(value.MethodCaller); ok {
		out, found, err := mc.CallMethod(name, args)
		if found {
			if err != nil {
				return nil, f.methodFailed(n, name, len(args), err)
			}
			return out, nil
		}
	}
	switch t := target.(type) {
	case string:
		if out, found, err := stringMethod(t, lower, args); found {
			if err != nil {
				return nil, f.methodFailed(n, name, len(args), err)
			}
			return out, nil
		}
	case *value.Hashtable:
		if out, found, err := hashtableMethod(t, lower, args); found {
			if err != nil {
				return nil, f.methodFailed(n, name, len(args), err)
			}
			return out, nil
		}
	case *ScriptBlock:
		if lower == "invoke" || lower == "invokereturnasis" {
			out, err := f.invokeScriptBlock(t, args)
			if err != nil {
				return nil, err
			}
			if lower == "invokereturnasis" {
				return f.collect(func(e emitter) error { return emitAll(out, e) })
			}
			return out, nil
		}
	}
	if value.IsCollection(target) {
		if out, found, err := f.collectionMethod(n, target, lower, args); found {
			return out, err
		}
	}
	switch lower {
	case "tostring":
		return value.ToString(target), nil
	case "gettype":
		return &TypeValue{Name: value.TypeName(target)}, nil
	case "equals":
		if len(args) == 1 {
			return value.Equals(target, args[0], true), nil
		}
	case "gethashcode":
		return int32(len(value.ToString(target))), nil
	}
	if value.IsCollection(target) {
		// Method-call enumeration: call the method on each element.
		var out []any
		for _, item := range value.Enumerate(target) {
			v, err := f.callMethod(n, item, name, args)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	}
	return nil, f.methodNotFound(n, target, name)
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
	case "foreach", "where":
		if len(args) >= 1 {
			sb, ok := args[0].(*ScriptBlock)
			if !ok {
				return nil, true, f.runtimeErrorAt(n, "MethodInvocationException", "The ."+name+"() method needs a script block argument.")
			}
			var out []any
			for _, it := range items {
				res, err := f.collectList(func(e emitter) error { return f.invokeBlockInScope(sb, it, nil, e) })
				if err != nil {
					return nil, true, err
				}
				if name == "foreach" {
					out = append(out, res...)
				} else if value.ToBool(listValue(res)) {
					out = append(out, it)
				}
			}
			if out == nil {
				out = []any{}
			}
			return out, true, nil
		}
	case "clone":
		return append([]any{}, items...), true, nil
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
