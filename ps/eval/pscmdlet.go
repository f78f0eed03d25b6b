package eval

import (
	"fmt"
	"strings"

	"github.com/keyhost/keyhost/ps/value"
)

// psCmdlet is $PSCmdlet inside an advanced function: the function's view
// of the runtime, with the same services a Go cmdlet gets from Call.
type psCmdlet struct{ c *Call }

// TypeNames implements value.Object.
func (p *psCmdlet) TypeNames() []string {
	return []string{"System.Management.Automation.PSScriptCmdlet", "System.Management.Automation.PSCmdlet", "System.Object"}
}

// Property implements value.Object.
func (p *psCmdlet) Property(name string) (any, bool) {
	switch strings.ToLower(name) {
	case "parametersetname":
		return p.c.ParameterSetName(), true
	case "myinvocation":
		if x := p.c.f.scope.local("MyInvocation"); x != nil {
			return x.get(), true
		}
		mi := value.NewPSObject("System.Management.Automation.InvocationInfo")
		mi.Add("MyCommand", &commandInfoObject{kind: "Function", name: p.c.info.Name}).Add("InvocationName", p.c.info.Name)
		return mi, true
	case "commandruntime":
		return p.c.info.Name, true
	}
	return nil, false
}

// PropertyNames implements value.Object.
func (p *psCmdlet) PropertyNames() []string { return []string{"ParameterSetName", "MyInvocation"} }

// ownRecord makes a record written by the function its own, as the
// command runtime does: the function's name ends the error id, its
// invocation is where the function was called.
func (p *psCmdlet) ownRecord(rec *ErrorRecord) *ErrorRecord {
	c := *rec
	name := p.c.info.Name
	if name != "" && !strings.HasSuffix(c.FullyQualifiedErrorID, ","+name) {
		c.FullyQualifiedErrorID += "," + name
	}
	if c.Invocation == nil {
		c.Invocation = p.c.f.invocation(p.c.cmd, name)
	}
	if c.Activity == "" {
		c.Activity = name
	}
	return &c
}

// CallMethod implements value.MethodCaller.
func (p *psCmdlet) CallMethod(name string, args []any) (any, bool, error) {
	c := p.c
	str := func(i int) string {
		if i < len(args) {
			return value.ToString(args[i])
		}
		return ""
	}
	switch strings.ToLower(name) {
	case "shouldprocess":
		switch len(args) {
		case 1:
			ok, err := c.ShouldProcess(str(0), c.info.Name)
			return ok, true, err
		case 2:
			ok, err := c.ShouldProcess(str(0), str(1))
			return ok, true, err
		case 3:
			ok, err := c.ShouldProcessCaption(str(0), str(1), str(2))
			return ok, true, err
		}
	case "shouldcontinue":
		if len(args) >= 2 {
			ok, err := c.prompt(str(1), str(0))
			return ok, true, err
		}
	case "writeerror":
		if len(args) == 1 {
			rec, ok := args[0].(*ErrorRecord)
			if !ok {
				return nil, true, fmt.Errorf("Cannot convert argument \"errorRecord\", with value: \"%s\", for \"WriteError\" to type \"System.Management.Automation.ErrorRecord\".", str(0))
			}
			return value.AutomationNull, true, c.WriteError(p.ownRecord(rec))
		}
	case "throwterminatingerror":
		if len(args) == 1 {
			rec, ok := args[0].(*ErrorRecord)
			if !ok {
				return nil, true, fmt.Errorf("Cannot convert argument \"errorRecord\", with value: \"%s\", for \"ThrowTerminatingError\" to type \"System.Management.Automation.ErrorRecord\".", str(0))
			}
			rt := newRuntimeError(p.ownRecord(rec), true)
			// The error ends the function itself: its own statements do
			// not handle it, its caller's statement does.
			rt.command = c
			return nil, true, rt
		}
	case "writeobject":
		if len(args) >= 1 {
			if len(args) == 2 && value.ToBool(args[1]) {
				return value.AutomationNull, true, c.WriteObjects(args[0])
			}
			return value.AutomationNull, true, c.WriteObject(args[0])
		}
	case "writeverbose":
		c.WriteVerbose(str(0))
		return value.AutomationNull, true, nil
	case "writewarning":
		return value.AutomationNull, true, c.WriteWarning(str(0))
	}
	return nil, false, nil
}
