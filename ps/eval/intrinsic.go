package eval

import (
	"strings"

	"github.com/keyhost/keyhost/ps/ast"
	"github.com/keyhost/keyhost/ps/value"
)

// The intrinsic collection methods .ForEach() and .Where()
// (about_Intrinsic_Members).

// intrinsicForEach is .ForEach(expression[, arguments]): a script block
// run with $_ set to each element, a property name, a method name with
// arguments, or a type to convert each element to.
func (f *frame) intrinsicForEach(n ast.Node, items []any, args []any) ([]any, error) {
	out := []any{}
	switch x := args[0].(type) {
	case *ScriptBlock:
		for _, it := range items {
			res, err := f.collectList(func(e emitter) error { return f.invokeBlockInScope(x, it, args[1:], e) })
			if err != nil {
				return nil, err
			}
			out = append(out, res...)
		}
		return out, nil
	case *TypeValue:
		t, err := f.resolved(n, x)
		if err != nil {
			return nil, err
		}
		for _, it := range items {
			v, err := f.castTo(n, t, it)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	}
	name := value.ToString(args[0])
	for _, it := range items {
		if len(args) == 1 {
			if v, ok := f.memberValue(it, name); ok {
				out = append(out, value.Enumerate(v)...)
				continue
			}
			if f.strict() >= 2 {
				return nil, f.propertyNotFoundStrict(n, name)
			}
			continue
		}
		v, err := f.callMethod(n, it, name, args[1:])
		if err != nil {
			return nil, err
		}
		out = append(out, value.Enumerate(v)...)
	}
	return out, nil
}

// intrinsicWhere is .Where({ condition }[, mode[, numberToReturn]]) with
// the modes Default, First, Last, SkipUntil, Until and Split.
func (f *frame) intrinsicWhere(n ast.Node, items []any, args []any) (any, error) {
	sb, ok := args[0].(*ScriptBlock)
	if !ok {
		var err error
		sb, err = f.r.compileScriptBlock(value.ToString(args[0]))
		if err != nil {
			return nil, f.methodFailed(n, "Where", len(args), err)
		}
	}
	mode := "default"
	if len(args) > 1 {
		mode = strings.ToLower(value.ToString(args[1]))
	}
	limit := 0
	if len(args) > 2 {
		c, err := value.ToInt32(args[2])
		if err != nil {
			return nil, f.methodFailed(n, "Where", len(args), err)
		}
		limit = int(c)
	}
	test := func(it any) (bool, error) {
		res, err := f.collectList(func(e emitter) error { return f.invokeBlockInScope(sb, it, nil, e) })
		if err != nil {
			return false, err
		}
		return value.ToBool(listValue(res)), nil
	}
	out := []any{}
	switch mode {
	case "default", "first":
		if mode == "first" && limit == 0 {
			limit = 1
		}
		for _, it := range items {
			ok, err := test(it)
			if err != nil {
				return nil, err
			}
			if ok {
				out = append(out, it)
				if limit > 0 && len(out) == limit {
					break
				}
			}
		}
	case "last":
		if limit == 0 {
			limit = 1
		}
		for _, it := range items {
			ok, err := test(it)
			if err != nil {
				return nil, err
			}
			if ok {
				out = append(out, it)
			}
		}
		if len(out) > limit {
			out = out[len(out)-limit:]
		}
	case "skipuntil":
		on := false
		for _, it := range items {
			if !on {
				ok, err := test(it)
				if err != nil {
					return nil, err
				}
				on = ok
			}
			if on {
				out = append(out, it)
				if limit > 0 && len(out) == limit {
					break
				}
			}
		}
	case "until":
		for _, it := range items {
			ok, err := test(it)
			if err != nil {
				return nil, err
			}
			if ok {
				break
			}
			out = append(out, it)
			if limit > 0 && len(out) == limit {
				break
			}
		}
	case "split":
		var yes, no []any
		for _, it := range items {
			if limit > 0 && len(yes) == limit {
				no = append(no, it)
				continue
			}
			ok, err := test(it)
			if err != nil {
				return nil, err
			}
			if ok {
				yes = append(yes, it)
			} else {
				no = append(no, it)
			}
		}
		if yes == nil {
			yes = []any{}
		}
		if no == nil {
			no = []any{}
		}
		return []any{yes, no}, nil
	default:
		ex := newExceptionOf("System.Management.Automation.PSArgumentException",
			"Cannot convert value \""+value.ToString(args[1])+"\" to type \"System.Management.Automation.WhereOperatorSelectionMode\".")
		return nil, f.methodFailed(n, "Where", len(args), ex)
	}
	return out, nil
}
