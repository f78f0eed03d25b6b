package pester

import (
	"strings"

	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
)

// Set-ItResult, InModuleScope and New-MockObject.

// setItResultCommand is Set-ItResult -Skipped | -Inconclusive [-Because].
func (p *Plugin) setItResultCommand() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:     "Set-ItResult",
		Synopsis: "Set-ItResult is used inside the It block to explicitly set the test result.",
		Parameters: []*eval.Parameter{
			{Name: "Inconclusive", Switch: true, Sets: []eval.ParameterSet{{Name: "Inconclusive", Position: -1}}},
			{Name: "Pending", Switch: true, Sets: []eval.ParameterSet{{Name: "Pending", Position: -1}}},
			{Name: "Skipped", Switch: true, Sets: []eval.ParameterSet{{Name: "Skipped", Position: -1}}},
			named("Because", eval.StringType),
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				if p.current() == nil {
					return notInRun(c, "Set-ItResult")
				}
				id, msg := idSkipped, "is skipped"
				if c.Switch("Inconclusive") {
					id, msg = idInconclusive, "is inconclusive"
				}
				if b := formatBecause(c.String("Because")); b != "" {
					msg += "," + b[:len(b)-1]
				}
				return throwRecord(pesterError(c, id, msg, eval.InvalidResult))
			})
		},
	}
}

// inModuleScopeCommand is InModuleScope: code run inside a module's
// session state, to test its private functions or mock what it calls.
func (p *Plugin) inModuleScopeCommand() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:     "InModuleScope",
		Synopsis: "Allows you to execute parts of a test script within the scope of a PowerShell script or manifest module.",
		Parameters: []*eval.Parameter{
			{Name: "ModuleName", Type: eval.StringType, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Position: 0, Mandatory: true}}},
			{Name: "ScriptBlock", Type: scriptBlockType, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Position: 1, Mandatory: true}}},
			named("Parameters", nil),
			named("ArgumentList", objectArrayType),
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				name := c.String("ModuleName")
				m := c.FindLoadedModule(name)
				if m == nil || m.Scope() == nil {
					return throwf(c, "No modules named '"+name+"' are currently loaded.")
				}
				sb, _ := c.Value("ScriptBlock").(*eval.ScriptBlock)
				var vars []eval.NamedValue
				if h, ok := c.Value("Parameters").(*value.Hashtable); ok {
					for _, k := range h.Keys() {
						v, _ := h.Get(k)
						vars = append(vars, eval.NamedValue{Name: value.ToString(k), Value: v})
					}
				}
				var args []any
				if c.Has("ArgumentList") {
					args = value.Enumerate(c.Value("ArgumentList"))
				}
				err := c.RunScriptBlock(sb.BoundTo(m.Scope()), eval.RunOptions{Scope: m.Scope(), NewScope: true, Vars: vars, Args: args, Output: c.WriteObject})
				if eval.IsFlowControl(err) {
					return nil
				}
				return err
			})
		},
	}
}

// newMockObjectCommand is New-MockObject -Type <type> [-Properties @{}]
// [-Methods @{}]: a stand-in object that -is the type, for commands whose
// parameters want one.
func (p *Plugin) newMockObjectCommand() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:     "New-MockObject",
		Synopsis: "This function instantiates a .NET object from a type.",
		Parameters: []*eval.Parameter{
			{Name: "Type", Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Position: 0, Mandatory: true}}},
			named("Properties", nil),
			named("Methods", nil),
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				name := exceptionTypeName(c.Value("Type"))
				o := value.NewPSObject(name)
				if h, ok := c.Value("Properties").(*value.Hashtable); ok {
					for _, k := range h.Keys() {
						v, _ := h.Get(k)
						o.Add(value.ToString(k), v)
					}
				}
				if h, ok := c.Value("Methods").(*value.Hashtable); ok {
					for _, k := range h.Keys() {
						v, _ := h.Get(k)
						if sb, ok := v.(*eval.ScriptBlock); ok {
							if o.Methods == nil {
								o.Methods = map[string]func(args []any) (any, error){}
							}
							o.Methods[strings.ToLower(value.ToString(k))] = c.ScriptMember(sb, o)
						}
					}
				}
				return c.WriteObject(o)
			})
		},
	}
}
