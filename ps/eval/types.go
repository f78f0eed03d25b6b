package eval

import (
	"fmt"
	"strings"

	"github.com/keyhost/keyhost/ps/ast"
	"github.com/keyhost/keyhost/ps/value"
)

// psType is a type keyhost can cast to: its full .NET name and the
// conversion.
type psType struct {
	Name    string
	Convert func(v any) (any, error)
}

// builtinTypes maps lower-case type names and accelerators to types.
var builtinTypes = map[string]*psType{}

func init() {
	add := func(t *psType, names ...string) {
		for _, n := range names {
			builtinTypes[n] = t
		}
		builtinTypes[strings.ToLower(t.Name)] = t
	}
	add(&psType{Name: "System.Int32", Convert: func(v any) (any, error) { return value.ToInt32(v) }}, "int", "int32")
	add(&psType{Name: "System.Int64", Convert: func(v any) (any, error) { return value.ToInt64(v) }}, "long", "int64")
	add(&psType{Name: "System.Double", Convert: func(v any) (any, error) { return value.ToFloat64(v) }}, "double", "float", "single", "decimal")
	add(&psType{Name: "System.String", Convert: func(v any) (any, error) { return value.ToString(v), nil }}, "string")
	add(&psType{Name: "System.Boolean", Convert: func(v any) (any, error) { return value.ToBool(v), nil }}, "bool", "boolean")
	add(&psType{Name: "System.Management.Automation.SwitchParameter", Convert: func(v any) (any, error) { return value.ToBool(v), nil }}, "switch")
	add(&psType{Name: "System.Object", Convert: func(v any) (any, error) { return v, nil }}, "object", "psobject")
	add(&psType{Name: "System.Object[]", Convert: toArray}, "array", "object[]")
	add(&psType{Name: "System.Collections.Hashtable", Convert: toHashtable}, "hashtable")
	add(&psType{Name: "System.Management.Automation.PSCustomObject", Convert: toCustomObject}, "pscustomobject")
	add(&psType{Name: "System.Management.Automation.ScriptBlock", Convert: toScriptBlock}, "scriptblock")
	add(&psType{Name: "System.Void", Convert: func(any) (any, error) { return value.AutomationNull, nil }}, "void")
}

// toArray is the [array] / [object[]] cast.
func toArray(v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	if value.IsNull(v) {
		return []any{}, nil
	}
	return append([]any{}, value.Enumerate(v)...), nil
}

func toHashtable(v any) (any, error) {
	if h, ok := v.(*value.Hashtable); ok {
		return h, nil
	}
	return nil, &value.ConversionError{Value: v, TypeName: "System.Collections.Hashtable"}
}

// toCustomObject is [pscustomobject]: a hashtable becomes an object with
// its keys as properties, in order.
func toCustomObject(v any) (any, error) {
	h, ok := v.(*value.Hashtable)
	if !ok {
		return v, nil
	}
	o := value.NewPSObject()
	keys, vals := h.Keys(), h.Values()
	for i, k := range keys {
		o.Add(value.ToString(k), vals[i])
	}
	return o, nil
}

func toScriptBlock(v any) (any, error) {
	if sb, ok := v.(*ScriptBlock); ok {
		return sb, nil
	}
	return nil, &value.ConversionError{Value: v, TypeName: "System.Management.Automation.ScriptBlock"}
}

// lookupType finds a type by the name written in brackets, handling array
// suffixes (string[], int[]).
func lookupType(name string) (*psType, bool) {
	lower := strings.ToLower(strings.TrimSpace(name))
	if t, ok := builtinTypes[lower]; ok {
		return t, true
	}
	if strings.HasSuffix(lower, "[]") {
		elem, ok := lookupType(lower[:len(lower)-2])
		if !ok {
			return nil, false
		}
		return &psType{Name: elem.Name + "[]", Convert: func(v any) (any, error) {
			if v == nil {
				return nil, nil
			}
			items := value.Enumerate(v)
			out := make([]any, len(items))
			for i, it := range items {
				c, err := elem.Convert(it)
				if err != nil {
					return nil, err
				}
				out[i] = c
			}
			return out, nil
		}}, true
	}
	return nil, false
}

// parameterType turns a parameter's type constraints into a binder type.
func (r *Runner) parameterType(types []*ast.TypeName) *Type {
	if len(types) == 0 {
		return nil
	}
	t, ok := lookupType(types[len(types)-1].Name)
	if !ok {
		return nil // an unknown type constrains nothing keyhost can check
	}
	return &Type{Name: t.Name, Convert: t.Convert}
}

// cast converts v to the named type, as [type]$v does.
func (f *frame) cast(n ast.Node, typeName string, v any) (any, error) {
	t, ok := lookupType(typeName)
	if !ok {
		return nil, f.errorAt(n, RuntimeException(fmt.Sprintf("Unable to find type [%s].", typeName)), "TypeNotFound", InvalidOperation, typeName)
	}
	out, err := t.Convert(v)
	if err != nil {
		msg := err.Error()
		if _, isConv := err.(*value.ConversionError); !isConv {
			msg = (&value.ConversionError{Value: v, TypeName: t.Name, Reason: msg}).Error()
		}
		return nil, f.errorAt(n, &Exception{Types: append([]string{"System.Management.Automation.PSInvalidCastException", "System.InvalidCastException"}, runtimeExceptionTypes...), Message: msg}, "ConvertToFinalInvalidCastException", InvalidArgument, v)
	}
	return out, nil
}

// isType implements -is: v's type names include the written type, full
// or short, or the written type is a base every value of v's kind has.
func isType(v any, typeName string) bool {
	if value.IsNull(v) {
		return false
	}
	written := strings.TrimSpace(typeName)
	if t, ok := lookupType(written); ok {
		written = t.Name
	}
	if strings.EqualFold(written, "System.Object") {
		return true
	}
	for _, n := range value.TypeNames(v) {
		if typeNameMatches(n, written) {
			return true
		}
	}
	return false
}
