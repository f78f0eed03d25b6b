package builtin

import (
	"fmt"

	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
)

// Parameter types the cmdlets share, converting arguments as PowerShell's
// binder does for the .NET parameter types.

// int64Type converts to [long].
var int64Type = &eval.Type{Name: "System.Int64", Convert: func(v any) (any, error) { return value.ToInt64(v) }}

// doubleType converts to [double].
var doubleType = &eval.Type{Name: "System.Double", Convert: func(v any) (any, error) { return value.ToFloat64(v) }}

// dateTimeType converts to [datetime].
var dateTimeType = &eval.Type{Name: "System.DateTime", Convert: func(v any) (any, error) { return value.ToDateTime(v) }}

// timeSpanType converts to [timespan].
var timeSpanType = &eval.Type{Name: "System.TimeSpan", Convert: func(v any) (any, error) { return value.ToTimeSpan(v) }}

// hashtableType accepts hashtables ([System.Collections.IDictionary]).
var hashtableType = &eval.Type{Name: "System.Collections.IDictionary", Convert: func(v any) (any, error) {
	if h, ok := v.(*value.Hashtable); ok {
		return h, nil
	}
	return nil, fmt.Errorf("Cannot convert the \"%s\" value of type \"%s\" to type \"System.Collections.IDictionary\".", value.ToString(v), value.TypeName(v))
}}

// intArrayType converts to [int[]].
var intArrayType = &eval.Type{Name: "System.Int32[]", Convert: func(v any) (any, error) {
	items := value.Enumerate(v)
	out := make([]any, len(items))
	for i, it := range items {
		n, err := value.ToInt32(it)
		if err != nil {
			return nil, err
		}
		out[i] = n
	}
	return out, nil
}}

// objectArrayType converts an argument to [object[]], keeping $null as
// one element and enumerating collections.
var objectArrayType = &eval.Type{Name: "System.Management.Automation.PSObject[]", Convert: func(v any) (any, error) {
	return append([]any{}, value.Enumerate(v)...), nil
}}

// enumParamType is a parameter of a .NET enum type: names match in any
// case and the bound value is a value.Enum.
func enumParamType(typeName string, members ...string) *eval.Type {
	t := &value.EnumType{Name: typeName, Members: members}
	return &eval.Type{Name: typeName, Convert: func(v any) (any, error) { return t.Convert(v) }}
}

// validateRange is [ValidateRange(lo, hi)] on an integer parameter, with
// PowerShell's messages.
func validateRange(lo, hi int64) []func(any) string {
	return []func(any) string{func(v any) string {
		n, err := value.ToInt64(v)
		switch {
		case err != nil:
			return ""
		case n < lo:
			return fmt.Sprintf("The %d argument is less than the minimum allowed range of %d. Supply an argument that is greater than or equal to %d and then try the command again.", n, lo, lo)
		case n > hi:
			return fmt.Sprintf("The %d argument is greater than the maximum allowed range of %d. Supply an argument that is less than or equal to %d and then try the command again.", n, hi, hi)
		}
		return ""
	}}
}

// maxInt32 is int.MaxValue, the upper bound of open ranges.
const maxInt32 = 1<<31 - 1
