package value

import (
	"fmt"
	"strconv"
	"strings"
)

// Hashtable is PowerShell's @{} and [ordered]@{}: string keys compare
// without regard to case. Both kinds keep insertion order; .NET leaves a
// plain hashtable's order unspecified, and a stable order keeps keyhost's
// output reproducible.
type Hashtable struct {
	// Ordered is set for [ordered]@{} (System.Collections.Specialized.OrderedDictionary).
	Ordered bool
	// Generic describes a System.Collections.Generic.Dictionary[K,V]
	// instead of a hashtable; nil for @{}.
	Generic *DictionaryType
	keys    []any
	vals    []any
	index   map[string]int
}

// DictionaryType is the shape of a generic dictionary: its type name, key
// comparison and the conversions of its keys and values.
type DictionaryType struct {
	// TypeName is the .NET full name, e.g.
	// "System.Collections.Generic.Dictionary`2[System.String,System.Object]".
	TypeName string
	// CaseSensitive keys: .NET's default string comparer is ordinal.
	CaseSensitive bool
	KeyType       string
	ValueType     string
	KeyConvert    func(any) (any, error)
	ValueConvert  func(any) (any, error)
}

// NewHashtable returns an empty hashtable.
func NewHashtable() *Hashtable {
	return &Hashtable{index: map[string]int{}}
}

// NewDictionary returns an empty generic dictionary of the given shape.
func NewDictionary(t *DictionaryType) *Hashtable {
	return &Hashtable{index: map[string]int{}, Generic: t}
}

// key normalizes a key for this table's comparer.
func (h *Hashtable) key(k any) string {
	if s, ok := k.(string); ok && h.Generic != nil && h.Generic.CaseSensitive {
		return "S:" + s
	}
	return keyOf(k)
}

// keyOf normalizes a key so that equal PowerShell keys map to the same Go
// string: strings ignore case, numbers compare by value.
func keyOf(k any) string {
	switch x := k.(type) {
	case string:
		return "s:" + strings.ToLower(x)
	case Char:
		return "c:" + string(rune(x))
	case Decimal:
		if i, ok := x.Int64(); ok && x.Cmp(DecimalFromInt(i)) == 0 {
			return "n:" + strconv.FormatInt(i, 10)
		}
		return "d:" + x.String()
	case int32:
		return "n:" + strconv.FormatInt(int64(x), 10)
	case int64:
		return "n:" + strconv.FormatInt(x, 10)
	case float64:
		if x == float64(int64(x)) {
			return "n:" + strconv.FormatInt(int64(x), 10)
		}
		return "f:" + strconv.FormatFloat(x, 'g', -1, 64)
	case bool:
		return "b:" + strconv.FormatBool(x)
	case nil:
		return "null"
	}
	return fmt.Sprintf("o:%T:%p", k, k)
}

// Len returns the number of entries.
func (h *Hashtable) Len() int { return len(h.keys) }

// Get returns the value for key k.
func (h *Hashtable) Get(k any) (any, bool) {
	i, ok := h.index[h.key(k)]
	if !ok {
		return nil, false
	}
	return h.vals[i], true
}

// Set adds or replaces the value for key k.
func (h *Hashtable) Set(k, v any) {
	key := h.key(k)
	if i, ok := h.index[key]; ok {
		h.vals[i] = v
		return
	}
	h.index[key] = len(h.keys)
	h.keys = append(h.keys, k)
	h.vals = append(h.vals, v)
}

// Add adds a new entry and fails if the key exists, as Hashtable.Add and
// hashtable addition do in .NET.
func (h *Hashtable) Add(k, v any) error {
	if _, ok := h.index[h.key(k)]; ok {
		return fmt.Errorf("Item has already been added. Key in dictionary: '%s'  Key being added: '%s'", ToString(k), ToString(k))
	}
	h.Set(k, v)
	return nil
}

// Remove deletes the entry for k, if any.
func (h *Hashtable) Remove(k any) bool {
	key := h.key(k)
	i, ok := h.index[key]
	if !ok {
		return false
	}
	delete(h.index, key)
	h.keys = append(h.keys[:i], h.keys[i+1:]...)
	h.vals = append(h.vals[:i], h.vals[i+1:]...)
	for j := i; j < len(h.keys); j++ {
		h.index[h.key(h.keys[j])] = j
	}
	return true
}

// Insert adds a new entry at position i (OrderedDictionary.Insert); it
// fails when the key exists or i is out of range.
func (h *Hashtable) Insert(i int, k, v any) error {
	if i < 0 || i > len(h.keys) {
		return fmt.Errorf("Specified argument was out of the range of valid values. (Parameter 'index')")
	}
	if _, ok := h.index[h.key(k)]; ok {
		return fmt.Errorf("An item with the same key has already been added. Key: %s", ToString(k))
	}
	h.keys = append(h.keys[:i], append([]any{k}, h.keys[i:]...)...)
	h.vals = append(h.vals[:i], append([]any{v}, h.vals[i:]...)...)
	for j := i; j < len(h.keys); j++ {
		h.index[h.key(h.keys[j])] = j
	}
	return nil
}

// Keys returns the keys in order.
func (h *Hashtable) Keys() []any { return append([]any(nil), h.keys...) }

// Values returns the values in key order.
func (h *Hashtable) Values() []any { return append([]any(nil), h.vals...) }

// Clone returns a shallow copy.
func (h *Hashtable) Clone() *Hashtable {
	c := &Hashtable{Ordered: h.Ordered, Generic: h.Generic, index: make(map[string]int, len(h.keys))}
	c.keys = append(c.keys, h.keys...)
	c.vals = append(c.vals, h.vals...)
	for k, v := range h.index {
		c.index[k] = v
	}
	return c
}

// TypeNames implements Object.
func (h *Hashtable) TypeNames() []string {
	if h.Generic != nil {
		return []string{h.Generic.TypeName, "System.Object"}
	}
	if h.Ordered {
		return []string{"System.Collections.Specialized.OrderedDictionary", "System.Object"}
	}
	return []string{"System.Collections.Hashtable", "System.Object"}
}

// Property implements Object: keys read as properties.
func (h *Hashtable) Property(name string) (any, bool) { return h.Get(name) }

// PropertyNames implements Object.
func (h *Hashtable) PropertyNames() []string {
	names := make([]string, len(h.keys))
	for i, k := range h.keys {
		names[i] = ToString(k)
	}
	return names
}

// SetProperty implements PropertySetter: $h.key = value adds or replaces.
func (h *Hashtable) SetProperty(name string, v any) error {
	h.Set(name, v)
	return nil
}

// String is the .NET ToString of a hashtable: its type name.
func (h *Hashtable) String() string { return h.TypeNames()[0] }
