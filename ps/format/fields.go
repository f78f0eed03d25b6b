package format

import (
	"strings"

	"github.com/keyhost/keyhost/ps/value"
	"github.com/keyhost/keyhost/ps/wildcard"
)

// Field is a property chosen on a Format-* command line: a property name
// (wildcards allowed) or a calculated property @{Label=...; Expression=...}.
type Field struct {
	// Name is the property name or pattern; for a calculated property it
	// is the expression's text, used as the label when Label is empty.
	Name  string
	Label string
	// Expr computes a calculated property's value; nil means the
	// property Name.
	Expr func(obj any) (any, error)
	// Width and Align are the calculated property's Width and Alignment
	// (HasAlign tells whether Alignment was given).
	Width    int
	Align    Align
	HasAlign bool
	// Format applies the calculated property's FormatString.
	Format func(v any) (string, error)
}

// DefaultDisplayPropertySetter is implemented by objects that name the
// properties shown by default (PSStandardMembers.DefaultDisplayPropertySet).
type DefaultDisplayPropertySetter interface {
	DefaultDisplayPropertySet() []string
}

// resolved is a field resolved against an object: one column or item.
type resolved struct {
	label string
	field *Field
	// name is the property read when field.Expr is nil.
	name string
}

// get reads the field's value from an object.
func (r resolved) get(obj any) (any, error) {
	if r.field != nil && r.field.Expr != nil {
		return r.field.Expr(obj)
	}
	v, _ := value.GetProperty(obj, r.name)
	return v, nil
}

// text renders the field's value for a cell.
func (r resolved) text(obj any, limit int, inTable bool) string {
	v, err := r.get(obj)
	if err != nil {
		return ""
	}
	if r.field != nil && r.field.Format != nil && !value.IsNull(v) {
		s, err := r.field.Format(v)
		if err == nil {
			return s
		}
	}
	return cellText(v, limit, inTable)
}

// propertyNames lists an object's properties (a hashtable's keys).
func propertyNames(obj any) []string {
	if o, ok := obj.(value.Object); ok {
		return o.PropertyNames()
	}
	return nil
}

// resolveFields expands fields against an object: wildcard names become
// the matching properties, other names and calculated properties one
// column each.
func resolveFields(fields []Field, obj any) []resolved {
	var out []resolved
	for i := range fields {
		f := &fields[i]
		if f.Expr != nil {
			label := f.Label
			if label == "" {
				label = f.Name
			}
			out = append(out, resolved{label: label, field: f})
			continue
		}
		if !wildcard.HasWildcard(f.Name) {
			label := f.Label
			if label == "" {
				label = f.Name
			}
			out = append(out, resolved{label: label, field: f, name: f.Name})
			continue
		}
		for _, p := range propertyNames(obj) {
			if wildcard.Match(f.Name, p, false) && !containsResolved(out, p) {
				out = append(out, resolved{label: p, field: f, name: p})
			}
		}
	}
	return out
}

func containsResolved(list []resolved, name string) bool {
	for _, r := range list {
		if r.field != nil && r.field.Expr == nil && strings.EqualFold(r.name, name) {
			return true
		}
	}
	return false
}

// defaultFields returns the properties shown when none are asked for:
// the default display property set, else every property. fromSet tells
// which (a table shows at most ten properties of the second kind).
func defaultFields(obj any) (fields []resolved, fromSet bool) {
	if d, ok := obj.(DefaultDisplayPropertySetter); ok {
		if set := d.DefaultDisplayPropertySet(); len(set) > 0 {
			for _, p := range set {
				fields = append(fields, resolved{label: p, name: p})
			}
			return fields, true
		}
	}
	for _, p := range propertyNames(obj) {
		fields = append(fields, resolved{label: p, name: p})
	}
	return fields, false
}

// displayNameField picks the property Format-Wide shows by default: the
// first of Name, Id, Key, *key, *name, *id the object has.
func displayNameField(obj any) (resolved, bool) {
	names := propertyNames(obj)
	for _, pattern := range []string{"name", "id", "key", "*key", "*name", "*id"} {
		for _, p := range names {
			if wildcard.Match(pattern, p, false) {
				return resolved{label: p, name: p}, true
			}
		}
	}
	return resolved{}, false
}
