package eval

import (
	"fmt"
	"math"
	"strings"

	"github.com/keyhost/keyhost/ps/ast"
	"github.com/keyhost/keyhost/ps/value"
)

// This file holds the small part of the .NET base library that admin
// scripts call as methods: System.String, Hashtable, Math and friends.

// stringMethod implements System.String's instance methods.
func stringMethod(s, name string, args []any) (any, bool, error) {
	str := func(i int) string {
		if i < len(args) {
			return value.ToString(args[i])
		}
		return ""
	}
	integer := func(i int) (int, error) {
		n, err := value.ToInt32(args[i])
		return int(n), err
	}
	rs := []rune(s)
	switch name {
	case "toupper", "toupperinvariant":
		return strings.ToUpper(s), true, nil
	case "tolower", "tolowerinvariant":
		return strings.ToLower(s), true, nil
	case "trim", "trimstart", "trimend":
		cut := " \t\r\n\v\f"
		if len(args) > 0 {
			cut = str(0)
			if len(args) > 1 {
				cut = ""
				for _, a := range args {
					cut += value.ToString(a)
				}
			}
		}
		switch name {
		case "trim":
			return strings.Trim(s, cut), true, nil
		case "trimstart":
			return strings.TrimLeft(s, cut), true, nil
		}
		return strings.TrimRight(s, cut), true, nil
	case "contains":
		if len(args) == 1 {
			return strings.Contains(s, str(0)), true, nil
		}
	case "startswith":
		if len(args) >= 1 {
			if len(args) > 1 && strings.Contains(strings.ToLower(value.ToString(args[1])), "ignorecase") {
				return strings.HasPrefix(strings.ToLower(s), strings.ToLower(str(0))), true, nil
			}
			return strings.HasPrefix(s, str(0)), true, nil
		}
	case "endswith":
		if len(args) >= 1 {
			if len(args) > 1 && strings.Contains(strings.ToLower(value.ToString(args[1])), "ignorecase") {
				return strings.HasSuffix(strings.ToLower(s), strings.ToLower(str(0))), true, nil
			}
			return strings.HasSuffix(s, str(0)), true, nil
		}
	case "replace":
		if len(args) == 2 {
			return strings.ReplaceAll(s, str(0), str(1)), true, nil
		}
	case "split":
		if len(args) >= 1 {
			seps := value.Enumerate(args[0])
			var cuts []string
			for _, sep := range seps {
				sepStr := value.ToString(sep)
				if len(seps) == 1 && len([]rune(sepStr)) > 1 {
					// A string argument is a set of separator characters
					// (String.Split(params char[]) as PowerShell picks it).
					for _, r := range sepStr {
						cuts = append(cuts, string(r))
					}
					continue
				}
				cuts = append(cuts, sepStr)
			}
			parts := []string{s}
			for _, c := range cuts {
				var next []string
				for _, p := range parts {
					next = append(next, strings.Split(p, c)...)
				}
				parts = next
			}
			out := make([]any, len(parts))
			for i, p := range parts {
				out[i] = p
			}
			return out, true, nil
		}
	case "substring":
		if len(args) >= 1 {
			start, err := integer(0)
			if err != nil {
				return nil, true, err
			}
			if start < 0 || start > len(rs) {
				return nil, true, fmt.Errorf("startIndex cannot be larger than length of string. (Parameter 'startIndex')")
			}
			if len(args) == 1 {
				return string(rs[start:]), true, nil
			}
			n, err := integer(1)
			if err != nil {
				return nil, true, err
			}
			if n < 0 || start+n > len(rs) {
				return nil, true, fmt.Errorf("Index and length must refer to a location within the string. (Parameter 'length')")
			}
			return string(rs[start : start+n]), true, nil
		}
	case "indexof", "lastindexof":
		if len(args) >= 1 {
			sub := str(0)
			var i int
			if name == "indexof" {
				i = strings.Index(s, sub)
			} else {
				i = strings.LastIndex(s, sub)
			}
			if i >= 0 {
				i = len([]rune(s[:i]))
			}
			return int32(i), true, nil
		}
	case "padleft", "padright":
		if len(args) >= 1 {
			n, err := integer(0)
			if err != nil {
				return nil, true, err
			}
			pad := " "
			if len(args) > 1 {
				pad = str(1)
			}
			if len(rs) >= n || pad == "" {
				return s, true, nil
			}
			fill := strings.Repeat(pad[:1], n-len(rs))
			if name == "padleft" {
				return fill + s, true, nil
			}
			return s + fill, true, nil
		}
	case "insert":
		if len(args) == 2 {
			i, err := integer(0)
			if err != nil || i < 0 || i > len(rs) {
				return nil, true, fmt.Errorf("Specified argument was out of the range of valid values. (Parameter 'startIndex')")
			}
			return string(rs[:i]) + str(1) + string(rs[i:]), true, nil
		}
	case "remove":
		if len(args) >= 1 {
			i, err := integer(0)
			if err != nil || i < 0 || i > len(rs) {
				return nil, true, fmt.Errorf("startIndex must be less than length of string. (Parameter 'startIndex')")
			}
			if len(args) == 1 {
				return string(rs[:i]), true, nil
			}
			n, err := integer(1)
			if err != nil || n < 0 || i+n > len(rs) {
				return nil, true, fmt.Errorf("Index and count must refer to a location within the string. (Parameter 'count')")
			}
			return string(rs[:i]) + string(rs[i+n:]), true, nil
		}
	case "tochararray":
		out := make([]any, len(rs))
		for i, r := range rs {
			out[i] = string(r)
		}
		return out, true, nil
	case "equals":
		if len(args) >= 1 {
			if len(args) > 1 && strings.Contains(strings.ToLower(value.ToString(args[1])), "ignorecase") {
				return strings.EqualFold(s, str(0)), true, nil
			}
			return s == str(0), true, nil
		}
	case "compareto":
		if len(args) == 1 {
			return int32(strings.Compare(s, str(0))), true, nil
		}
	}
	return nil, false, nil
}

// dictionaryEntry is what GetEnumerator() yields for a hashtable.
func dictionaryEntry(k, v any) *value.PSObject {
	o := value.NewPSObject("System.Collections.DictionaryEntry")
	o.Add("Name", k).Add("Key", k).Add("Value", v)
	return o
}

// hashtableMethod implements Hashtable's methods.
func hashtableMethod(h *value.Hashtable, name string, args []any) (any, bool, error) {
	switch name {
	case "containskey", "contains":
		if len(args) == 1 {
			_, ok := h.Get(args[0])
			return ok, true, nil
		}
	case "containsvalue":
		if len(args) == 1 {
			for _, v := range h.Values() {
				if value.Equals(v, args[0], false) {
					return true, true, nil
				}
			}
			return false, true, nil
		}
	case "add":
		if len(args) == 2 {
			return value.AutomationNull, true, h.Add(args[0], args[1])
		}
	case "remove":
		if len(args) == 1 {
			h.Remove(args[0])
			return value.AutomationNull, true, nil
		}
	case "clear":
		for _, k := range h.Keys() {
			h.Remove(k)
		}
		return value.AutomationNull, true, nil
	case "clone":
		return h.Clone(), true, nil
	case "getenumerator":
		keys, vals := h.Keys(), h.Values()
		out := make([]any, len(keys))
		for i := range keys {
			out[i] = dictionaryEntry(keys[i], vals[i])
		}
		return out, true, nil
	}
	return nil, false, nil
}

// staticProperty implements [Type]::Property.
func (f *frame) staticProperty(n ast.Node, t *TypeValue, name string) (any, error) {
	typeName := strings.ToLower(t.fullName())
	key := typeName + "::" + strings.ToLower(name)
	switch key {
	case "system.int32::maxvalue":
		return int32(math.MaxInt32), nil
	case "system.int32::minvalue":
		return int32(math.MinInt32), nil
	case "system.int64::maxvalue":
		return int64(math.MaxInt64), nil
	case "system.int64::minvalue":
		return int64(math.MinInt64), nil
	case "system.double::maxvalue":
		return math.MaxFloat64, nil
	case "math::pi", "system.math::pi":
		return math.Pi, nil
	case "math::e", "system.math::e":
		return math.E, nil
	case "system.string::empty", "string::empty":
		return "", nil
	case "environment::newline", "system.environment::newline":
		return "\n", nil
	}
	return nil, f.runtimeErrorAt(n, "PropertyNotFound", fmt.Sprintf("The property '%s' cannot be found on type [%s].", name, t.Name))
}

// callStatic implements [Type]::Method(args).
func (f *frame) callStatic(n ast.Node, t *TypeValue, name string, args []any) (any, error) {
	typeName := strings.ToLower(t.fullName())
	method := strings.ToLower(name)
	num := func(i int) (float64, error) { return value.ToFloat64(args[i]) }
	switch typeName {
	case "system.string", "string":
		switch method {
		case "isnullorempty":
			if len(args) == 1 {
				return value.IsNull(args[0]) || value.ToString(args[0]) == "", nil
			}
		case "isnullorwhitespace":
			if len(args) == 1 {
				return value.IsNull(args[0]) || strings.TrimSpace(value.ToString(args[0])) == "", nil
			}
		case "join":
			if len(args) >= 2 {
				var items []any
				if len(args) == 2 {
					items = value.Enumerate(args[1])
				} else {
					items = args[1:]
				}
				parts := make([]string, len(items))
				for i, it := range items {
					parts[i] = value.ToString(it)
				}
				return strings.Join(parts, value.ToString(args[0])), nil
			}
		case "concat":
			var b strings.Builder
			for _, a := range args {
				b.WriteString(value.ToString(a))
			}
			return b.String(), nil
		case "format":
			if len(args) >= 1 {
				return formatOperator(value.ToString(args[0]), args[1:])
			}
		}
	case "math", "system.math":
		switch method {
		case "round":
			if len(args) >= 1 {
				x, err := num(0)
				if err != nil {
					return nil, f.methodFailed(n, name, len(args), err)
				}
				digits := 0
				if len(args) > 1 {
					d, err := value.ToInt32(args[1])
					if err != nil {
						return nil, f.methodFailed(n, name, len(args), err)
					}
					digits = int(d)
				}
				p := math.Pow(10, float64(digits))
				r := math.RoundToEven(x*p) / p
				if _, isInt := args[0].(int32); isInt && len(args) == 1 {
					return args[0], nil
				}
				return r, nil
			}
		case "floor", "ceiling", "abs", "sqrt", "truncate":
			if len(args) == 1 {
				x, err := num(0)
				if err != nil {
					return nil, f.methodFailed(n, name, len(args), err)
				}
				switch method {
				case "floor":
					return math.Floor(x), nil
				case "ceiling":
					return math.Ceil(x), nil
				case "sqrt":
					return math.Sqrt(x), nil
				case "truncate":
					return math.Trunc(x), nil
				}
				if i, ok := args[0].(int32); ok {
					if i < 0 {
						return -i, nil
					}
					return i, nil
				}
				return math.Abs(x), nil
			}
		case "max", "min", "pow":
			if len(args) == 2 {
				a, err := num(0)
				if err != nil {
					return nil, f.methodFailed(n, name, len(args), err)
				}
				b, err := num(1)
				if err != nil {
					return nil, f.methodFailed(n, name, len(args), err)
				}
				switch method {
				case "pow":
					return math.Pow(a, b), nil
				case "max":
					if value.IsNumber(args[0]) && value.IsNumber(args[1]) {
						if c, _ := value.Compare(args[0], args[1], false); c >= 0 {
							return args[0], nil
						}
						return args[1], nil
					}
					return math.Max(a, b), nil
				}
				if c, _ := value.Compare(args[0], args[1], false); c <= 0 {
					return args[0], nil
				}
				return args[1], nil
			}
		}
	}
	return nil, f.errorAt(n, &Exception{Types: append([]string{"System.Management.Automation.MethodException"}, runtimeExceptionTypes...),
		Message: fmt.Sprintf("Method invocation failed because [%s] does not contain a method named '%s'.", t.fullName(), name)},
		"MethodNotFound", InvalidOperation, nil)
}
