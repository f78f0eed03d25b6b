package value

import (
	"fmt"
	"slices"
	"strings"
)

// Lazy is a property value computed on first read and then kept, as
// PowerCLI does for ExtensionData: building a full vSphere view for each of
// 45,000 VMs would be wasted work when a script only reads .Name.
type Lazy func() any

// PSObject is a property bag: [pscustomobject]@{...}, Select-Object output,
// and the objects keyhost's cmdlets return (with their own type names).
// Properties keep the order they were added in.
type PSObject struct {
	typeNames []string
	names     []string
	values    []any
	// ToStringFunc, when set, gives the object's string form (a PowerCLI
	// VM renders as its name). Without it a custom object renders as
	// @{Name=...; ...}.
	ToStringFunc func() string
	// Methods are script-callable methods, keyed by lower-case name.
	Methods map[string]func(args []any) (any, error)
	// fill, when set, adds the object's properties on first use of its
	// property list (see NewDeferredPSObject).
	fill func(*PSObject)
}

// PSCustomObjectType is the type name of [pscustomobject]@{}.
const PSCustomObjectType = "System.Management.Automation.PSCustomObject"

// NewPSObject returns an empty object with the given type names (most
// derived first). With no names it is a PSCustomObject.
func NewPSObject(typeNames ...string) *PSObject {
	if len(typeNames) == 0 {
		typeNames = []string{PSCustomObjectType}
	}
	if typeNames[len(typeNames)-1] != "System.Object" {
		typeNames = append(typeNames, "System.Object")
	}
	return &PSObject{typeNames: typeNames}
}

// NewDeferredPSObject returns an object whose properties fill adds (with
// Add) the first time anything reads or changes its property list. A
// cmdlet that writes many objects built from a snapshot it already holds
// uses it so that objects a script only passes along (foreach ($vm in
// Get-VM) { Get-View $vm }) never build their property lists; an object
// that is read looks exactly as if fill had run when it was made, so fill
// must depend only on what it captured then.
func NewDeferredPSObject(fill func(*PSObject), typeNames ...string) *PSObject {
	o := NewPSObject(typeNames...)
	o.fill = fill
	return o
}

// ensure runs a deferred fill once, before the property list is used.
func (o *PSObject) ensure() {
	if f := o.fill; f != nil {
		o.fill = nil // fill's own Adds must not run it again
		f(o)
	}
}

// find returns the index of a property (any case), or -1. Objects have a
// few dozen properties at most, where a linear scan beats hashing a
// lower-cased copy of the name.
func (o *PSObject) find(name string) int {
	o.ensure()
	for i, n := range o.names {
		if len(n) == len(name) && strings.EqualFold(n, name) {
			return i
		}
	}
	return -1
}

// Grow makes room for n more properties, so that an object built with a
// known number of Adds allocates its property lists once.
func (o *PSObject) Grow(n int) *PSObject {
	o.ensure()
	o.names = slices.Grow(o.names, n)
	o.values = slices.Grow(o.values, n)
	return o
}

// Add appends a property, or replaces it when it exists. It returns the
// object so construction reads as a chain.
func (o *PSObject) Add(name string, v any) *PSObject {
	if i := o.find(name); i >= 0 {
		o.values[i] = v
		return o
	}
	o.names = append(o.names, name)
	o.values = append(o.values, v)
	return o
}

// TypeNames implements Object.
func (o *PSObject) TypeNames() []string { return o.typeNames }

// InsertTypeName puts a type name in front, as PSTypeNames.Insert(0, ...)
// does.
func (o *PSObject) InsertTypeName(name string) {
	o.typeNames = append([]string{name}, o.typeNames...)
}

// Accessor is a property computed on every read, with an optional
// setter: script properties and alias properties (Add-Member).
type Accessor struct {
	Get func() any
	// Set assigns the property; nil makes it read-only.
	Set func(v any) error
}

// Property implements Object; a Lazy value is computed once on first
// read, an Accessor on every read.
func (o *PSObject) Property(name string) (any, bool) {
	i := o.find(name)
	if i < 0 {
		return nil, false
	}
	switch x := o.values[i].(type) {
	case Lazy:
		o.values[i] = x()
	case *Accessor:
		return x.Get(), true
	}
	return o.values[i], true
}

// PropertyNames implements Object.
func (o *PSObject) PropertyNames() []string {
	o.ensure()
	return append([]string(nil), o.names...)
}

// SetProperty implements PropertySetter. Assigning a property that does not
// exist is an error, as it is for a PSCustomObject in PowerShell.
func (o *PSObject) SetProperty(name string, v any) error {
	i := o.find(name)
	if i < 0 {
		return fmt.Errorf("The property '%s' cannot be found on this object. Verify that the property exists and can be set.", name)
	}
	if a, ok := o.values[i].(*Accessor); ok {
		if a.Set == nil {
			return fmt.Errorf("Set accessor for property \"%s\" is unavailable.", o.names[i])
		}
		return a.Set(v)
	}
	o.values[i] = v
	return nil
}

// CallMethod implements MethodCaller.
func (o *PSObject) CallMethod(name string, args []any) (any, bool, error) {
	if o.Methods == nil {
		return nil, false, nil
	}
	m, ok := o.Methods[strings.ToLower(name)]
	if !ok {
		return nil, false, nil
	}
	r, err := m(args)
	return r, true, err
}

// String renders the object: its ToStringFunc, or @{a=1; b=2} for a
// custom object, or its type name.
func (o *PSObject) String() string {
	if o.ToStringFunc != nil {
		return o.ToStringFunc()
	}
	if o.typeNames[0] != PSCustomObjectType && !strings.HasPrefix(o.typeNames[0], "Selected.") {
		return o.typeNames[0]
	}
	o.ensure()
	var b strings.Builder
	b.WriteString("@{")
	for i, n := range o.names {
		if i > 0 {
			b.WriteString("; ")
		}
		v, _ := o.Property(n)
		b.WriteString(n)
		b.WriteByte('=')
		// Property values are converted without recursion, as
		// PSObject.ToStringEmptyBaseObject does: @{a=System.Object[]}.
		b.WriteString(ElementString(v))
	}
	b.WriteByte('}')
	return b.String()
}

// baseString is the object's string when it is converted without
// recursion (as an element of a collection): a custom object's base is
// a PSCustomObject, whose ToString() is empty.
func (o *PSObject) baseString() string {
	if o.ToStringFunc != nil {
		return o.ToStringFunc()
	}
	if o.typeNames[0] != PSCustomObjectType && !strings.HasPrefix(o.typeNames[0], "Selected.") {
		return o.typeNames[0]
	}
	return ""
}

// Remove deletes a property; it reports whether there was one.
func (o *PSObject) Remove(name string) bool {
	i := o.find(name)
	if i < 0 {
		return false
	}
	o.names = append(o.names[:i], o.names[i+1:]...)
	o.values = append(o.values[:i], o.values[i+1:]...)
	return true
}

// Copy returns a shallow copy ($obj.PSObject.Copy()): the same property
// values, its own property list.
func (o *PSObject) Copy() *PSObject {
	o.ensure()
	c := &PSObject{
		typeNames:    append([]string(nil), o.typeNames...),
		names:        append([]string(nil), o.names...),
		values:       append([]any(nil), o.values...),
		ToStringFunc: o.ToStringFunc,
		Methods:      o.Methods,
	}
	return c
}

// SetTypeNames replaces the type names (PSTypeNames.Insert, .Clear).
func (o *PSObject) SetTypeNames(names []string) {
	o.typeNames = append([]string(nil), names...)
	if len(o.typeNames) == 0 {
		o.typeNames = []string{"System.Object"}
	}
}
