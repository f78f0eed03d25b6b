package builtin

import (
	"fmt"
	"strings"

	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
)

// newObject is New-Object: an instance of a type by name (the types
// keyhost knows: PSObject, hashtables, the collections, StringBuilder,
// PSCredential, DateTime, ...), with -Property setting its properties.
func newObject() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                "New-Object",
		Module:              utilityModule,
		ImplementingType:    "Microsoft.PowerShell.Commands.NewObjectCommand",
		Synopsis:            "Creates an instance of a Microsoft .NET Framework or COM object.",
		DefaultParameterSet: "Net",
		Parameters: []*eval.Parameter{
			{Name: "TypeName", Type: eval.StringType, Sets: []eval.ParameterSet{{Name: "Net", Mandatory: true, Position: 0}}},
			{Name: "ArgumentList", Aliases: []string{"Args"}, Sets: []eval.ParameterSet{{Name: "Net", Position: 1}}},
			{Name: "ComObject", Type: eval.StringType, Sets: []eval.ParameterSet{{Name: "Com", Mandatory: true, Position: 0}}},
			{Name: "Strict", Switch: true, Sets: []eval.ParameterSet{{Name: "Com", Position: -1}}},
			{Name: "Property", Type: hashtableType},
		},
		New: func() eval.Processor { return eval.ProcessFunc(newObjectProcess) },
	}
}

// isPSObjectType reports whether a type name means a plain property bag.
func isPSObjectType(name string) bool {
	switch strings.ToLower(strings.Trim(strings.TrimSpace(name), "[]")) {
	case "psobject", "system.management.automation.psobject", "pscustomobject", "system.management.automation.pscustomobject":
		return true
	}
	return false
}

func newObjectProcess(c *eval.Call) error {
	if c.ParameterSetName() == "Com" {
		ex := eval.NewException("System.PlatformNotSupportedException", "COM objects are not supported on this platform.")
		return c.ThrowTerminatingError(c.NewError(ex, "NoCOMClassIdentified", eval.ResourceUnavailable, nil))
	}
	typeName := strings.TrimSpace(c.String("TypeName"))
	var args []any
	if c.Has("ArgumentList") {
		args = append(args, value.Enumerate(c.Value("ArgumentList"))...)
	}
	var obj any
	if isPSObjectType(typeName) {
		obj = value.NewPSObject()
	} else {
		v, found, err := c.NewObject(typeName, args)
		if !found {
			ex := eval.NewException("System.Management.Automation.PSArgumentException", fmt.Sprintf("Cannot find type [%s]: verify that the assembly containing this type is loaded.", typeName))
			return c.ThrowTerminatingError(c.NewError(ex, "TypeNotFound", eval.InvalidType, nil))
		}
		if err != nil {
			msg := fmt.Sprintf("Exception calling \".ctor\" with \"%d\" argument(s): \"%s\"", len(args), err.Error())
			ex := eval.NewException("System.Management.Automation.MethodInvocationException", msg)
			return c.ThrowTerminatingError(c.NewError(ex, "ConstructorInvokedThrowException", eval.InvalidOperation, nil))
		}
		obj = v
	}
	if h, ok := c.Value("Property").(*value.Hashtable); ok {
		keys, vals := h.Keys(), h.Values()
		for i, k := range keys {
			name := value.ToString(k)
			if o, isPS := obj.(*value.PSObject); isPS && isPSObjectType(typeName) {
				o.Add(name, vals[i])
				continue
			}
			setter, ok := obj.(value.PropertySetter)
			if ok {
				if _, exists := value.GetProperty(obj, name); exists {
					if err := setter.SetProperty(name, vals[i]); err == nil {
						continue
					}
				}
			}
			ex := eval.NewException("System.InvalidOperationException", fmt.Sprintf("The member \"%s\" was not found for the specified %s object.", name, value.TypeName(obj)))
			if err := c.WriteError(c.NewError(ex, "InvalidOperationException", eval.InvalidOperation, nil)); err != nil {
				return err
			}
		}
	}
	return c.WriteObject(obj)
}
