package builtin

import (
	"fmt"
	"strings"

	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
)

// memberTypes are the member types Add-Member can add in keyhost.
var memberTypes = []string{"NoteProperty", "AliasProperty", "ScriptProperty", "ScriptMethod", "CodeProperty", "CodeMethod", "PropertySet", "MemberSet", "Property", "Method", "ParameterizedProperty", "Event", "All"}

// addMember is Add-Member: adds note properties, alias and script
// properties and script methods to custom objects, or type names.
func addMember() *eval.CommandInfo {
	setsOf := func(names ...string) []eval.ParameterSet {
		out := make([]eval.ParameterSet, len(names))
		for i, n := range names {
			out[i] = eval.ParameterSet{Name: n, Position: -1}
		}
		return out
	}
	return &eval.CommandInfo{
		Name:                "Add-Member",
		Module:              utilityModule,
		ImplementingType:    "Microsoft.PowerShell.Commands.AddMemberCommand",
		Synopsis:            "Adds custom properties and methods to an instance of a PowerShell object.",
		DefaultParameterSet: "TypeNameSet",
		Parameters: []*eval.Parameter{
			{Name: "InputObject", Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Mandatory: true, Position: -1, ValueFromPipeline: true}}},
			// MemberType and Name take any value: `Add-Member Foo 42` is the
			// NotePropertySingleMemberSet, which pwsh's binder finds by
			// failing to convert Foo to a member type.
			{Name: "MemberType", Aliases: []string{"Type"}, Sets: []eval.ParameterSet{{Name: "MemberSet", Mandatory: true, Position: 0}}},
			{Name: "Name", Sets: []eval.ParameterSet{{Name: "MemberSet", Mandatory: true, Position: 1}}},
			{Name: "Value", Sets: []eval.ParameterSet{{Name: "MemberSet", Position: 2}}},
			{Name: "SecondValue", Sets: []eval.ParameterSet{{Name: "MemberSet", Position: 3}}},
			{Name: "TypeName", Type: eval.StringType, Sets: []eval.ParameterSet{{Name: "TypeNameSet", Mandatory: true, Position: -1}, {Name: "MemberSet", Position: -1}, {Name: "NotePropertySingleMemberSet", Position: -1}, {Name: "NotePropertyMultiMemberSet", Position: -1}}},
			{Name: "Force", Switch: true, Sets: setsOf("MemberSet", "NotePropertySingleMemberSet", "NotePropertyMultiMemberSet")},
			{Name: "PassThru", Switch: true},
			{Name: "NotePropertyName", Type: eval.StringType, Sets: []eval.ParameterSet{{Name: "NotePropertySingleMemberSet", Mandatory: true, Position: -1}}},
			{Name: "NotePropertyValue", Sets: []eval.ParameterSet{{Name: "NotePropertySingleMemberSet", Mandatory: true, Position: -1}}},
			{Name: "NotePropertyMembers", Type: hashtableType, Sets: []eval.ParameterSet{{Name: "NotePropertyMultiMemberSet", Mandatory: true, Position: -1}}},
		},
		New: func() eval.Processor { return eval.ProcessFunc(addMemberProcess) },
	}
}

// memberToAdd is one member Add-Member adds.
type memberToAdd struct {
	kind, name    string
	value, second any
}

// membersToAdd reads the members from whichever parameter set was used.
func membersToAdd(c *eval.Call) ([]memberToAdd, error) {
	switch c.ParameterSetName() {
	case "NotePropertySingleMemberSet":
		return []memberToAdd{{kind: "NoteProperty", name: c.String("NotePropertyName"), value: c.Value("NotePropertyValue")}}, nil
	case "NotePropertyMultiMemberSet":
		h := c.Value("NotePropertyMembers").(*value.Hashtable)
		keys, vals := h.Keys(), h.Values()
		out := make([]memberToAdd, len(keys))
		for i := range keys {
			out[i] = memberToAdd{kind: "NoteProperty", name: value.ToString(keys[i]), value: vals[i]}
		}
		return out, nil
	case "MemberSet":
		mt := c.Value("MemberType")
		if h, ok := mt.(*value.Hashtable); ok {
			keys, vals := h.Keys(), h.Values()
			out := make([]memberToAdd, len(keys))
			for i := range keys {
				out[i] = memberToAdd{kind: "NoteProperty", name: value.ToString(keys[i]), value: vals[i]}
			}
			return out, nil
		}
		kind := value.ToString(mt)
		for _, t := range memberTypes {
			if strings.EqualFold(t, kind) {
				return []memberToAdd{{kind: t, name: value.ToString(c.Value("Name")), value: c.Value("Value"), second: c.Value("SecondValue")}}, nil
			}
		}
		if !c.Has("Value") {
			// Add-Member Name Value: a note property given by position.
			return []memberToAdd{{kind: "NoteProperty", name: kind, value: c.Value("Name")}}, nil
		}
		return nil, fmt.Errorf("Cannot bind parameter 'MemberType'. Cannot convert value \"%s\" to type \"System.Management.Automation.PSMemberTypes\". Error: \"Unable to match the identifier name %s to a valid enumerator name. Specify one of the following enumerator names and try again:\n%s\"",
			kind, kind, strings.Join(memberTypes, ", "))
	}
	return nil, nil
}

func addMemberProcess(c *eval.Call) error {
	in := c.Value("InputObject")
	members, err := membersToAdd(c)
	if err != nil {
		ex := eval.NewException("System.Management.Automation.ParameterBindingException", err.Error())
		return c.ThrowTerminatingError(c.NewError(ex, "CannotConvertArgumentNoMessage", eval.InvalidArgument, nil))
	}
	obj, ok := in.(*value.PSObject)
	if !ok && (len(members) > 0 || c.Has("TypeName")) {
		ex := eval.NewException("System.NotSupportedException", fmt.Sprintf("keyhost can add members only to custom objects ([pscustomobject], New-Object PSObject, Select-Object output), not to a value of type %s.", value.TypeName(in)))
		return c.WriteError(c.NewError(ex, "AddMemberNotSupported", eval.NotImplemented, in))
	}
	for _, m := range members {
		if err := addOneMember(c, obj, m); err != nil {
			return err
		}
	}
	if c.Has("TypeName") {
		name := strings.TrimSpace(c.String("TypeName"))
		if name == "" {
			ex := argumentException("The TypeName parameter should not be null, empty, or contain only white spaces.")
			return c.WriteError(c.NewError(ex, "TypeNameShouldNotBeEmpty", eval.InvalidArgument, in))
		}
		obj.InsertTypeName(name)
	}
	if c.Switch("PassThru") {
		return c.WriteObject(in)
	}
	return nil
}

// addOneMember adds one member to a custom object.
func addOneMember(c *eval.Call, obj *value.PSObject, m memberToAdd) error {
	_, exists := obj.Property(m.name)
	if !exists && obj.Methods != nil {
		_, exists = obj.Methods[strings.ToLower(m.name)]
	}
	if exists && !c.Switch("Force") {
		ex := eval.NewException("System.InvalidOperationException", fmt.Sprintf("Cannot add a member with the name \"%s\" because a member with that name already exists. To overwrite the member anyway, add the Force parameter to your command.", m.name))
		return c.WriteError(c.NewError(ex, "MemberAlreadyExists", eval.InvalidOperation, obj))
	}
	if exists {
		obj.Remove(m.name)
		delete(obj.Methods, strings.ToLower(m.name))
	}
	notSupported := func() error {
		ex := eval.NewException("System.InvalidOperationException", fmt.Sprintf("Cannot add a member with type \"%s\". Specify a different type for the MemberTypes parameter.", m.kind))
		return c.WriteError(c.NewError(ex, "CannotAddMemberType", eval.InvalidOperation, obj))
	}
	switch m.kind {
	case "NoteProperty":
		obj.Add(m.name, m.value)
	case "AliasProperty":
		target := value.ToString(m.value)
		if target == "" {
			return c.WriteError(c.NewError(argumentException("The member referenced by this alias should not be null or empty."), "AliasReferenceShouldNotBeNullOrEmpty", eval.InvalidArgument, obj))
		}
		// An alias reads and writes the aliased property every time.
		obj.Add(m.name, &value.Accessor{
			Get: func() any { v, _ := obj.Property(target); return v },
			Set: func(v any) error { return obj.SetProperty(target, v) },
		})
	case "ScriptProperty":
		sb, ok := m.value.(*eval.ScriptBlock)
		if !ok {
			return c.WriteError(c.NewError(argumentException(fmt.Sprintf("The Value parameter should not be null for a member of type \"%s\". Specify a non-null value for the Value parameter when adding members of this type.", m.kind)), "Value1ShouldNotBeNull", eval.InvalidArgument, obj))
		}
		getter := c.ScriptMember(sb, obj)
		// A script property runs its script on every read; without a
		// setter script it is read-only.
		obj.Add(m.name, &value.Accessor{Get: func() any {
			v, _ := getter(nil)
			return v
		}})
	case "ScriptMethod":
		sb, ok := m.value.(*eval.ScriptBlock)
		if !ok {
			return c.WriteError(c.NewError(argumentException(fmt.Sprintf("The Value parameter should not be null for a member of type \"%s\". Specify a non-null value for the Value parameter when adding members of this type.", m.kind)), "Value1ShouldNotBeNull", eval.InvalidArgument, obj))
		}
		if obj.Methods == nil {
			obj.Methods = map[string]func(args []any) (any, error){}
		}
		method := c.ScriptMember(sb, obj)
		obj.Methods[strings.ToLower(m.name)] = method
		if strings.EqualFold(m.name, "ToString") {
			// As in pwsh, a ToString script method is the object's string
			// form ("$obj", [string]$obj), not only a callable method
			// (the pwsh module shim gives PowerCLI objects their names so).
			obj.ToStringFunc = func() string {
				v, err := method(nil)
				if err != nil {
					return ""
				}
				return value.ToString(v)
			}
		}
	default:
		return notSupported()
	}
	return nil
}
