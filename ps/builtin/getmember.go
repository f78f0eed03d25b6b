package builtin

import (
	"fmt"
	"sort"
	"strings"

	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
	"github.com/keyhost/keyhost/ps/wildcard"
)

// memberDefinitionType is the type of Get-Member's output.
const memberDefinitionType = "Microsoft.PowerShell.Commands.MemberDefinition"

// psMemberTypes is System.Management.Automation.PSMemberTypes.
var psMemberTypes = &value.EnumType{Name: "System.Management.Automation.PSMemberTypes",
	Members: []string{"AliasProperty", "CodeProperty", "Property", "NoteProperty", "ScriptProperty", "PropertySet", "Method", "CodeMethod", "ScriptMethod", "ParameterizedProperty", "MemberSet", "Event", "Dynamic", "InferredProperty", "Properties", "Methods", "All"},
	Values:  []int64{1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 31, 448, 16383}}

// getMember is Get-Member (alias gm): the properties and methods of the
// input objects, once per type.
func getMember() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:             "Get-Member",
		Module:           utilityModule,
		ImplementingType: "Microsoft.PowerShell.Commands.GetMemberCommand",
		Synopsis:         "Gets the properties and methods of objects.",
		OutputType:       []string{memberDefinitionType},
		Parameters: []*eval.Parameter{
			inputObject(-1),
			{Name: "Name", Type: eval.StringArrayType, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Position: 0}}},
			{Name: "MemberType", Aliases: []string{"Type"}, Type: eval.StringArrayType},
			{Name: "View", Type: eval.StringType},
			{Name: "Static", Switch: true},
			{Name: "Force", Switch: true},
		},
		New: func() eval.Processor { return &memberLister{seen: map[string]bool{}} },
	}
}

type memberLister struct {
	seen map[string]bool
	any  bool
}

func (m *memberLister) Begin(*eval.Call) error { return nil }

func (m *memberLister) Process(c *eval.Call) error {
	in, has := c.Input()
	if !has {
		if !c.Has("InputObject") {
			return nil
		}
		in = c.Value("InputObject")
	}
	if in == nil {
		return nil
	}
	m.any = true
	typeName := value.TypeName(in)
	if m.seen[typeName] {
		return nil
	}
	m.seen[typeName] = true
	members := membersOf(in)
	sort.SliceStable(members, func(i, j int) bool {
		if members[i].kind != members[j].kind {
			return members[i].kind < members[j].kind
		}
		return strings.ToLower(members[i].name) < strings.ToLower(members[j].name)
	})
	for _, mem := range members {
		if !m.wanted(c, mem) {
			continue
		}
		kind, _ := psMemberTypes.Parse(mem.kind)
		o := value.NewPSObject(memberDefinitionType)
		o.Add("TypeName", typeName).Add("Name", mem.name).Add("MemberType", kind).Add("Definition", mem.definition)
		o.ToStringFunc = func() string { return mem.definition }
		if err := c.WriteObject(o); err != nil {
			return err
		}
	}
	return nil
}

// wanted applies -Name and -MemberType.
func (m *memberLister) wanted(c *eval.Call, mem member) bool {
	if names := c.Strings("Name"); len(names) > 0 && !anyMatch(names, mem.name) {
		return false
	}
	types := c.Strings("MemberType")
	if len(types) == 0 {
		return true
	}
	for _, t := range types {
		switch strings.ToLower(t) {
		case "all":
			return true
		case "properties":
			if strings.HasSuffix(mem.kind, "Property") {
				return true
			}
		case "methods":
			if strings.HasSuffix(mem.kind, "Method") {
				return true
			}
		}
		if wildcard.Match(t, mem.kind, false) {
			return true
		}
	}
	return false
}

func (m *memberLister) End(c *eval.Call) error {
	if !m.any {
		ex := eval.NewException("System.InvalidOperationException", "You must specify an object for the Get-Member cmdlet.")
		return c.WriteError(c.NewError(ex, "NoObjectInGetMember", eval.ErrorCategory("CloseError"), nil))
	}
	return nil
}

// member is one member Get-Member lists.
type member struct {
	name, kind, definition string
}

// objectMethods are the methods every .NET object has.
var objectMethods = []member{
	{"Equals", "Method", "bool Equals(System.Object obj)"},
	{"GetHashCode", "Method", "int GetHashCode()"},
	{"GetType", "Method", "type GetType()"},
	{"ToString", "Method", "string ToString()"},
}

// stringMembers are System.String's members scripts use.
var stringMembers = []member{
	{"Clone", "Method", "System.Object Clone(), System.Object ICloneable.Clone()"},
	{"CompareTo", "Method", "int CompareTo(System.Object value), int CompareTo(string strB)"},
	{"Contains", "Method", "bool Contains(string value), bool Contains(char value)"},
	{"EndsWith", "Method", "bool EndsWith(string value), bool EndsWith(string value, System.StringComparison comparisonType)"},
	{"IndexOf", "Method", "int IndexOf(char value), int IndexOf(string value)"},
	{"Insert", "Method", "string Insert(int startIndex, string value)"},
	{"LastIndexOf", "Method", "int LastIndexOf(char value), int LastIndexOf(string value)"},
	{"PadLeft", "Method", "string PadLeft(int totalWidth), string PadLeft(int totalWidth, char paddingChar)"},
	{"PadRight", "Method", "string PadRight(int totalWidth), string PadRight(int totalWidth, char paddingChar)"},
	{"Remove", "Method", "string Remove(int startIndex, int count), string Remove(int startIndex)"},
	{"Replace", "Method", "string Replace(string oldValue, string newValue)"},
	{"Split", "Method", "string[] Split(char separator, System.StringSplitOptions options), string[] Split(string separator)"},
	{"StartsWith", "Method", "bool StartsWith(string value), bool StartsWith(string value, System.StringComparison comparisonType)"},
	{"Substring", "Method", "string Substring(int startIndex), string Substring(int startIndex, int length)"},
	{"ToCharArray", "Method", "char[] ToCharArray()"},
	{"ToLower", "Method", "string ToLower()"},
	{"ToUpper", "Method", "string ToUpper()"},
	{"Trim", "Method", "string Trim(), string Trim(char trimChar)"},
	{"TrimEnd", "Method", "string TrimEnd(), string TrimEnd(char trimChar)"},
	{"TrimStart", "Method", "string TrimStart(), string TrimStart(char trimChar)"},
	{"Chars", "ParameterizedProperty", "char Chars(int index) {get;}"},
	{"Length", "Property", "int Length {get;}"},
}

// hashtableMembers are System.Collections.Hashtable's members.
var hashtableMembers = []member{
	{"Add", "Method", "void Add(System.Object key, System.Object value)"},
	{"Clear", "Method", "void Clear()"},
	{"Clone", "Method", "System.Object Clone()"},
	{"Contains", "Method", "bool Contains(System.Object key)"},
	{"ContainsKey", "Method", "bool ContainsKey(System.Object key)"},
	{"ContainsValue", "Method", "bool ContainsValue(System.Object value)"},
	{"GetEnumerator", "Method", "System.Collections.IDictionaryEnumerator GetEnumerator()"},
	{"Remove", "Method", "void Remove(System.Object key)"},
	{"Item", "ParameterizedProperty", "System.Object Item(System.Object key) {get;set;}"},
	{"Count", "Property", "int Count {get;}"},
	{"IsFixedSize", "Property", "bool IsFixedSize {get;}"},
	{"IsReadOnly", "Property", "bool IsReadOnly {get;}"},
	{"IsSynchronized", "Property", "bool IsSynchronized {get;}"},
	{"Keys", "Property", "System.Collections.ICollection Keys {get;}"},
	{"SyncRoot", "Property", "System.Object SyncRoot {get;}"},
	{"Values", "Property", "System.Collections.ICollection Values {get;}"},
}

// arrayMembers are System.Object[]'s members scripts use.
var arrayMembers = []member{
	{"Count", "AliasProperty", "Count = Length"},
	{"Clone", "Method", "System.Object Clone(), System.Object ICloneable.Clone()"},
	{"Contains", "Method", "bool IList.Contains(System.Object value)"},
	{"CopyTo", "Method", "void CopyTo(array array, int index), void CopyTo(array array, long index), void ICollection.CopyTo(array array, int index)"},
	{"GetEnumerator", "Method", "System.Collections.IEnumerator GetEnumerator()"},
	{"GetValue", "Method", "System.Object GetValue(Params int[] indices), System.Object GetValue(int index)"},
	{"IndexOf", "Method", "int IList.IndexOf(System.Object value)"},
	{"SetValue", "Method", "void SetValue(System.Object value, int index)"},
	{"Item", "ParameterizedProperty", "System.Object IList.Item(int index) {get;set;}"},
	{"IsFixedSize", "Property", "bool IsFixedSize {get;}"},
	{"IsReadOnly", "Property", "bool IsReadOnly {get;}"},
	{"IsSynchronized", "Property", "bool IsSynchronized {get;}"},
	{"Length", "Property", "int Length {get;}"},
	{"LongLength", "Property", "long LongLength {get;}"},
	{"Rank", "Property", "int Rank {get;}"},
	{"SyncRoot", "Property", "System.Object SyncRoot {get;}"},
}

// dateTimeMethods are System.DateTime's methods keyhost implements.
var dateTimeMethods = []string{"Add", "AddDays", "AddHours", "AddMilliseconds", "AddMinutes", "AddMonths", "AddSeconds", "AddTicks", "AddYears",
	"CompareTo", "IsDaylightSavingTime", "Subtract", "ToFileTime", "ToFileTimeUtc", "ToLocalTime", "ToLongDateString", "ToLongTimeString",
	"ToShortDateString", "ToShortTimeString", "ToUniversalTime"}

// membersOf lists the members of a value.
func membersOf(v any) []member {
	out := append([]member{}, objectMethods...)
	switch x := v.(type) {
	case string:
		return append(out, stringMembers...)
	case *value.Hashtable:
		return append(out, hashtableMembers...)
	case []any:
		return append(out, arrayMembers...)
	case value.DateTime:
		for _, n := range dateTimeMethods {
			out = append(out, member{n, "Method", n + "(...)"})
		}
	case *value.PSObject:
		kind := "Property"
		if tn := value.TypeName(x); tn == value.PSCustomObjectType || strings.HasPrefix(tn, "Selected.") || tn == memberDefinitionType || tn == groupInfoType {
			kind = "NoteProperty"
		}
		for _, p := range x.PropertyNames() {
			pv, _ := x.Property(p)
			out = append(out, member{p, kind, propertyDefinition(kind, p, pv)})
		}
		for n := range x.Methods {
			out = append(out, member{methodName(n), "ScriptMethod", "System.Object " + methodName(n) + "();"})
		}
		return out
	}
	if value.IsNumber(v) {
		t := shortTypeName(v)
		out = append(out, member{"CompareTo", "Method", "int CompareTo(System.Object value), int CompareTo(" + t + " value)"},
			member{"GetTypeCode", "Method", "System.TypeCode GetTypeCode()"})
		return out
	}
	if o, ok := v.(value.Object); ok {
		for _, p := range o.PropertyNames() {
			pv, _ := o.Property(p)
			out = append(out, member{p, "Property", propertyDefinition("Property", p, pv)})
		}
	}
	return out
}

// methodName turns a lower-case method key back into a readable name.
func methodName(n string) string {
	if n == "" {
		return n
	}
	return strings.ToUpper(n[:1]) + n[1:]
}

// propertyDefinition is a property's Definition column: "string Name=x"
// for note properties, "string Name {get;}" for others.
func propertyDefinition(kind, name string, v any) string {
	t := shortTypeName(v)
	if kind == "NoteProperty" {
		shown := value.ToString(v)
		if v == nil {
			shown = "null"
		}
		return fmt.Sprintf("%s %s=%s", t, name, shown)
	}
	return fmt.Sprintf("%s %s {get;}", t, name)
}

// shortTypeName is a type as Get-Member writes it: the C# keyword for
// the built-in types, the full name otherwise.
func shortTypeName(v any) string {
	if v == nil {
		return "object"
	}
	full := value.TypeName(v)
	switch full {
	case "System.String":
		return "string"
	case "System.Int32":
		return "int"
	case "System.Int64":
		return "long"
	case "System.Double":
		return "double"
	case "System.Boolean":
		return "bool"
	case "System.Object[]":
		return "Object[]"
	case "System.Char":
		return "char"
	case "System.Decimal":
		return "decimal"
	case "System.DateTime":
		return "datetime"
	case "System.Collections.Hashtable":
		return "hashtable"
	}
	return full
}
