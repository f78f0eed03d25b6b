package eval

import (
	"fmt"
	"strings"

	"github.com/keyhost/keyhost/ps/ast"
	"github.com/keyhost/keyhost/ps/value"
)

// TypeValue is a type used as a value: [int] standing alone, [math] in
// [math]::Round(...), what .GetType() returns. Types keyhost does not know
// (a PowerCLI type written in -is [VMware...]) still make a TypeValue so
// that -is can compare type names; casting to them or reading their
// static members fails with TypeNotFound.
type TypeValue struct {
	// Name is the name as written, or the full name for a resolved type.
	Name string
	t    *psType
}

// newTypeValue resolves a written type name.
func newTypeValue(name string) *TypeValue {
	t, _ := lookupType(name)
	return &TypeValue{Name: name, t: t}
}

// typeOfValue is $v.GetType().
func typeOfValue(v any) *TypeValue {
	name := value.TypeName(v)
	t, _ := lookupType(name)
	return &TypeValue{Name: name, t: t}
}

// TypeNames implements value.Object.
func (t *TypeValue) TypeNames() []string {
	return []string{"System.RuntimeType", "System.Reflection.TypeInfo", "System.Type", "System.Reflection.MemberInfo", "System.Object"}
}

// Property implements value.Object.
func (t *TypeValue) Property(name string) (any, bool) {
	full := t.fullName()
	switch strings.ToLower(name) {
	case "name":
		return shortTypeName(full), true
	case "fullname":
		return full, true
	case "namespace":
		base := full
		if i := strings.IndexAny(base, "[`"); i >= 0 {
			base = base[:i]
		}
		if i := strings.LastIndexByte(base, '.'); i >= 0 {
			return base[:i], true
		}
		return "", true
	case "isarray":
		return strings.HasSuffix(full, "[]"), true
	case "isenum":
		return t.t != nil && t.t.Enum != nil, true
	case "isvaluetype":
		return t.t != nil && t.t.Convert != nil && isValueTypeName(full), true
	case "basetype":
		if b := baseTypeName(full); b != "" {
			return newTypeValue(b), true
		}
		return nil, true
	}
	return nil, false
}

// PropertyNames implements value.Object.
func (t *TypeValue) PropertyNames() []string {
	return []string{"Name", "FullName", "Namespace", "BaseType", "IsArray", "IsEnum", "IsValueType"}
}

// String renders the type as its full name.
func (t *TypeValue) String() string { return t.fullName() }

// EqualTo implements value.Equaler: types are equal when their full names
// are.
func (t *TypeValue) EqualTo(other any) bool {
	o, ok := other.(*TypeValue)
	return ok && strings.EqualFold(o.fullName(), t.fullName())
}

func (t *TypeValue) fullName() string {
	if t.t != nil {
		return t.t.Name
	}
	return t.Name
}

// shortTypeName is Type.Name: the name without namespace ("Int32",
// "List`1", "Object[]").
func shortTypeName(full string) string {
	base, rest := full, ""
	if i := strings.IndexAny(full, "[`"); i >= 0 {
		base, rest = full[:i], full[i:]
	}
	if i := strings.LastIndexByte(base, '.'); i >= 0 {
		base = base[i+1:]
	}
	if strings.HasPrefix(rest, "`") {
		// List`1[System.String] -> List`1
		end := 1
		for end < len(rest) && rest[end] >= '0' && rest[end] <= '9' {
			end++
		}
		return base + rest[:end]
	}
	return base + rest
}

func isValueTypeName(full string) bool {
	switch full {
	case "System.Int32", "System.Int64", "System.Int16", "System.Byte", "System.SByte", "System.UInt16", "System.UInt32", "System.UInt64",
		"System.Double", "System.Single", "System.Decimal", "System.Boolean", "System.Char", "System.Guid", "System.DateTime", "System.TimeSpan":
		return true
	}
	return false
}

// baseTypeName is Type.BaseType's full name for the types scripts ask
// about.
func baseTypeName(full string) string {
	if base, ok := exceptionBases[full]; ok {
		return base
	}
	switch {
	case full == "System.Object":
		return ""
	case strings.HasSuffix(full, "[]"):
		return "System.Array"
	case isValueTypeName(full):
		return "System.ValueType"
	case full == "System.ValueType", full == "System.String", full == "System.Exception", full == "System.Array":
		return "System.Object"
	}
	if t, ok := lookupType(full); ok && t.Enum != nil {
		return "System.Enum"
	}
	return "System.Object"
}

// CallMethod implements value.MethodCaller for the Type methods scripts
// use.
func (t *TypeValue) CallMethod(name string, args []any) (any, bool, error) {
	switch strings.ToLower(name) {
	case "isinstanceoftype":
		if len(args) == 1 {
			return isType(args[0], t.fullName()), true, nil
		}
	case "getenumnames", "getenumvalues":
		if t.t != nil && t.t.Enum != nil {
			return enumMembers(t.t.Enum, strings.EqualFold(name, "getenumnames")), true, nil
		}
	case "tostring":
		return t.fullName(), true, nil
	}
	return nil, false, nil
}

// enumMembers lists an enum's names or values.
func enumMembers(e *value.EnumType, names bool) []any {
	out := make([]any, len(e.Members))
	for i, m := range e.Members {
		if names {
			out[i] = m
		} else {
			out[i] = value.Enum{Type: e, Index: i}
		}
	}
	return out
}

// resolved returns the type or a TypeNotFound error.
func (f *frame) resolved(n ast.Node, t *TypeValue) (*psType, error) {
	if t.t == nil {
		if rt, ok := lookupType(t.Name); ok {
			t.t = rt
		} else {
			return nil, f.typeNotFound(n, t.Name)
		}
	}
	return t.t, nil
}

// staticProperty implements [Type]::Property.
func (f *frame) staticProperty(n ast.Node, t *TypeValue, name string) (any, error) {
	pt, err := f.resolved(n, t)
	if err != nil {
		return nil, err
	}
	if pt.Enum != nil {
		if e, err := pt.Enum.Parse(name); err == nil {
			return e, nil
		}
	}
	if pt.StaticProperty != nil {
		if v, ok := pt.StaticProperty(f, name); ok {
			return v, nil
		}
	}
	if f.strict() >= 2 {
		return nil, f.runtimeErrorAt(n, "PropertyNotFoundStrict", fmt.Sprintf("The property '%s' cannot be found on this object. Verify that the property exists.", name))
	}
	return nil, nil
}

// callStatic implements [Type]::Method(args), including [Type]::new().
func (f *frame) callStatic(n ast.Node, t *TypeValue, name string, args []any) (any, error) {
	pt, err := f.resolved(n, t)
	if err != nil {
		return nil, err
	}
	if strings.EqualFold(name, "new") && pt.New != nil {
		out, err := pt.New(f, args)
		if err != nil {
			return nil, f.methodFailed(n, "new", len(args), err)
		}
		return out, nil
	}
	if pt.StaticMethod != nil {
		out, found, err := pt.StaticMethod(f, name, args)
		if found {
			if err != nil {
				return nil, f.methodFailed(n, name, len(args), err)
			}
			return out, nil
		}
	}
	if pt.Enum != nil || strings.EqualFold(pt.Name, "System.Enum") {
		if out, found, err := enumStatic(pt, name, args); found {
			if err != nil {
				return nil, f.methodFailed(n, name, len(args), err)
			}
			return out, nil
		}
	}
	return nil, f.errorAt(n, newExceptionOf("System.Management.Automation.MethodException",
		fmt.Sprintf("Method invocation failed because [%s] does not contain a method named '%s'.", pt.Name, name)),
		"MethodNotFound", InvalidOperation, nil)
}
