package pester

import (
	"fmt"
	"strings"

	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
)

// The block commands: Describe, Context and It record the test tree at
// discovery (Describe and Context run their bodies to find what is inside,
// It only records its body), and the setup commands record their script
// blocks on the block being discovered.

// scriptBlockType accepts script blocks, as a [scriptblock] parameter.
var scriptBlockType = &eval.Type{Name: "System.Management.Automation.ScriptBlock", Convert: func(v any) (any, error) {
	if value.IsNull(v) {
		return nil, nil
	}
	if sb, ok := v.(*eval.ScriptBlock); ok {
		return sb, nil
	}
	return nil, fmt.Errorf("Cannot convert the \"%s\" value of type \"%s\" to type \"System.Management.Automation.ScriptBlock\".", value.ToString(v), value.TypeName(v))
}}

// objectArrayType keeps an argument as a list of items ([object[]]).
var objectArrayType = &eval.Type{Name: "System.Object[]", Convert: func(v any) (any, error) {
	if value.IsNull(v) {
		return nil, nil
	}
	return append([]any{}, value.Enumerate(v)...), nil
}}

// at returns a parameter in every set at a position.
func at(name string, t *eval.Type, pos int) *eval.Parameter {
	return &eval.Parameter{Name: name, Type: t, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Position: pos}}}
}

// named returns a named-only parameter.
func named(name string, t *eval.Type, aliases ...string) *eval.Parameter {
	return &eval.Parameter{Name: name, Type: t, Aliases: aliases}
}

// switchParam returns a switch parameter.
func switchParam(name string, aliases ...string) *eval.Parameter {
	return &eval.Parameter{Name: name, Switch: true, Aliases: aliases}
}

// blockCommand is Describe or Context.
func (p *Plugin) blockCommand(command string) *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:     command,
		Synopsis: "Creates a logical group of tests.",
		Parameters: []*eval.Parameter{
			{Name: "Name", Type: eval.StringType, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Position: 0, Mandatory: true}}},
			at("Fixture", scriptBlockType, 1),
			named("Tag", eval.StringArrayType, "Tags"),
			switchParam("Skip"),
			named("ForEach", objectArrayType),
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error { return p.describe(c, command) })
		},
	}
}

// itCommand is It.
func (p *Plugin) itCommand() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:     "It",
		Synopsis: "Validates the results of a test inside of a Describe block.",
		Parameters: []*eval.Parameter{
			{Name: "Name", Type: eval.StringType, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Position: 0, Mandatory: true}}},
			at("Test", scriptBlockType, 1),
			named("ForEach", objectArrayType, "TestCases"),
			named("Tag", eval.StringArrayType, "Tags"),
			switchParam("Pending"),
			switchParam("Skip"),
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(p.it)
		},
	}
}

// setupCommand is BeforeAll, AfterAll, BeforeEach or AfterEach.
func (p *Plugin) setupCommand(name string) *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:     name,
		Synopsis: "Defines a series of steps to perform for the tests of the current block.",
		Parameters: []*eval.Parameter{
			{Name: "Scriptblock", Type: scriptBlockType, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Position: 0, Mandatory: true}}},
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				r := p.current()
				if r == nil {
					// A test file run as a script (not through
					// Invoke-Pester): its top-level BeforeAll runs at once
					// in the script's scope, so the Describe blocks that
					// follow, run on the spot, see what it sets.
					if name == "BeforeAll" {
						if sb, _ := c.Value("Scriptblock").(*eval.ScriptBlock); sb != nil {
							err := c.RunScriptBlock(sb, eval.RunOptions{Scope: c.CallerScope()})
							if eval.IsFlowControl(err) {
								return nil
							}
							return err
						}
					}
					return nil
				}
				if !r.discovery {
					// Setups are recorded at discovery only; called from a
					// running test they do nothing, as in Pester.
					return nil
				}
				sb, _ := c.Value("Scriptblock").(*eval.ScriptBlock)
				b := r.block
				switch name {
				case "BeforeAll":
					b.BeforeAll = sb
				case "AfterAll":
					b.AfterAll = sb
				case "BeforeEach":
					b.BeforeEach = sb
				case "AfterEach":
					b.AfterEach = sb
				}
				return nil
			})
		},
	}
}

// beforeDiscoveryCommand is BeforeDiscovery: its body runs at once, in the
// caller's scope, so what it sets is there for -ForEach data and names.
func (p *Plugin) beforeDiscoveryCommand() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:     "BeforeDiscovery",
		Synopsis: "Runs setup code during discovery.",
		Parameters: []*eval.Parameter{
			{Name: "ScriptBlock", Type: scriptBlockType, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Position: 0, Mandatory: true}}},
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				sb, _ := c.Value("ScriptBlock").(*eval.ScriptBlock)
				if sb == nil {
					return nil
				}
				err := c.RunScriptBlock(sb, eval.RunOptions{Scope: c.CallerScope(), Output: c.WriteObject})
				if eval.IsFlowControl(err) {
					return nil
				}
				return err
			})
		},
	}
}

// describe records a Describe or Context block (one per -ForEach item)
// and runs its body to discover what is inside.
func (p *Plugin) describe(c *eval.Call, command string) error {
	name := c.String("Name")
	fixture, _ := c.Value("Fixture").(*eval.ScriptBlock)
	if fixture == nil {
		if strings.Contains(name, "\n") {
			return throwf(c, "Test fixture name has multiple lines and no test fixture is provided. (Have you provided a name for the test group?)")
		}
		return throwf(c, "No test fixture is provided. (Have you put the open curly brace on the next line?)")
	}
	r := p.current()
	if r == nil {
		return p.runInteractively(c, command, name, fixture)
	}
	if !r.discovery {
		return throwf(c, fmt.Sprintf("%s '%s' cannot run inside a test: Pester 5 discovers blocks before it runs tests. Move it out of It, BeforeAll or the other setup blocks.", command, name))
	}
	def := blockDef{command: command, name: name, fixture: fixture, tags: c.Strings("Tag"), skip: c.Switch("Skip")}
	if !c.Has("ForEach") {
		return r.discoverBlock(c, def)
	}
	for _, item := range items(c.Value("ForEach")) {
		d := def
		d.data, d.hasData = item, true
		if err := r.discoverBlock(c, d); err != nil {
			return err
		}
	}
	return nil
}

// it records a test (one per -ForEach item).
func (p *Plugin) it(c *eval.Call) error {
	name := c.String("Name")
	body, _ := c.Value("Test").(*eval.ScriptBlock)
	if body == nil {
		if strings.Contains(name, "\n") {
			return throwf(c, "Test name has multiple lines and no test scriptblock is provided. Did you provide the test name?")
		}
		return throwf(c, "No test scriptblock is provided. Did you put the opening curly brace on the next line?")
	}
	r := p.current()
	if r == nil {
		return notInRun(c, "It")
	}
	if !r.discovery {
		return throwf(c, fmt.Sprintf("It '%s' cannot run inside another test: Pester 5 discovers tests before it runs them.", name))
	}
	if r.block.IsRoot {
		return throwf(c, "Test cannot be directly in the root.")
	}
	def := testDef{name: name, body: body, tags: c.Strings("Tag"), skip: c.Switch("Skip") || c.Switch("Pending")}
	if !c.Has("ForEach") {
		r.discoverTest(def)
		return nil
	}
	def.id = fmt.Sprintf("%s:%d", body.File(), body.StartLine())
	for _, item := range items(c.Value("ForEach")) {
		d := def
		d.data, d.hasData = item, true
		r.discoverTest(d)
	}
	return nil
}

// items returns the items of a -ForEach argument: none for $null or @().
func items(v any) []any {
	if value.IsNull(v) {
		return nil
	}
	return value.Enumerate(v)
}
