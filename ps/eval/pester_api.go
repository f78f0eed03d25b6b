package eval

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/keyhost/keyhost/ps/ast"
	"github.com/keyhost/keyhost/ps/parser"
)

// This file gives the Pester runner (package pester) what it needs from
// the evaluator to run test files the way Pester 5 does: scopes it can
// create and hold on to, script blocks run in a given scope (dot-sourced or
// in a new child scope) with variables bound, and script files run as
// scripts. Pester keeps its own scope tree (container, block, test), so the
// hooks hand out *Scope values; everything else stays internal.

// CallerScope returns the scope the command was called from.
func (c *Call) CallerScope() *Scope { return c.f.scope }

// GlobalScope returns the session's global scope.
func (c *Call) GlobalScope() *Scope { return c.f.scope.global() }

// NewChildScope returns a new scope under s, as & { } creates one.
func (s *Scope) NewChildScope() *Scope { return newScope(s, false) }

// NewScriptScope returns a new script scope under s, as running a script
// file creates one ($script: resolves to it).
func (s *Scope) NewScriptScope() *Scope { return newScope(s, true) }

// SetLocalVariable creates or replaces a variable in s itself, dropping
// any type constraint the old one had (Pester's data variables and
// $TestDrive).
func (s *Scope) SetLocalVariable(name string, v any) { s.setLocal(name, v) }

// Module returns the module whose session state s belongs to, or nil for
// the script session state.
func (s *Scope) Module() *Module {
	if ms := s.moduleScope(); ms != nil {
		return ms.module
	}
	return nil
}

// SetAliasTo defines (or replaces) an alias in s itself, the way
// Set-Alias -Scope Local does. Pester's mocks are aliases to their
// dispatcher command.
func (s *Scope) SetAliasTo(name, target string) {
	s.defineAlias(&Alias{Name: name, Definition: target})
}

// RemoveAliasTo removes the alias name from s when it still points to
// target, and reports whether it did.
func (s *Scope) RemoveAliasTo(name, target string) bool {
	a, ok := s.aliases[lowerKey(name)]
	if !ok || a.Definition != target {
		return false
	}
	delete(s.aliases, lowerKey(name))
	return true
}

// Scope returns the module's session state (its script scope), or nil
// for a binary module.
func (m *Module) Scope() *Scope { return m.scope }

// FindLoadedModule returns the loaded module of that name, or nil.
func (c *Call) FindLoadedModule(name string) *Module { return c.f.r.loadedModule(name) }

// File returns the path of the file the block was written in ("" when it
// was built from text).
func (sb *ScriptBlock) File() string {
	if sb.src == nil {
		return ""
	}
	return sb.src.scriptName
}

// StartLine returns the line the block starts on.
func (sb *ScriptBlock) StartLine() int { return sb.Body.Pos().Line }

// SessionModule returns the module whose session state the block belongs
// to: the module of a module's function, or of the scope a { } literal was
// evaluated in. It is nil for blocks of the script session state.
func (sb *ScriptBlock) SessionModule() *Module {
	if sb.module != nil {
		return sb.module
	}
	if sb.bound != nil {
		return sb.bound.Module()
	}
	if sb.created != nil {
		return sb.created.Module()
	}
	return nil
}

// NamedValue is a variable to bind before code runs.
type NamedValue struct {
	Name  string
	Value any
}

// RunOptions says how RunScriptBlock runs a block.
type RunOptions struct {
	// Scope is where the block runs: dot-sourced into it, or, with
	// NewScope, in a new child scope of it (a block bound to another
	// session state then runs under that session state instead).
	Scope    *Scope
	NewScope bool
	// Vars are set as local variables of the scope the block runs in
	// before it starts ($_ and the keys of Pester's -ForEach data).
	Vars []NamedValue
	// Args are the block's $args and positional parameters.
	Args []any
	// Output receives what the block writes; nil discards it.
	Output func(any) error
}

// RunScriptBlock runs a script block as Pester does, inside a try: every
// terminating error, statement-terminating ones included, comes back as
// the returned error (a *RuntimeError) instead of being reported where it
// happened. Flow-control signals (break, continue outside a loop) come
// back too; IsFlowControl recognises them.
func (c *Call) RunScriptBlock(sb *ScriptBlock, o RunOptions) error {
	scope := o.Scope
	if scope == nil {
		scope = c.f.scope
	}
	out := emitter(discard)
	if o.Output != nil {
		out = o.Output
	}
	f := c.f.child(scope, sb.src)
	f.cmdlet = nil
	args := make([]argument, len(o.Args))
	for i, a := range o.Args {
		args[i] = argument{hasValue: true, value: a}
	}
	st, err := f.newScriptStage(nil, sb, "", false, args, true, !o.NewScope, redirect{out: out}, "")
	if err != nil {
		return err
	}
	inner := st.(*scriptStage).inner.scope
	for _, v := range o.Vars {
		inner.setLocal(v.Name, v.Value)
	}
	c.f.r.tryDepth++
	defer func() { c.f.r.tryDepth-- }()
	return runStage(st)
}

// RunScriptFile runs a script file in a new script scope under scope,
// with $PSScriptRoot, $PSCommandPath and $MyInvocation set, inside a try
// like RunScriptBlock. A file that cannot be read or parsed fails with a
// *RuntimeError (ParseException for parse errors) and runs nothing.
func (c *Call) RunScriptFile(path string, scope *Scope, output func(any) error) error {
	abs := c.f.r.absPath(path)
	text, err := c.f.r.host.FS.ReadFile(abs)
	if err != nil {
		return newRuntimeError(NewErrorRecord(newExceptionOf("System.IO.FileNotFoundException",
			fmt.Sprintf("Could not find file '%s'.", abs)), "FileNotFound", ObjectNotFound, abs), false)
	}
	file, perr := parser.ParseFile(abs, string(text))
	if perr != nil {
		return parseFailure(perr, abs, string(text))
	}
	f := c.f.child(scope, newSource(file))
	f.cmdlet = nil
	if err := f.applyUsing(file); err != nil {
		if list, ok := err.(parser.ErrorList); ok {
			return parseFailure(list, abs, string(text))
		}
		return err
	}
	if err := f.checkRequires(abs, path, file.Source); err != nil {
		return err
	}
	out := emitter(discard)
	if output != nil {
		out = output
	}
	sb := &ScriptBlock{Body: file.Body, src: newSource(file), Text: file.Source}
	st, err := f.newScriptStage(nil, sb, abs, false, nil, true, false, redirect{out: out}, abs)
	if err != nil {
		return err
	}
	c.f.r.tryDepth++
	defer func() { c.f.r.tryDepth-- }()
	return runStage(st)
}

// parseFailure turns the first parse error of a file into the error
// record pwsh raises for it, positioned on the offending line.
func parseFailure(err error, path, src string) error {
	var list parser.ErrorList
	if !errors.As(err, &list) || len(list) == 0 {
		return newRuntimeError(NewErrorRecord(parseException(err.Error()), "ParseException", ParserError, nil), false)
	}
	pe := list[0]
	inv := &InvocationInfo{ScriptName: path, Line: lineOf(src, pe.Pos.Line), Pos: pe.Pos, EndPos: pe.End}
	// ParseException's message is the position and the parser's text, as
	// pwsh's is.
	rec := NewErrorRecord(parseException(inv.PositionMessage()+"\n"+pe.Msg), pe.ID, ParserError, nil)
	rec.Invocation = inv
	return newRuntimeError(rec, false)
}

// SetScriptVariables sets $PSScriptRoot, $PSCommandPath and
// $MyInvocation in s for a script file (Pester's container scope in the
// run phase, where the test file's blocks expect them).
func (s *Scope) SetScriptVariables(path string) {
	s.setVar(&Variable{Name: "PSScriptRoot", Value: filepath.Dir(path)})
	s.setVar(&Variable{Name: "PSCommandPath", Value: path})
}

// CompileScriptBlock parses text into a script block ([scriptblock]::Create).
func (c *Call) CompileScriptBlock(text string) (*ScriptBlock, error) {
	return c.f.r.compileScriptBlock(text)
}

// StackDepth is the number of entries on the call stack now. Pester cuts
// ScriptStackTrace lines at the depth where it started running user code,
// so traces show the user's frames only.
func (c *Call) StackDepth() int { return len(c.f.r.stack) }

// IsFlowControl reports whether err is break, continue or return
// travelling out of the code that raised it rather than an error.
func IsFlowControl(err error) bool { return isFlowSignal(err) }

// WithCall runs fn with a Call for a command named name running in the
// global scope, as if a script had invoked it: Go code (keyhost test)
// drives a runner through the same services a command has. A panic in the
// evaluator comes back as an error.
func (r *Runner) WithCall(ctx context.Context, name string, fn func(c *Call) error) (err error) {
	r.ctx = ctx
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%s%v", internalErrorPrefix, p)
		}
		r.out.Flush()
	}()
	f := &frame{r: r, scope: r.global, src: newSource(&ast.File{})}
	ci := &CommandInfo{Name: name}
	c := &Call{f: f, info: ci, b: &binding{ci: ci, values: map[string]any{}, fromPipe: map[string]bool{}, splatted: map[string]bool{}}, out: discard}
	return fn(c)
}

// BoundTo returns a copy of the block that runs under scope's session
// state when invoked in a new scope (InModuleScope runs the caller's
// block inside a module, as & $module { } does).
func (sb *ScriptBlock) BoundTo(scope *Scope) *ScriptBlock {
	c := *sb
	c.bound, c.created, c.info = scope, nil, nil
	if scope != nil {
		c.module = scope.Module()
	}
	return &c
}
