// Package value is the object model of keyhost's PowerShell interpreter:
// what a PowerShell value is in Go, and the conversions, comparisons and
// truth rules of PowerShell's LanguagePrimitives.
//
// A value is a Go `any`:
//
//	nil                 $null
//	AutomationNull      "no output" (a command that wrote nothing)
//	bool                [bool]
//	int32, int64        [int], [long]
//	float64             [double]
//	string              [string]
//	[]any               [object[]] (PowerShell arrays are reference types; slices alias)
//	*Hashtable          [hashtable] / [ordered]
//	*PSObject           [pscustomobject] and other property bags
//	Object              any Go type that exposes properties (PowerCLI objects, views)
//
// The interpreter adds its own kinds (script blocks, error records) that also
// implement Object.
package value

import (
	"sort"
	"strings"
)

// automationNull is the type of AutomationNull.
type automationNull struct{}

// AutomationNull is what a command that produced no output evaluates to. It
// differs from $null in pipelines: it sends zero objects where $null sends one.
var AutomationNull any = automationNull{}

// IsNull reports whether v is $null or AutomationNull.
func IsNull(v any) bool {
	if v == nil {
		return true
	}
	_, ok := v.(automationNull)
	return ok
}

// Object is implemented by values that carry named properties: PowerCLI
// inventory objects, vSphere API views, error records, custom objects.
// Property lookup is case-insensitive, as everywhere in PowerShell.
type Object interface {
	// TypeNames lists the object's .NET-style type names, most derived
	// first, ending with "System.Object". It drives -is, formatting and
	// PSTypeNames.
	TypeNames() []string
	// Property returns the value of the named property and whether the
	// object has it. Lookup ignores case.
	Property(name string) (any, bool)
	// PropertyNames lists the properties in display order.
	PropertyNames() []string
}

// PropertySetter is implemented by objects whose properties can be assigned.
type PropertySetter interface {
	SetProperty(name string, v any) error
}

// MethodCaller is implemented by objects with methods callable from scripts
// ($obj.Method(args)). ok is false when there is no such method.
type MethodCaller interface {
	CallMethod(name string, args []any) (result any, ok bool, err error)
}

// Stringer is implemented by objects whose string form is not their type
// name: a PowerCLI VM renders as its name in "$vm".
type Stringer interface {
	String() string
}

// TypeNames returns the type names of any value, most derived first.
func TypeNames(v any) []string {
	switch x := v.(type) {
	case nil:
		return nil
	case automationNull:
		return []string{"System.Management.Automation.Internal.AutomationNull", "System.Object"}
	case bool:
		return []string{"System.Boolean", "System.ValueType", "System.Object"}
	case int32:
		return []string{"System.Int32", "System.ValueType", "System.Object"}
	case int64:
		return []string{"System.Int64", "System.ValueType", "System.Object"}
	case float64:
		return []string{"System.Double", "System.ValueType", "System.Object"}
	case string:
		return []string{"System.String", "System.Object"}
	case []any:
		return []string{"System.Object[]", "System.Array", "System.Object"}
	case Object:
		return x.TypeNames()
	}
	if n := numericTypeName(v); n != "" {
		return []string{n, "System.ValueType", "System.Object"}
	}
	return []string{"System.Object"}
}

// TypeName returns the most derived type name of v, or "" for $null.
func TypeName(v any) string {
	names := TypeNames(v)
	if len(names) == 0 {
		return ""
	}
	return names[0]
}

// GetProperty reads a property of any value the PowerShell way: objects by
// name, hashtable keys as properties, and the intrinsic Count and Length.
// ok is false when there is no such member.
func GetProperty(v any, name string) (any, bool) {
	switch x := v.(type) {
	case nil:
		switch strings.ToLower(name) {
		case "count", "length":
			return int32(0), true
		}
		return nil, false
	case *Hashtable:
		if val, ok := x.Get(name); ok {
			return val, true
		}
		switch strings.ToLower(name) {
		case "count":
			return int32(x.Len()), true
		case "keys":
			return x.Keys(), true
		case "values":
			return x.Values(), true
		}
		return nil, false
	case string:
		if strings.EqualFold(name, "Length") {
			return int32(len([]rune(x))), true
		}
	case []any:
		switch strings.ToLower(name) {
		case "count", "length":
			return int32(len(x)), true
		case "rank":
			return int32(1), true
		}
		return nil, false
	case Object:
		if val, ok := x.Property(name); ok {
			return val, true
		}
	}
	// Intrinsic members every object has.
	switch strings.ToLower(name) {
	case "count", "length":
		return int32(1), true
	}
	return nil, false
}

// SortedKeys returns the keys of a string map in a stable order; used where
// Go map order must not leak into output.
func SortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Indexer is implemented by collections that support $x[i] and
// $x[i] = v themselves (lists, dictionaries).
type Indexer interface {
	GetIndex(idx any) (any, error)
	SetIndex(idx, v any) error
}
