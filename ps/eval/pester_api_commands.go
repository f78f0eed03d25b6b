package eval

import (
	"strings"

	"github.com/keyhost/keyhost/ps/ast"
)

// Command hooks for Pester's Mock: resolving the command a name means in
// a given scope (to copy its parameters and to call it when no mock
// behaviour applies), calling it with already-bound parameter values, and
// registering the mock's dispatcher command under a key no script can
// type, so that only the mock's alias reaches it.

// CommandRef is a resolved command: a script function or a Go command.
type CommandRef struct {
	name string
	ci   *CommandInfo
	fn   *Function
}

// Name returns the command's name.
func (r *CommandRef) Name() string { return r.name }

// Advanced reports whether the command binds strictly: a Go command or an
// advanced function ([CmdletBinding()]). Simple functions collect unknown
// arguments in $args.
func (r *CommandRef) Advanced() bool { return r.fn == nil || r.fn.block.isAdvanced() }

// Module returns the name of the module the command comes from ("" for
// none).
func (r *CommandRef) Module() string {
	if r.fn != nil && r.fn.block.module != nil {
		return r.fn.block.module.Name
	}
	if r.ci != nil {
		return r.ci.Module
	}
	return ""
}

// ResolveCommand finds the command name means as seen from scope, the way
// a call would: aliases (the scope's, then the table's; skip says which
// alias targets to ignore, such as an existing mock's dispatcher), then
// functions, then Go commands. A nil scope looks in the command table
// only, past any alias or function a script defined (Pester's "safe
// commands"). It returns nil when nothing matches.
func (c *Call) ResolveCommand(scope *Scope, name string, skip func(target string) bool) *CommandRef {
	if scope == nil {
		if ci, ok := c.f.r.table.Lookup(name); ok {
			return &CommandRef{name: ci.Name, ci: ci}
		}
		return nil
	}
	for i := 0; i < 10; i++ {
		if a := scope.lookupAlias(name); a != nil && (skip == nil || !skip(a.Definition)) {
			name = a.Definition
			continue
		}
		if def, ok := c.f.r.table.ResolveAlias(name); ok {
			name = def
			continue
		}
		break
	}
	if fn := scope.lookupFunction(name); fn != nil {
		f := c.f.child(scope, fn.block.src)
		return &CommandRef{name: fn.Name, fn: fn, ci: fn.block.commandInfoFor(f, fn.Name)}
	}
	if ci, ok := c.f.r.table.Lookup(name); ok {
		return &CommandRef{name: ci.Name, ci: ci}
	}
	return nil
}

// Info returns the command's binding metadata (its parameters).
func (r *CommandRef) Info() *CommandInfo { return r.ci }

// CommandArg is one argument for InvokeCommand: a named parameter with
// its value, or a positional value when Name is empty.
type CommandArg struct {
	Name  string
	Value any
}

// InvokeCommand calls a resolved command from the caller's scope with
// the given arguments, sending its output to out. A mock calls the real
// command this way when none of its behaviours applies.
func (c *Call) InvokeCommand(r *CommandRef, args []CommandArg, out func(any) error) error {
	argv := make([]argument, len(args))
	for i, a := range args {
		if a.Name == "" {
			argv[i] = argument{hasValue: true, value: a.Value}
			continue
		}
		argv[i] = argument{name: a.Name, hasValue: true, value: a.Value, colon: true}
	}
	cmd, _ := c.cmd.(*ast.Command)
	rd := redirect{out: out}
	var st stage
	var err error
	if r.fn != nil {
		st, err = c.f.newFunctionStage(cmd, r.fn, argv, true, false, rd)
	} else {
		st, err = c.f.newCmdletStage(cmd, r.ci, argv, true, rd)
	}
	if err != nil {
		return err
	}
	return runStage(st)
}

// RegisterHidden adds a command under a lookup key of the caller's
// choosing without listing it (Get-Command does not show it). Pester's
// mock dispatchers live under keys like "pestermock::get-vm", reached only
// through the mock's alias.
func (t *CommandTable) RegisterHidden(key string, ci *CommandInfo) {
	t.commands[strings.ToLower(key)] = ci
}

// UnregisterHidden removes a command RegisterHidden added.
func (t *CommandTable) UnregisterHidden(key string) {
	key = strings.ToLower(key)
	for _, n := range t.order {
		if strings.ToLower(n) == key {
			return // a listed command, not ours to remove
		}
	}
	delete(t.commands, key)
}

// CommandInfoOf returns the command metadata behind a CommandInfo object
// as Get-Command writes it (Should -HaveParameter inspects it).
func CommandInfoOf(v any) (*CommandInfo, string, bool) {
	o, ok := v.(*commandInfoObject)
	if !ok {
		return nil, "", false
	}
	ci := o.info()
	if ci == nil {
		return nil, o.name, false
	}
	return ci, o.name, true
}

// IsCommandInfo reports whether v is a CommandInfo object.
func IsCommandInfo(v any) bool {
	_, ok := v.(*commandInfoObject)
	return ok
}

// ResolveTypeName resolves a type name as written in a script ("int",
// "[string]", "System.IO.FileInfo") to its full .NET name.
func ResolveTypeName(name string) (string, bool) {
	name = strings.TrimSpace(name)
	if strings.HasPrefix(name, "[") && strings.HasSuffix(name, "]") {
		name = name[1 : len(name)-1]
	}
	t, ok := lookupType(name)
	if !ok {
		return "", false
	}
	return t.Name, true
}

// TypeValueName returns the full name of a [type] value, and whether v is
// one.
func TypeValueName(v any) (string, bool) {
	t, ok := v.(*TypeValue)
	if !ok {
		return "", false
	}
	return t.fullName(), true
}

// NewTypeValue returns the [type] value for a type name.
func NewTypeValue(name string) any { return newTypeValue(name) }
