package eval

import (
	"fmt"

	"github.com/keyhost/keyhost/ps/value"
)

// The collection types: [System.Collections.ArrayList], the generic
// List[T], HashSet[T] and Dictionary[K,V]. They are value.List and
// value.Hashtable underneath, with the element conversions of their type
// arguments.

// listConstructor builds new(), new(capacity) and new(collection).
func listConstructor(make func() *value.List) func(*frame, []any) (any, error) {
	return func(_ *frame, args []any) (any, error) {
		l := make()
		switch len(args) {
		case 0:
			return l, nil
		case 1:
			if value.IsNumber(args[0]) {
				if n, err := value.ToInt32(args[0]); err != nil || n < 0 {
					return nil, fmt.Errorf("Non-negative number required. (Parameter 'capacity')")
				}
				return l, nil
			}
			if value.IsNull(args[0]) {
				return nil, fmt.Errorf("Value cannot be null. (Parameter 'collection')")
			}
			if _, _, err := l.CallMethod("AddRange", []any{args[0]}); err != nil {
				return nil, err
			}
			return l, nil
		}
		return nil, fmt.Errorf("Cannot find an overload for \"new\" and the argument count: \"%d\".", len(args))
	}
}

// listCast converts a collection to a new list ([System.Collections.ArrayList]@(1,2)).
func listCast(make func() *value.List, typeName string) func(any) (any, error) {
	return func(v any) (any, error) {
		if l, ok := v.(*value.List); ok && l.TypeName == typeName {
			return l, nil
		}
		if v == nil {
			return nil, nil
		}
		l := make()
		items := []any{v}
		if _, isDict := v.(*value.Hashtable); !isDict {
			items = value.Enumerate(v)
		}
		if _, _, err := l.CallMethod("AddRange", []any{items}); err != nil {
			return nil, err
		}
		return l, nil
	}
}

// elemConvert is the element conversion of a type argument ([object]
// converts nothing).
func elemConvert(t *psType) func(any) (any, error) {
	if t.Name == "System.Object" || t.Name == "System.Management.Automation.PSObject" {
		return nil
	}
	return t.Convert
}

func init() {
	newArrayList := func() *value.List {
		return value.NewList(value.ArrayList, "System.Collections.ArrayList", "System.Object", nil)
	}
	registerType(&psType{
		Name:    "System.Collections.ArrayList",
		Convert: listCast(newArrayList, "System.Collections.ArrayList"),
		New:     listConstructor(newArrayList),
	}, "arraylist")
	generic1 := func(kind value.ListKind, name string) func([]*psType) (*psType, bool) {
		return func(args []*psType) (*psType, bool) {
			if len(args) != 1 {
				return nil, false
			}
			elem := args[0]
			full := name + "`1[" + elem.Name + "]"
			make := func() *value.List { return value.NewList(kind, full, elem.Name, elemConvert(elem)) }
			return &psType{Name: full, Convert: listCast(make, full), New: listConstructor(make)}, true
		}
	}
	genericTypes["system.collections.generic.list"] = generic1(value.GenericList, "System.Collections.Generic.List")
	genericTypes["system.collections.generic.hashset"] = generic1(value.HashSet, "System.Collections.Generic.HashSet")
	genericTypes["system.collections.generic.dictionary"] = func(args []*psType) (*psType, bool) {
		if len(args) != 2 {
			return nil, false
		}
		dt := &value.DictionaryType{
			TypeName:      "System.Collections.Generic.Dictionary`2[" + args[0].Name + "," + args[1].Name + "]",
			CaseSensitive: args[0].Name == "System.String",
			KeyType:       args[0].Name,
			ValueType:     args[1].Name,
			KeyConvert:    elemConvert(args[0]),
			ValueConvert:  elemConvert(args[1]),
		}
		ctor := func(_ *frame, a []any) (any, error) {
			d := value.NewDictionary(dt)
			if len(a) == 1 {
				if s, ok := a[0].(value.Object); ok {
					// new(StringComparer.OrdinalIgnoreCase): keys ignore case.
					if n := value.TypeName(s); n == "System.StringComparer" {
						c := *dt
						c.CaseSensitive = false
						d = value.NewDictionary(&c)
					}
				}
			}
			return d, nil
		}
		return &psType{Name: dt.TypeName, New: ctor, Convert: func(v any) (any, error) {
			h, ok := v.(*value.Hashtable)
			if !ok {
				return nil, noConversion(v, dt.TypeName)
			}
			if h.Generic == dt {
				return h, nil
			}
			d := value.NewDictionary(dt)
			keys, vals := h.Keys(), h.Values()
			for i := range keys {
				if err := dictionarySet(d, keys[i], vals[i], "Add"); err != nil {
					return nil, err
				}
			}
			return d, nil
		}}, true
	}
	registerType(&psType{Name: "System.StringComparer", StaticProperty: func(_ *frame, name string) (any, bool) {
		return value.NewPSObject("System.StringComparer").Add("Name", name), true
	}})
}

// dictionarySet stores a key and value in a generic dictionary, converting
// both to its type arguments.
func dictionarySet(d *value.Hashtable, k, v any, method string) error {
	g := d.Generic
	if g.KeyConvert != nil {
		ck, err := g.KeyConvert(k)
		if err != nil {
			return &value.MethodArgumentError{Msg: fmt.Sprintf("Cannot convert argument \"key\", with value: \"%s\", for \"%s\" to type \"%s\": \"%s\"", value.ToString(k), method, g.KeyType, err.Error())}
		}
		k = ck
	}
	if g.ValueConvert != nil && v != nil {
		cv, err := g.ValueConvert(v)
		if err != nil {
			return &value.MethodArgumentError{Msg: fmt.Sprintf("Cannot convert argument \"value\", with value: \"%s\", for \"%s\" to type \"%s\": \"%s\"", value.ToString(v), method, g.ValueType, err.Error())}
		}
		v = cv
	}
	if method == "Add" {
		if _, exists := d.Get(k); exists {
			return fmt.Errorf("An item with the same key has already been added. Key: %s", value.ToString(k))
		}
	}
	d.Set(k, v)
	return nil
}
