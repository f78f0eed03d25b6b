package builtin

import (
	"fmt"
	"strings"

	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
	"github.com/keyhost/keyhost/ps/wildcard"
)

// This file handles the property arguments Select-Object, Sort-Object,
// Group-Object, Measure-Object and the Format-* cmdlets take: a property
// name (wildcards allowed), a script block, or a calculated property
// @{Name=...; Expression=...} whose keys depend on the command.

// propArg is one property argument.
type propArg struct {
	// name is the property name or pattern when script is nil.
	name   string
	script *eval.ScriptBlock
	// label is the Name/Label key of a calculated property.
	label    string
	hasLabel bool
	// Format-* keys.
	width        int
	align        string
	formatString string
	// Sort-Object keys: nil means the command's default order.
	descending *bool
}

// propKey is one key a calculated property may have; a key written in a
// hashtable may be any prefix of its name (n, na, nam, name).
type propKey struct {
	name    string
	aliases []string
}

// Keys of calculated properties, per command family.
var (
	keyExpression   = propKey{name: "Expression"}
	keyName         = propKey{name: "Name", aliases: []string{"Label"}}
	keyLabel        = propKey{name: "Label", aliases: []string{"Name"}}
	keyWidth        = propKey{name: "Width"}
	keyAlignment    = propKey{name: "Alignment"}
	keyFormatString = propKey{name: "FormatString"}
	keyAscending    = propKey{name: "Ascending"}
	keyDescending   = propKey{name: "Descending"}
)

// parameterError is the terminating error of a bad property argument
// (PowerShell's ParameterBindingException-like NotSupportedException).
func parameterError(c *eval.Call, id, msg string) error {
	rec := c.NewError(eval.NewException("System.NotSupportedException", msg), id, eval.InvalidArgument, nil)
	return c.ThrowTerminatingError(rec)
}

// matchKey finds the key a hashtable key names.
func matchKey(written string, keys []propKey) (string, bool) {
	var found string
	n := 0
	lower := strings.ToLower(written)
	for _, k := range keys {
		for _, full := range append([]string{k.name}, k.aliases...) {
			if lower != "" && strings.HasPrefix(strings.ToLower(full), lower) {
				if found != k.name {
					found = k.name
					n++
				}
				break
			}
		}
	}
	return found, n == 1
}

// parseProps turns a property parameter's value into property arguments,
// accepting the given hashtable keys.
func parseProps(c *eval.Call, v any, keys ...propKey) ([]propArg, error) {
	var out []propArg
	for _, item := range value.Enumerate(v) {
		switch x := item.(type) {
		case string:
			out = append(out, propArg{name: x})
		case *eval.ScriptBlock:
			out = append(out, propArg{script: x})
		case *value.Hashtable:
			p, err := parsePropHash(c, x, keys)
			if err != nil {
				return nil, err
			}
			out = append(out, p)
		case nil:
			return nil, parameterError(c, "DictionaryKeyUnknownType", "The value of a parameter was null; one of the following types was expected: {System.String, System.Management.Automation.ScriptBlock}.")
		default:
			out = append(out, propArg{name: value.ToString(x)})
		}
	}
	return out, nil
}

// parsePropHash reads a calculated property.
func parsePropHash(c *eval.Call, h *value.Hashtable, keys []propKey) (propArg, error) {
	var p propArg
	seen := map[string]bool{}
	hasExpr := false
	hkeys, hvals := h.Keys(), h.Values()
	for i, k := range hkeys {
		ks := value.ToString(k)
		key, ok := matchKey(ks, keys)
		if !ok {
			return p, parameterError(c, "DictionaryKeyIllegal", fmt.Sprintf("The %s key is not valid.", ks))
		}
		if seen[key] {
			return p, parameterError(c, "DictionaryKeyDuplicate", fmt.Sprintf("The duplicated key \"%s\" conflicts with \"%s\".", ks, key))
		}
		seen[key] = true
		v := hvals[i]
		switch key {
		case "Expression":
			hasExpr = true
			switch e := v.(type) {
			case *eval.ScriptBlock:
				p.script = e
			case string:
				p.name = e
			default:
				if v == nil {
					return p, parameterError(c, "DictionaryKeyMissingValue", fmt.Sprintf("The %s key has no value.", ks))
				}
				return p, parameterError(c, "DictionaryKeyIllegalValue1", fmt.Sprintf("The \"%s\" key has a type, %s, that is not valid; expected types are {System.String, System.Management.Automation.ScriptBlock}.", ks, value.TypeName(v)))
			}
		case "Name", "Label":
			p.label, p.hasLabel = value.ToString(v), true
		case "Width":
			w, err := value.ToInt32(v)
			if err != nil || w <= 0 {
				return p, parameterError(c, "DictionaryKeyIllegalValue", fmt.Sprintf("The value \"%s\" for key \"%s\" should be greater than 0.", value.ToString(v), ks))
			}
			p.width = int(w)
		case "Alignment":
			a := strings.ToLower(value.ToString(v))
			if a != "left" && a != "right" && a != "center" {
				return p, parameterError(c, "DictionaryKeyIllegalValue", fmt.Sprintf("The value \"%s\" for key \"%s\" is not valid; valid values are {left, center, right}.", value.ToString(v), ks))
			}
			p.align = a
		case "FormatString":
			p.formatString = value.ToString(v)
		case "Ascending", "Descending":
			b := value.ToBool(v)
			if key == "Ascending" {
				b = !b
			}
			p.descending = &b
		}
	}
	if !hasExpr {
		// Sort-Object and Format-* need an expression; Select-Object too.
		return p, parameterError(c, "DictionaryKeyMandatoryEntry", "A mandatory entry for expression is missing.")
	}
	return p, nil
}

// resolvedProp is a property argument resolved against one object.
type resolvedProp struct {
	name  string
	value any
}

// hashtableProperties are the .NET properties of a hashtable.
var hashtableProperties = []string{"IsReadOnly", "IsFixedSize", "IsSynchronized", "Keys", "Values", "SyncRoot", "Count"}

// plainHashtable reports a System.Collections.Hashtable (@{}), whose keys
// pwsh 7's property expressions treat as properties (PSPropertyExpression
// wraps it as a PSCustomObject); [ordered] and generic dictionaries only
// have their .NET properties.
func plainHashtable(obj any) (*value.Hashtable, bool) {
	h, ok := obj.(*value.Hashtable)
	return h, ok && !h.Ordered && h.Generic == nil
}

// propertyNamesOf lists an object's properties as pipeline commands see
// them: a plain hashtable's keys, or the properties of anything else.
func propertyNamesOf(obj any) []string {
	if h, ok := plainHashtable(obj); ok && h.Len() > 0 {
		return h.PropertyNames()
	}
	switch x := obj.(type) {
	case *value.Hashtable:
		return hashtableProperties
	case string:
		return []string{"Length"}
	case value.Object:
		return x.PropertyNames()
	}
	return nil
}

// objectProperty reads a property as pipeline commands do (PowerShell's
// property expressions): a plain hashtable's key, else a property.
func objectProperty(obj any, name string) (any, bool) {
	if h, ok := plainHashtable(obj); ok {
		if v, found := h.Get(name); found {
			return v, true
		}
	}
	if h, ok := obj.(*value.Hashtable); ok {
		switch strings.ToLower(name) {
		case "count":
			return int32(h.Len()), true
		case "keys":
			return h.Keys(), true
		case "values":
			return h.Values(), true
		case "isreadonly", "isfixedsize", "issynchronized":
			return false, true
		}
		return nil, false
	}
	if value.IsNull(obj) {
		return nil, false
	}
	return value.GetProperty(obj, name)
}

// resolve evaluates a property argument on an object: a name expands to
// the matching properties (a literal name that does not exist gives no
// result), a script block to its output.
func (p propArg) resolve(c *eval.Call, obj any) ([]resolvedProp, error) {
	return p.appendResolved(c, obj, nil)
}

// firstValue is the value of the first property a property argument
// resolves to on an object (the sort and group key); found is false when
// it resolves to none.
func (p propArg) firstValue(c *eval.Call, obj any) (v any, found bool, err error) {
	if p.script == nil && !wildcard.HasWildcard(p.name) {
		v, found = objectProperty(obj, p.name)
		return v, found, nil
	}
	rs, err := p.resolve(c, obj)
	if err != nil || len(rs) == 0 {
		return nil, false, err
	}
	return rs[0].value, true, nil
}

// appendResolved is resolve appending to dst, so a caller resolving
// every pipeline object can reuse one slice.
func (p propArg) appendResolved(c *eval.Call, obj any, dst []resolvedProp) ([]resolvedProp, error) {
	if p.script != nil {
		out, err := c.InvokeScript(p.script, obj)
		if err != nil {
			return dst, err
		}
		name := p.label
		if !p.hasLabel {
			name = p.script.String()
		}
		return append(dst, resolvedProp{name: name, value: scriptValue(out)}), nil
	}
	if !wildcard.HasWildcard(p.name) {
		v, ok := objectProperty(obj, p.name)
		if !ok {
			return dst, nil
		}
		name := p.name
		if p.hasLabel {
			name = p.label
		} else if o, isObj := obj.(value.Object); isObj {
			// The object's own spelling of the name.
			for _, n := range propertyNamesOf(o) {
				if strings.EqualFold(n, p.name) {
					name = n
					break
				}
			}
		}
		return append(dst, resolvedProp{name: name, value: v}), nil
	}
	n0 := len(dst)
	for _, n := range propertyNamesOf(obj) {
		if wildcard.Match(p.name, n, false) {
			v, _ := objectProperty(obj, n)
			dst = append(dst, resolvedProp{name: n, value: v})
		}
	}
	if _, ok := plainHashtable(obj); ok && len(dst) == n0 {
		// No key matches: the hashtable's own properties may.
		for _, n := range hashtableProperties {
			if wildcard.Match(p.name, n, false) {
				v, _ := objectProperty(obj, n)
				dst = append(dst, resolvedProp{name: n, value: v})
			}
		}
	}
	return dst, nil
}

// scriptValue is the value of a calculated property: nothing is $null,
// one object is itself, more are an array.
func scriptValue(out []any) any {
	switch len(out) {
	case 0:
		return nil
	case 1:
		return out[0]
	}
	return out
}

// displayName is how a property argument is named in output when it
// resolves to nothing (a missing property keeps its name).
func (p propArg) displayName() string {
	if p.hasLabel {
		return p.label
	}
	if p.script != nil {
		return p.script.String()
	}
	return p.name
}
