package value

import (
	"fmt"
	"sort"
	"strings"
)

// ListKind says which .NET collection a List stands for; they differ in
// what Add returns and whether duplicates are kept.
type ListKind int

// The collection kinds a List implements.
const (
	// ArrayList is System.Collections.ArrayList: Add returns the new
	// index, which is why scripts write $null = $list.Add(x).
	ArrayList ListKind = iota
	// GenericList is System.Collections.Generic.List[T]: Add returns
	// nothing.
	GenericList
	// HashSet is System.Collections.Generic.HashSet[T]: Add returns
	// whether the item was new, duplicates are dropped.
	HashSet
)

// List is a growable collection: ArrayList, List[T] or HashSet[T]. It is a
// reference type (assignments share it) and enumerates in pipelines.
type List struct {
	Kind ListKind
	// TypeName is the .NET full name, e.g. "System.Collections.ArrayList"
	// or "System.Collections.Generic.List`1[System.String]".
	TypeName string
	// ElemType is the element type's full name, "System.Object" for an
	// ArrayList; used in conversion errors.
	ElemType string
	// Convert converts an element as it is added; nil accepts anything.
	Convert func(any) (any, error)
	items   []any
}

// NewList returns an empty list of the given kind.
func NewList(kind ListKind, typeName, elemType string, convert func(any) (any, error)) *List {
	return &List{Kind: kind, TypeName: typeName, ElemType: elemType, Convert: convert}
}

// MethodArgumentError is a failure to convert a method argument to the
// parameter type; the evaluator reports it as PowerShell's
// MethodArgumentConversionInvalidCastArgument error, not as an exception
// thrown by the method.
type MethodArgumentError struct{ Msg string }

// Error implements error.
func (e *MethodArgumentError) Error() string { return e.Msg }

// argError builds the conversion error for argument name of method.
func (l *List) argError(name, method string, v any, err error) error {
	return &MethodArgumentError{Msg: fmt.Sprintf("Cannot convert argument \"%s\", with value: \"%s\", for \"%s\" to type \"%s\": \"%s\"",
		name, ToString(v), method, l.ElemType, err.Error())}
}

func (l *List) convert(v any, method string) (any, error) {
	if l.Convert == nil {
		return v, nil
	}
	c, err := l.Convert(v)
	if err != nil {
		return nil, l.argError("item", method, v, err)
	}
	return c, nil
}

// Items implements Enumerable.
func (l *List) Items() []any { return l.items }

// Len returns the number of elements.
func (l *List) Len() int { return len(l.items) }

// Append adds elements without conversion (for Go code building lists).
func (l *List) Append(items ...any) { l.items = append(l.items, items...) }

// TypeNames implements Object.
func (l *List) TypeNames() []string {
	return []string{l.TypeName, "System.Object"}
}

// Property implements Object.
func (l *List) Property(name string) (any, bool) {
	switch strings.ToLower(name) {
	case "count":
		return int32(len(l.items)), true
	case "capacity":
		c := cap(l.items)
		if c < 4 && c < len(l.items) {
			c = len(l.items)
		}
		return int32(c), true
	case "isreadonly", "isfixedsize", "issynchronized":
		return false, true
	}
	return nil, false
}

// PropertyNames implements Object.
func (l *List) PropertyNames() []string { return []string{"Capacity", "Count"} }

// indexOf finds v from position from on, comparing as -ceq does (strings
// ordinally, as .NET's default comparer).
func (l *List) indexOf(v any, from int) int {
	for i := from; i < len(l.items); i++ {
		if Equals(l.items[i], v, true) {
			return i
		}
	}
	return -1
}

// GetIndex implements Indexer.
func (l *List) GetIndex(idx any) (any, error) {
	i, err := ToInt32(idx)
	if err != nil {
		return nil, err
	}
	if i < 0 || int(i) >= len(l.items) {
		return nil, fmt.Errorf("Index was out of range. Must be non-negative and less than the size of the collection. (Parameter 'index')")
	}
	return l.items[i], nil
}

// SetIndex implements Indexer.
func (l *List) SetIndex(idx, v any) error {
	i, err := ToInt32(idx)
	if err != nil {
		return err
	}
	if i < 0 || int(i) >= len(l.items) {
		return fmt.Errorf("Index was out of range. Must be non-negative and less than the size of the collection. (Parameter 'index')")
	}
	c, err := l.convert(v, "set_Item")
	if err != nil {
		return err
	}
	l.items[i] = c
	return nil
}

// CallMethod implements MethodCaller: the collection methods scripts use.
func (l *List) CallMethod(name string, args []any) (any, bool, error) {
	n := len(args)
	index := func(i int) (int, error) {
		v, err := ToInt32(args[i])
		return int(v), err
	}
	outOfRange := func(param string) error {
		return fmt.Errorf("Index was out of range. Must be non-negative and less than the size of the collection. (Parameter '%s')", param)
	}
	switch strings.ToLower(name) {
	case "add":
		if n != 1 {
			break
		}
		v, err := l.convert(args[0], "Add")
		if err != nil {
			return nil, true, err
		}
		switch l.Kind {
		case HashSet:
			if l.indexOf(v, 0) >= 0 {
				return false, true, nil
			}
			l.items = append(l.items, v)
			return true, true, nil
		case GenericList:
			l.items = append(l.items, v)
			return AutomationNull, true, nil
		}
		l.items = append(l.items, v)
		return int32(len(l.items) - 1), true, nil
	case "addrange", "unionwith":
		if n != 1 {
			break
		}
		for _, it := range Enumerate(args[0]) {
			v, err := l.convert(it, name)
			if err != nil {
				return nil, true, err
			}
			if l.Kind == HashSet && l.indexOf(v, 0) >= 0 {
				continue
			}
			l.items = append(l.items, v)
		}
		return AutomationNull, true, nil
	case "insert":
		if n != 2 {
			break
		}
		i, err := index(0)
		if err != nil {
			return nil, true, err
		}
		if i < 0 || i > len(l.items) {
			return nil, true, fmt.Errorf("Index must be within the bounds of the List. (Parameter 'index')")
		}
		v, err := l.convert(args[1], "Insert")
		if err != nil {
			return nil, true, err
		}
		l.items = append(l.items[:i], append([]any{v}, l.items[i:]...)...)
		return AutomationNull, true, nil
	case "remove":
		if n != 1 {
			break
		}
		i := l.indexOf(args[0], 0)
		if i >= 0 {
			l.items = append(l.items[:i], l.items[i+1:]...)
		}
		if l.Kind == ArrayList {
			return AutomationNull, true, nil
		}
		return i >= 0, true, nil
	case "removeat":
		if n != 1 {
			break
		}
		i, err := index(0)
		if err != nil {
			return nil, true, err
		}
		if i < 0 || i >= len(l.items) {
			return nil, true, outOfRange("index")
		}
		l.items = append(l.items[:i], l.items[i+1:]...)
		return AutomationNull, true, nil
	case "removerange":
		if n != 2 {
			break
		}
		i, err := index(0)
		if err != nil {
			return nil, true, err
		}
		c, err := index(1)
		if err != nil {
			return nil, true, err
		}
		if i < 0 || c < 0 || i+c > len(l.items) {
			return nil, true, fmt.Errorf("Offset and length were out of bounds for the array or count is greater than the number of elements from index to the end of the source collection.")
		}
		l.items = append(l.items[:i], l.items[i+c:]...)
		return AutomationNull, true, nil
	case "clear":
		l.items = nil
		return AutomationNull, true, nil
	case "contains":
		if n == 1 {
			return l.indexOf(args[0], 0) >= 0, true, nil
		}
	case "indexof":
		if n >= 1 {
			from := 0
			if n > 1 {
				f, err := index(1)
				if err != nil {
					return nil, true, err
				}
				from = f
			}
			return int32(l.indexOf(args[0], from)), true, nil
		}
	case "lastindexof":
		if n == 1 {
			for i := len(l.items) - 1; i >= 0; i-- {
				if Equals(l.items[i], args[0], true) {
					return int32(i), true, nil
				}
			}
			return int32(-1), true, nil
		}
	case "toarray":
		return append([]any{}, l.items...), true, nil
	case "getrange":
		if n != 2 {
			break
		}
		i, err := index(0)
		if err != nil {
			return nil, true, err
		}
		c, err := index(1)
		if err != nil {
			return nil, true, err
		}
		if i < 0 || c < 0 || i+c > len(l.items) {
			return nil, true, fmt.Errorf("Offset and length were out of bounds for the array or count is greater than the number of elements from index to the end of the source collection.")
		}
		out := &List{Kind: l.Kind, TypeName: l.TypeName, ElemType: l.ElemType, Convert: l.Convert}
		out.items = append([]any{}, l.items[i:i+c]...)
		return out, true, nil
	case "reverse":
		if n == 0 {
			for i, j := 0, len(l.items)-1; i < j; i, j = i+1, j-1 {
				l.items[i], l.items[j] = l.items[j], l.items[i]
			}
			return AutomationNull, true, nil
		}
	case "sort":
		if n == 0 {
			var firstErr error
			sort.SliceStable(l.items, func(i, j int) bool {
				c, err := Compare(l.items[i], l.items[j], true)
				if err != nil && firstErr == nil {
					firstErr = err
				}
				return c < 0
			})
			return AutomationNull, true, firstErr
		}
	case "clone":
		if n == 0 {
			out := &List{Kind: l.Kind, TypeName: l.TypeName, ElemType: l.ElemType, Convert: l.Convert}
			out.items = append([]any{}, l.items...)
			return out, true, nil
		}
	case "trimtosize", "trimexcess":
		return AutomationNull, true, nil
	}
	return nil, false, nil
}

// String is the .NET ToString of a collection: its type name.
func (l *List) String() string { return l.TypeName }
