package eval

import (
	"fmt"
	"strings"

	"github.com/keyhost/keyhost/ps/ast"
	"github.com/keyhost/keyhost/ps/value"
)

// psType is a .NET type as keyhost knows it: its full name, how a value
// is cast to it, and, when the type has any, its static members and
// constructors. Types register in builtinTypes under their lower-case full
// name and their accelerators; files that add a type do so from init()
// (types_datetime.go adds [datetime] that way).
type psType struct {
	// Name is the full .NET name, e.g. "System.Int32".
	Name string
	// Convert casts a value ([T]$v); nil means nothing converts to T.
	Convert func(v any) (any, error)
	// Enum is set for enum types: [T]::Member reads a member.
	Enum *value.EnumType
	// StaticProperty reads [T]::Name; ok is false for no such member.
	StaticProperty func(f *frame, name string) (v any, ok bool)
	// StaticMethod calls [T]::Name(args); found is false for no such
	// method.
	StaticMethod func(f *frame, name string, args []any) (v any, found bool, err error)
	// New constructs an instance: [T]::new(args) and New-Object T args.
	New func(f *frame, args []any) (any, error)
	// Interface marks an interface or abstract base: -is tests it with
	// isInstance instead of by type name.
	isInstance func(v any) bool
}

// builtinTypes maps lower-case type names and accelerators to types.
var builtinTypes = map[string]*psType{}

// registerType adds a type under its full name and the given aliases
// (accelerators and short forms).
func registerType(t *psType, names ...string) *psType {
	builtinTypes[strings.ToLower(t.Name)] = t
	for _, n := range names {
		builtinTypes[strings.ToLower(n)] = t
	}
	return t
}

// genericTypes builds closed generic types from their arguments, keyed by
// the lower-case generic name without arity ("system.collections.generic.list").
var genericTypes = map[string]func(args []*psType) (*psType, bool){}

func init() {
	registerType(&psType{Name: "System.Object", Convert: func(v any) (any, error) { return v, nil }}, "object")
	registerType(&psType{Name: "System.Management.Automation.PSObject", Convert: func(v any) (any, error) { return v, nil }}, "psobject")
	registerType(&psType{Name: "System.String", Convert: toStringCast}, "string")
	registerType(&psType{Name: "System.Boolean", Convert: func(v any) (any, error) { return value.ToBool(v), nil }}, "bool", "boolean")
	registerType(&psType{Name: "System.Management.Automation.SwitchParameter", Convert: func(v any) (any, error) { return value.ToBool(v), nil }}, "switch")
	registerType(&psType{Name: "System.Array", Convert: toArray}, "array")
	registerType(&psType{Name: "System.Collections.Hashtable", Convert: toHashtable, New: func(*frame, []any) (any, error) { return value.NewHashtable(), nil }}, "hashtable")
	registerType(&psType{Name: "System.Collections.Specialized.OrderedDictionary", Convert: toOrdered, New: func(*frame, []any) (any, error) {
		h := value.NewHashtable()
		h.Ordered = true
		return h, nil
	}}, "ordered")
	registerType(&psType{Name: "System.Management.Automation.PSCustomObject", Convert: toCustomObject}, "pscustomobject")
	registerType(&psType{Name: "System.Void", Convert: func(any) (any, error) { return value.AutomationNull, nil }}, "void")
	registerType(&psType{Name: "System.Type", Convert: toTypeValue}, "type")
	registerType(&psType{Name: "System.Security.SecureString", Convert: func(v any) (any, error) {
		if s, ok := v.(*value.SecureString); ok {
			return s, nil
		}
		return nil, noConversion(v, "System.Security.SecureString")
	}, New: func(*frame, []any) (any, error) { return value.NewSecureString(""), nil }}, "securestring")
	registerType(&psType{Name: "System.Management.Automation.Internal.AutomationNull"})
	registerType(&psType{Name: "System.ValueType", isInstance: func(v any) bool {
		return value.IsNumber(v) || isBool(v) || isChar(v) || isEnum(v)
	}})
	registerType(&psType{Name: "System.Enum", isInstance: isEnum})
	registerType(&psType{Name: "System.Collections.IEnumerable", isInstance: func(v any) bool {
		switch v.(type) {
		case string, []any, *value.Hashtable, value.Enumerable:
			return true
		}
		return false
	}})
	registerType(&psType{Name: "System.Collections.ICollection", isInstance: isListLike})
	registerType(&psType{Name: "System.Collections.IList", isInstance: isListLike})
	registerType(&psType{Name: "System.Collections.IDictionary", isInstance: func(v any) bool {
		_, ok := v.(*value.Hashtable)
		return ok
	}})
	registerType(&psType{Name: "System.IComparable", isInstance: func(v any) bool {
		if _, ok := v.(value.Comparer); ok {
			return true
		}
		_, ok := v.(string)
		return ok || value.IsNumber(v) || isChar(v) || isBool(v)
	}})
	registerType(&psType{Name: "System.IFormattable", isInstance: value.IsNumber})
}

func isBool(v any) bool { _, ok := v.(bool); return ok }
func isChar(v any) bool { _, ok := v.(value.Char); return ok }
func isEnum(v any) bool { _, ok := v.(value.Enum); return ok }

func isListLike(v any) bool {
	switch v.(type) {
	case []any, *value.List:
		return true
	}
	return false
}

// noConversion is PowerShell's error when no conversion path exists.
func noConversion(v any, typeName string) error {
	return &value.ConversionError{Value: v, TypeName: typeName, ID: "ConvertToFinalInvalidCastException",
		Message: fmt.Sprintf("Cannot convert the \"%s\" value of type \"%s\" to type \"%s\".", valueForMessage(v), typeNameForMessage(v), typeName)}
}

// valueForMessage renders a value in an error message as .NET's
// ToString() does: collections as their type name.
func valueForMessage(v any) string {
	switch x := v.(type) {
	case []any:
		return "System.Object[]"
	case *value.Hashtable:
		return x.TypeNames()[0]
	case value.Enumerable:
		return value.TypeName(v)
	}
	return value.ToString(v)
}

// typeNameForMessage is the type of a value as conversion errors name it.
func typeNameForMessage(v any) string {
	if v == nil {
		return "null"
	}
	return value.TypeName(v)
}

// toStringCast is [string]: arrays are joined with a space ($OFS is
// applied by the caller where it matters), $null becomes ”.
func toStringCast(v any) (any, error) {
	if v == nil {
		return "", nil
	}
	return value.ToString(v), nil
}

// toArray is the [array] / [object[]] cast.
func toArray(v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	if value.IsNull(v) {
		return []any{}, nil
	}
	if _, ok := v.(*value.Hashtable); ok {
		return []any{v}, nil
	}
	return append([]any{}, value.Enumerate(v)...), nil
}

func toHashtable(v any) (any, error) {
	if h, ok := v.(*value.Hashtable); ok {
		if h.Ordered || h.Generic != nil {
			c := value.NewHashtable()
			keys, vals := h.Keys(), h.Values()
			for i := range keys {
				c.Set(keys[i], vals[i])
			}
			return c, nil
		}
		return h, nil
	}
	if v == nil {
		return nil, nil
	}
	return nil, noConversion(v, "System.Collections.Hashtable")
}

func toOrdered(v any) (any, error) {
	if h, ok := v.(*value.Hashtable); ok && h.Ordered {
		return h, nil
	}
	return nil, noConversion(v, "System.Collections.Specialized.OrderedDictionary")
}

// toCustomObject is [pscustomobject]: a hashtable becomes an object with
// its keys as properties, in order; anything else is returned as is.
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

// toTypeValue is [type]'name'.
func toTypeValue(v any) (any, error) {
	switch x := v.(type) {
	case *TypeValue:
		return x, nil
	case string:
		t, ok := lookupType(x)
		if !ok {
			return nil, &value.ConversionError{Value: v, TypeName: "System.Type", ID: "InvalidCastFromStringToType",
				Message: fmt.Sprintf("Cannot convert the \"%s\" value of type \"System.String\" to type \"System.Type\".", x)}
		}
		return &TypeValue{Name: t.Name, t: t}, nil
	}
	return nil, noConversion(v, "System.Type")
}

// lookupType finds a type by the name written in brackets: accelerators,
// full names with or without the leading "System.", arrays (string[],
// int[]) and the generic collections.
func lookupType(name string) (*psType, bool) {
	lower := strings.ToLower(strings.TrimSpace(name))
	if t, ok := builtinTypes[lower]; ok {
		return t, true
	}
	if t, ok := builtinTypes["system."+lower]; ok {
		return t, true
	}
	spec, ok := parseTypeName(name)
	if !ok {
		return nil, false
	}
	return resolveSpec(spec)
}

// resolveSpec resolves a parsed type name.
func resolveSpec(spec *typeSpec) (*psType, bool) {
	if spec.array > 0 {
		elem, ok := resolveSpec(&typeSpec{base: spec.base, args: spec.args})
		if !ok {
			return nil, false
		}
		t := elem
		for i := 0; i < spec.array; i++ {
			t = arrayType(t)
		}
		return t, true
	}
	if len(spec.args) == 0 {
		lower := strings.ToLower(spec.base)
		if t, ok := builtinTypes[lower]; ok {
			return t, true
		}
		t, ok := builtinTypes["system."+lower]
		return t, ok
	}
	args := make([]*psType, len(spec.args))
	for i, a := range spec.args {
		t, ok := resolveSpec(a)
		if !ok {
			return nil, false
		}
		args[i] = t
	}
	lower := strings.ToLower(spec.base)
	for _, key := range []string{lower, "system." + lower, "system.collections.generic." + lower} {
		if make, ok := genericTypes[key]; ok {
			return make(args)
		}
	}
	return nil, false
}

// arrayType is T[]: a cast converts every element to T.
func arrayType(elem *psType) *psType {
	name := elem.Name + "[]"
	if elem.Name == "System.Object" {
		name = "System.Object[]"
	}
	return &psType{Name: name, Convert: func(v any) (any, error) {
		if v == nil {
			return nil, nil
		}
		if value.IsNull(v) {
			return []any{}, nil
		}
		var items []any
		if _, isDict := v.(*value.Hashtable); isDict {
			items = []any{v}
		} else if s, isStr := v.(string); isStr && elem.Name == "System.Char" {
			// [char[]]'abc' is the string's characters.
			for _, r := range s {
				items = append(items, value.Char(r))
			}
		} else {
			items = value.Enumerate(v)
		}
		out := make([]any, len(items))
		for i, it := range items {
			if elem.Convert == nil {
				return nil, noConversion(v, name)
			}
			c, err := elem.Convert(it)
			if err != nil {
				return nil, err
			}
			out[i] = c
		}
		return out, nil
	}, New: func(_ *frame, args []any) (any, error) {
		if len(args) != 1 {
			return nil, fmt.Errorf("Cannot find an overload for \"new\" and the argument count: \"%d\".", len(args))
		}
		n, err := value.ToInt32(args[0])
		if err != nil || n < 0 {
			return nil, fmt.Errorf("Arithmetic operation resulted in an overflow.")
		}
		out := make([]any, n)
		var zero any
		if elem.Convert != nil {
			zero, _ = elem.Convert(nil)
		}
		for i := range out {
			out[i] = zero
		}
		return out, nil
	}}
}

// parameterType turns a parameter's type constraints into a binder type.
func (r *Runner) parameterType(types []*ast.TypeName) *Type {
	if len(types) == 0 {
		return nil
	}
	t, ok := lookupType(types[len(types)-1].Name)
	if !ok || t.Convert == nil {
		return nil // an unknown type constrains nothing keyhost can check
	}
	return &Type{Name: t.Name, Convert: t.Convert}
}

// scriptParameterType is the binder type of a script parameter's type
// constraint: conversion failures are argument transformation errors, as
// for PowerShell's ArgumentTypeConverterAttribute; [bool] accepts only
// booleans and numbers.
func (r *Runner) scriptParameterType(types []*ast.TypeName) *Type {
	t := r.parameterType(types)
	if t == nil {
		return nil
	}
	conv := t.Convert
	if t.Name == "System.Boolean" {
		conv = BoolType.Convert
	}
	return &Type{Name: t.Name, script: true, Convert: func(v any) (any, error) {
		out, err := conv(v)
		if err != nil {
			if _, ok := err.(*TransformError); ok {
				return nil, err
			}
			return nil, &TransformError{Msg: err.Error()}
		}
		return out, nil
	}}
}

// castError turns a failed conversion into PowerShell's error: the
// PSInvalidCastException with the conversion's id.
func (f *frame) castError(n ast.Node, typeName string, v any, err error) error {
	var ce *value.ConversionError
	msg, id := err.Error(), "ConvertToFinalInvalidCastException"
	if asConv(err, &ce) {
		if ce.ID != "" {
			id = ce.ID
		} else if _, isStr := v.(string); isStr {
			id = castIDFor(ce.TypeName)
		}
	} else {
		msg = (&value.ConversionError{Value: v, TypeName: typeName, Reason: msg}).Error()
	}
	return f.errorAt(n, newExceptionOf("System.Management.Automation.PSInvalidCastException", msg), id, InvalidArgument, v)
}

// castIDFor is the error id of a failed string conversion to a type.
func castIDFor(typeName string) string {
	switch typeName {
	case "System.Int32", "System.Int64", "System.Int16", "System.Byte", "System.SByte", "System.UInt16", "System.UInt32", "System.UInt64":
		return "InvalidCastFromStringToInteger"
	case "System.Double", "System.Single":
		return "InvalidCastFromStringToDoubleOrSingle"
	case "System.Decimal":
		return "InvalidCastFromStringToDecimal"
	}
	return "InvalidCastParseTargetInvocation"
}

func asConv(err error, out **value.ConversionError) bool {
	ce, ok := err.(*value.ConversionError)
	if ok {
		*out = ce
	}
	return ok
}

// cast converts v to the named type, as [type]$v does.
func (f *frame) cast(n ast.Node, typeName string, v any) (any, error) {
	t, ok := lookupType(typeName)
	if !ok {
		return nil, f.typeNotFound(n, typeName)
	}
	return f.castTo(n, t, v)
}

// castTo converts v to a resolved type.
func (f *frame) castTo(n ast.Node, t *psType, v any) (any, error) {
	if t.Name == "System.String" && value.IsCollection(v) {
		// [string] on a collection joins it with $OFS.
		return value.ToStringSep(v, f.ofs()), nil
	}
	if t.Convert == nil {
		return nil, f.castError(n, t.Name, v, noConversion(v, t.Name))
	}
	out, err := t.Convert(v)
	if err != nil {
		return nil, f.castError(n, t.Name, v, err)
	}
	return out, nil
}

// typeNotFound is the TypeNotFound error for [Unknown.Type].
func (f *frame) typeNotFound(n ast.Node, typeName string) error {
	return f.errorAt(n, RuntimeException(fmt.Sprintf("Unable to find type [%s].", typeName)), "TypeNotFound", InvalidOperation, typeName)
}

// isType implements -is: v's type names include the written type, full
// or short, or the type is an interface or base v satisfies.
func isType(v any, typeName string) bool {
	if value.IsNull(v) {
		return false
	}
	written := strings.TrimSpace(typeName)
	if t, ok := lookupType(written); ok {
		if t.isInstance != nil {
			return t.isInstance(v)
		}
		written = t.Name
	}
	if strings.EqualFold(written, "System.Object") {
		return true
	}
	if strings.EqualFold(written, "System.Management.Automation.PSObject") {
		_, ok := v.(*value.PSObject)
		return ok
	}
	for _, n := range value.TypeNames(v) {
		if typeNameMatches(n, written) {
			return true
		}
	}
	return false
}
