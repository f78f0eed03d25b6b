package value

import (
	"fmt"
	"strings"
)

// EnumType is a .NET enum: its full name and its members in order.
type EnumType struct {
	Name    string
	Members []string
	// Values holds the numeric value of each member; nil means 0, 1, 2...
	Values []int64
}

// Parse returns the member whose name matches s (any case), with .NET's
// error text when none does.
func (t *EnumType) Parse(s string) (Enum, error) {
	for i, m := range t.Members {
		if strings.EqualFold(m, strings.TrimSpace(s)) {
			return Enum{Type: t, Index: i}, nil
		}
	}
	return Enum{}, &ConversionError{Value: s, TypeName: t.Name,
		Reason: fmt.Sprintf("Unable to match the identifier name %s to a valid enumerator name. Specify one of the following enumerator names and try again:\n%s", s, strings.Join(t.Members, ", "))}
}

// Convert converts a string, a number or an Enum of this type to an Enum.
func (t *EnumType) Convert(v any) (Enum, error) {
	switch x := v.(type) {
	case Enum:
		if x.Type == t {
			return x, nil
		}
		return t.Parse(x.String())
	case string:
		return t.Parse(x)
	}
	if IsNumber(v) {
		n, err := ToInt64(v)
		if err == nil {
			for i := range t.Members {
				if t.value(i) == n {
					return Enum{Type: t, Index: i}, nil
				}
			}
		}
	}
	return t.Parse(ToString(v))
}

// Member returns the enum value with the given exact member name; it is
// meant for constants in Go code and panics on a programming error.
func (t *EnumType) Member(name string) Enum {
	e, err := t.Parse(name)
	if err != nil {
		panic(fmt.Sprintf("enum %s has no member %s", t.Name, name))
	}
	return e
}

func (t *EnumType) value(i int) int64 {
	if t.Values == nil {
		return int64(i)
	}
	return t.Values[i]
}

// Enum is a value of an EnumType. It renders as its member name, compares
// equal to that name as a string (any case), and converts to its number.
type Enum struct {
	Type  *EnumType
	Index int
}

// String returns the member name.
func (e Enum) String() string {
	if e.Type == nil {
		return ""
	}
	return e.Type.Members[e.Index]
}

// Int returns the numeric value.
func (e Enum) Int() int64 { return e.Type.value(e.Index) }

// TypeNames implements Object.
func (e Enum) TypeNames() []string {
	return []string{e.Type.Name, "System.Enum", "System.ValueType", "System.Object"}
}

// Property implements Object (value__ is the numeric value, as in .NET).
func (e Enum) Property(name string) (any, bool) {
	if strings.EqualFold(name, "value__") {
		return e.Int(), true
	}
	return nil, false
}

// PropertyNames implements Object.
func (e Enum) PropertyNames() []string { return nil }

// EqualTo implements Equaler: an enum equals its own member, a matching
// member name, or its number.
func (e Enum) EqualTo(other any) bool {
	switch o := other.(type) {
	case Enum:
		return o.Type == e.Type && o.Index == e.Index
	case string:
		return strings.EqualFold(o, e.String())
	}
	if IsNumber(other) {
		n, err := ToInt64(other)
		return err == nil && n == e.Int()
	}
	return false
}
