package eval

import (
	"fmt"
	"strings"

	"github.com/keyhost/keyhost/ps/value"
	"github.com/keyhost/keyhost/ps/wildcard"
)

// The intrinsic members every object has: .PSObject (the object's view
// with Properties, TypeNames, BaseObject and Copy()) and .PSTypeNames.
// PowerCLI users rely on $obj.PSObject.Properties to walk objects.

// psObjectView is $obj.PSObject.
type psObjectView struct{ target any }

func newPSObjectView(target any) *psObjectView { return &psObjectView{target: target} }

// TypeNames implements value.Object.
func (p *psObjectView) TypeNames() []string {
	return []string{"System.Management.Automation.PSObject", "System.Object"}
}

// Property implements value.Object.
func (p *psObjectView) Property(name string) (any, bool) {
	switch strings.ToLower(name) {
	case "properties":
		return &propertyCollection{target: p.target}, true
	case "members":
		return &propertyCollection{target: p.target, members: true}, true
	case "typenames":
		return psTypeNames(p.target), true
	case "baseobject", "immediatebaseobject":
		return p.target, true
	case "methods":
		return value.NewList(value.GenericList, "System.Management.Automation.PSMemberInfoCollection`1[System.Management.Automation.PSMethodInfo]", "System.Management.Automation.PSMethodInfo", nil), true
	}
	return nil, false
}

// PropertyNames implements value.Object.
func (p *psObjectView) PropertyNames() []string {
	return []string{"BaseObject", "Members", "Properties", "Methods", "ImmediateBaseObject", "TypeNames"}
}

// String renders the underlying object.
func (p *psObjectView) String() string { return value.ToString(p.target) }

// CallMethod implements value.MethodCaller: Copy() clones a property bag.
func (p *psObjectView) CallMethod(name string, args []any) (any, bool, error) {
	switch strings.ToLower(name) {
	case "copy":
		switch t := p.target.(type) {
		case *value.PSObject:
			return t.Copy(), true, nil
		case *value.Hashtable:
			return t.Clone(), true, nil
		}
		return p.target, true, nil
	case "tostring":
		return value.ToString(p.target), true, nil
	}
	return nil, false, nil
}

// propertyNamesOf lists the properties PSObject.Properties shows.
func propertyNamesOf(v any) []string {
	switch t := v.(type) {
	case nil:
		return nil
	case string:
		return []string{"Length"}
	case *value.Hashtable:
		return []string{"IsReadOnly", "IsFixedSize", "IsSynchronized", "Keys", "Values", "SyncRoot", "Count"}
	case []any:
		return []string{"Length", "LongLength", "Rank", "SyncRoot", "IsReadOnly", "IsFixedSize", "IsSynchronized", "Count"}
	case value.Object:
		return t.PropertyNames()
	}
	return nil
}

// propertyOf reads one property for PSObject.Properties.
func propertyOf(v any, name string) any {
	switch t := v.(type) {
	case *value.Hashtable:
		switch strings.ToLower(name) {
		case "isreadonly", "isfixedsize", "issynchronized":
			return false
		case "keys":
			return t.Keys()
		case "values":
			return t.Values()
		case "syncroot":
			return t
		case "count":
			return int32(t.Len())
		}
	case []any:
		switch strings.ToLower(name) {
		case "longlength":
			return int64(len(t))
		case "isreadonly", "issynchronized":
			return false
		case "isfixedsize":
			return true
		case "syncroot":
			return t
		}
	}
	out, _ := value.GetProperty(v, name)
	return out
}

// memberTypeOf is PSPropertyInfo.MemberType: note properties for custom
// objects, adapted .NET properties for everything else.
func memberTypeOf(v any) string {
	if o, ok := v.(*value.PSObject); ok {
		tn := o.TypeNames()[0]
		if tn == value.PSCustomObjectType || strings.HasPrefix(tn, "Selected.") {
			return "NoteProperty"
		}
	}
	return "Property"
}

// propertyCollection is PSObject.Properties: enumerable, indexable by
// name, with Match(), Add() and Remove().
type propertyCollection struct {
	target  any
	members bool
}

// Items implements value.Enumerable.
func (c *propertyCollection) Items() []any {
	names := propertyNamesOf(c.target)
	out := make([]any, len(names))
	for i, n := range names {
		out[i] = &propertyInfo{target: c.target, name: n}
	}
	return out
}

// TypeNames implements value.Object.
func (c *propertyCollection) TypeNames() []string {
	return []string{"System.Management.Automation.PSMemberInfoIntegratingCollection`1[System.Management.Automation.PSPropertyInfo]", "System.Object"}
}

// Property implements value.Object. The collection has no properties of
// its own that scripts read: .Name enumerates its members' names.
func (c *propertyCollection) Property(name string) (any, bool) { return nil, false }

// PropertyNames implements value.Object.
func (c *propertyCollection) PropertyNames() []string { return nil }

func (c *propertyCollection) find(name string) *propertyInfo {
	for _, n := range propertyNamesOf(c.target) {
		if strings.EqualFold(n, name) {
			return &propertyInfo{target: c.target, name: n}
		}
	}
	return nil
}

// GetIndex implements value.Indexer: Properties['Name'].
func (c *propertyCollection) GetIndex(idx any) (any, error) {
	if p := c.find(value.ToString(idx)); p != nil {
		return p, nil
	}
	return nil, nil
}

// SetIndex implements value.Indexer.
func (c *propertyCollection) SetIndex(any, any) error {
	return fmt.Errorf("Collection is read-only.")
}

// CallMethod implements value.MethodCaller.
func (c *propertyCollection) CallMethod(name string, args []any) (any, bool, error) {
	switch strings.ToLower(name) {
	case "match":
		if len(args) < 1 {
			return nil, false, nil
		}
		pattern := value.ToString(args[0])
		var out []any
		for _, n := range propertyNamesOf(c.target) {
			if wildcard.Match(pattern, n, false) {
				out = append(out, &propertyInfo{target: c.target, name: n})
			}
		}
		if out == nil {
			out = []any{}
		}
		return out, true, nil
	case "add":
		if len(args) < 1 {
			return nil, false, nil
		}
		o, ok := c.target.(*value.PSObject)
		if !ok {
			return nil, true, fmt.Errorf("Cannot add a member to an object of type %s.", value.TypeName(c.target))
		}
		switch p := args[0].(type) {
		case *noteProperty:
			if _, exists := o.Property(p.name); exists {
				return nil, true, fmt.Errorf("Cannot add a member with the name \"%s\" because a member with that name already exists. To overwrite the member anyway, add the Force parameter to your command.", p.name)
			}
			o.Add(p.name, p.value)
			return value.AutomationNull, true, nil
		case *propertyInfo:
			o.Add(p.name, propertyOf(p.target, p.name))
			return value.AutomationNull, true, nil
		}
		return nil, true, fmt.Errorf("Cannot convert argument \"member\", with value: \"%s\", for \"Add\" to type \"System.Management.Automation.PSPropertyInfo\".", value.ToString(args[0]))
	case "remove":
		if len(args) != 1 {
			return nil, false, nil
		}
		if o, ok := c.target.(*value.PSObject); ok {
			o.Remove(value.ToString(args[0]))
		}
		return value.AutomationNull, true, nil
	}
	return nil, false, nil
}

// propertyInfo is one PSPropertyInfo: Name, Value, TypeNameOfValue,
// MemberType; setting Value sets the property.
type propertyInfo struct {
	target any
	name   string
}

// TypeNames implements value.Object.
func (p *propertyInfo) TypeNames() []string {
	if memberTypeOf(p.target) == "NoteProperty" {
		return []string{"System.Management.Automation.PSNoteProperty", "System.Management.Automation.PSPropertyInfo", "System.Management.Automation.PSMemberInfo", "System.Object"}
	}
	return []string{"System.Management.Automation.PSProperty", "System.Management.Automation.PSPropertyInfo", "System.Management.Automation.PSMemberInfo", "System.Object"}
}

// Property implements value.Object.
func (p *propertyInfo) Property(name string) (any, bool) {
	switch strings.ToLower(name) {
	case "name":
		return p.name, true
	case "value":
		return propertyOf(p.target, p.name), true
	case "typenameofvalue":
		v := propertyOf(p.target, p.name)
		if v == nil {
			return "System.Object", true
		}
		return value.TypeName(v), true
	case "membertype":
		return memberTypeOf(p.target), true
	case "isgettable", "isinstance":
		return true, true
	case "issettable":
		_, ok := p.target.(value.PropertySetter)
		return ok, true
	}
	return nil, false
}

// PropertyNames implements value.Object.
func (p *propertyInfo) PropertyNames() []string {
	return []string{"Value", "MemberType", "IsSettable", "IsGettable", "TypeNameOfValue", "Name", "IsInstance"}
}

// SetProperty implements value.PropertySetter: .Value = x.
func (p *propertyInfo) SetProperty(name string, v any) error {
	if !strings.EqualFold(name, "Value") {
		return fmt.Errorf("'%s' is a ReadOnly property.", name)
	}
	s, ok := p.target.(value.PropertySetter)
	if !ok {
		return fmt.Errorf("'%s' is a ReadOnly property.", p.name)
	}
	return s.SetProperty(p.name, v)
}

// String is "Type Name=Value" as PSPropertyInfo.ToString renders it.
func (p *propertyInfo) String() string {
	v := propertyOf(p.target, p.name)
	t := "System.Object"
	if v != nil {
		t = value.TypeName(v)
	}
	if i := strings.LastIndexByte(t, '.'); i >= 0 {
		t = t[i+1:]
	}
	return strings.ToLower(t[:1]) + t[1:] + " " + p.name + "=" + value.ToString(v)
}

// noteProperty is [psnoteproperty]::new(name, value).
type noteProperty struct {
	name  string
	value any
}

// TypeNames implements value.Object.
func (n *noteProperty) TypeNames() []string {
	return []string{"System.Management.Automation.PSNoteProperty", "System.Management.Automation.PSPropertyInfo", "System.Object"}
}

// Property implements value.Object.
func (n *noteProperty) Property(name string) (any, bool) {
	switch strings.ToLower(name) {
	case "name":
		return n.name, true
	case "value":
		return n.value, true
	case "membertype":
		return "NoteProperty", true
	}
	return nil, false
}

// PropertyNames implements value.Object.
func (n *noteProperty) PropertyNames() []string { return []string{"Name", "Value", "MemberType"} }

// typeNameList is .PSTypeNames: a live view of a custom object's type
// names (Insert(0, 'My.Type') renames it for formatting and -is), or a
// copy for other values.
type typeNameList struct {
	obj   *value.PSObject
	names []string
}

func psTypeNames(v any) *typeNameList {
	if o, ok := v.(*value.PSObject); ok {
		return &typeNameList{obj: o}
	}
	return &typeNameList{names: value.TypeNames(v)}
}

func (l *typeNameList) list() []string {
	if l.obj != nil {
		return l.obj.TypeNames()
	}
	return l.names
}

func (l *typeNameList) store(names []string) {
	if l.obj != nil {
		l.obj.SetTypeNames(names)
		return
	}
	l.names = names
}

// Items implements value.Enumerable.
func (l *typeNameList) Items() []any {
	names := l.list()
	out := make([]any, len(names))
	for i, n := range names {
		out[i] = n
	}
	return out
}

// TypeNames implements value.Object.
func (l *typeNameList) TypeNames() []string {
	return []string{"System.Collections.ObjectModel.Collection`1[System.String]", "System.Object"}
}

// Property implements value.Object.
func (l *typeNameList) Property(name string) (any, bool) {
	if strings.EqualFold(name, "Count") {
		return int32(len(l.list())), true
	}
	return nil, false
}

// PropertyNames implements value.Object.
func (l *typeNameList) PropertyNames() []string { return []string{"Count"} }

// GetIndex implements value.Indexer.
func (l *typeNameList) GetIndex(idx any) (any, error) {
	names := l.list()
	p, ok := position(idx, len(names))
	if !ok {
		return nil, fmt.Errorf("Index was out of range. Must be non-negative and less than the size of the collection. (Parameter 'index')")
	}
	return names[p], nil
}

// SetIndex implements value.Indexer.
func (l *typeNameList) SetIndex(idx, v any) error {
	names := append([]string{}, l.list()...)
	p, ok := position(idx, len(names))
	if !ok {
		return fmt.Errorf("Index was out of range. Must be non-negative and less than the size of the collection. (Parameter 'index')")
	}
	names[p] = value.ToString(v)
	l.store(names)
	return nil
}

// CallMethod implements value.MethodCaller: Insert, Add, Remove, Clear,
// Contains.
func (l *typeNameList) CallMethod(name string, args []any) (any, bool, error) {
	names := append([]string{}, l.list()...)
	switch strings.ToLower(name) {
	case "insert":
		if len(args) != 2 {
			return nil, false, nil
		}
		i, err := value.ToInt32(args[0])
		if err != nil || i < 0 || int(i) > len(names) {
			return nil, true, fmt.Errorf("Index must be within the bounds of the List. (Parameter 'index')")
		}
		names = append(names[:i], append([]string{value.ToString(args[1])}, names[i:]...)...)
		l.store(names)
		return value.AutomationNull, true, nil
	case "add":
		if len(args) != 1 {
			return nil, false, nil
		}
		l.store(append(names, value.ToString(args[0])))
		return value.AutomationNull, true, nil
	case "remove":
		if len(args) != 1 {
			return nil, false, nil
		}
		for i, n := range names {
			if n == value.ToString(args[0]) {
				l.store(append(names[:i], names[i+1:]...))
				return true, true, nil
			}
		}
		return false, true, nil
	case "clear":
		l.store(nil)
		return value.AutomationNull, true, nil
	case "contains":
		if len(args) != 1 {
			return nil, false, nil
		}
		for _, n := range names {
			if n == value.ToString(args[0]) {
				return true, true, nil
			}
		}
		return false, true, nil
	}
	return nil, false, nil
}

func init() {
	registerType(&psType{Name: "System.Management.Automation.PSNoteProperty", New: func(_ *frame, args []any) (any, error) {
		if len(args) != 2 {
			return nil, fmt.Errorf("Cannot find an overload for \"new\" and the argument count: \"%d\".", len(args))
		}
		return &noteProperty{name: value.ToString(args[0]), value: args[1]}, nil
	}}, "psnoteproperty")
}
