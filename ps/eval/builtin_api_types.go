package eval

import (
	"github.com/keyhost/keyhost/ps/value"
)

// Hooks for ps/builtin: constructing objects by type name, type tests
// and method calls, with the evaluator's own rules.

// NewObject constructs an instance of a type by name, as New-Object
// -TypeName T -ArgumentList args and [T]::new(args) do. found is false
// when keyhost knows no such type or cannot construct it.
func (c *Call) NewObject(typeName string, args []any) (v any, found bool, err error) {
	t, ok := lookupType(typeName)
	if !ok || t.New == nil {
		return nil, false, nil
	}
	v, err = t.New(c.f, args)
	return v, true, err
}

// IsType is the -is operator: t is a type name or a type ([string]).
func IsType(v any, t any) bool { return isType(v, typeNameOfValue(t)) }

// InvokeMethod calls a method on a value as $v.Name(args) does (string,
// hashtable and collection methods included); errors come back as the
// evaluator reports them.
func (c *Call) InvokeMethod(target any, name string, args []any) (any, error) {
	if value.IsNull(target) {
		return nil, c.f.errorAt(c.cmd, RuntimeException("You cannot call a method on a null-valued expression."), "InvokeMethodOnNull", InvalidOperation, nil)
	}
	return c.f.callMethod(c.cmd, target, name, args)
}

// GetMember reads a property as $v.Name does, including member-access
// enumeration on collections; ok is false when there is no such member.
func GetMember(target any, name string) (any, bool) { return getMemberOK(target, name) }

// ScriptMember returns a function that runs sb as a script method (or
// script property getter) of this: in a new scope, a child of the one
// the command was called from, with $this set and the arguments bound to
// the block's parameters (Add-Member -MemberType ScriptMethod).
func (c *Call) ScriptMember(sb *ScriptBlock, this any) func(args []any) (any, error) {
	f := c.f
	return func(args []any) (any, error) {
		scope := newScope(f.scope, false)
		_ = scope.set("this", this)
		out, err := f.child(scope, sb.src).invokeScriptBlock(sb, args)
		if err != nil {
			return nil, err
		}
		switch len(out) {
		case 0:
			return nil, nil
		case 1:
			return out[0], nil
		}
		return out, nil
	}
}
