package eval

import (
	"strings"

	"github.com/keyhost/keyhost/ps/value"
)

// Ref is [ref]: a reference to a variable (or a value), passed to methods
// with out/ref parameters ([int]::TryParse($s, [ref]$n)) and to functions
// that assign $x.Value.
type Ref struct {
	get func() any
	set func(any) error
}

// newValueRef is [ref] around a plain value.
func newValueRef(v any) *Ref {
	r := &Ref{}
	r.get = func() any { return v }
	r.set = func(nv any) error { v = nv; return nil }
	return r
}

// Value returns the referenced value.
func (r *Ref) Value() any { return r.get() }

// Set assigns the referenced variable.
func (r *Ref) Set(v any) error { return r.set(v) }

// TypeNames implements value.Object.
func (r *Ref) TypeNames() []string {
	return []string{"System.Management.Automation.PSReference", "System.Object"}
}

// Property implements value.Object.
func (r *Ref) Property(name string) (any, bool) {
	if strings.EqualFold(name, "Value") {
		return r.get(), true
	}
	return nil, false
}

// PropertyNames implements value.Object.
func (r *Ref) PropertyNames() []string { return []string{"Value"} }

// SetProperty implements value.PropertySetter: $ref.Value = x.
func (r *Ref) SetProperty(name string, v any) error {
	if strings.EqualFold(name, "Value") {
		return r.set(v)
	}
	return &value.ConversionError{Message: "The property '" + name + "' cannot be found on this object. Verify that the property exists and can be set."}
}

// String renders the referenced value's type, as PSReference.ToString does.
func (r *Ref) String() string { return "System.Management.Automation.PSReference" }

func init() {
	registerType(&psType{Name: "System.Management.Automation.PSReference", Convert: func(v any) (any, error) {
		if r, ok := v.(*Ref); ok {
			return r, nil
		}
		return newValueRef(v), nil
	}}, "ref")
}
