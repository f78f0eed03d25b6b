package eval

import (
	"path/filepath"
	"strings"

	"github.com/keyhost/keyhost/ps/ast"
	"github.com/keyhost/keyhost/ps/token"
	"github.com/keyhost/keyhost/ps/value"
)

// emitter receives the objects a statement writes to its output.
type emitter func(v any) error

// discard is an emitter that drops everything ($null = ..., [void]).
func discard(any) error { return nil }

// source is a parsed file with its lines, for error positions.
type source struct {
	file *ast.File
	// scriptName is the path shown in errors ("" for a command string).
	scriptName string
	lines      []string
}

func newSource(file *ast.File) *source {
	return &source{file: file, scriptName: file.Name}
}

// line returns source line n (1-based) without its line break.
func (s *source) line(n int) string {
	if s.lines == nil {
		s.lines = strings.Split(s.file.Source, "\n")
	}
	if n < 1 || n > len(s.lines) {
		return ""
	}
	return strings.TrimRight(s.lines[n-1], "\r")
}

// frame is the state of one piece of running code: the runner, the scope
// it runs in and the source it came from.
type frame struct {
	r     *Runner
	scope *Scope
	src   *source
	// cmdlet is set inside an advanced function: $PSCmdlet and the
	// function's common parameters.
	cmdlet *Call
	// traps are the trap statements covering the code running now.
	traps []*ast.TrapStmt
	// catching is the error a catch block of this frame is handling, for
	// a bare `throw` to rethrow.
	catching *RuntimeError
	// site is this code's call stack entry; statements update its line.
	site *callSite
}

// child returns a frame for code running in a new scope.
func (f *frame) child(scope *Scope, src *source) *frame {
	return &frame{r: f.r, scope: scope, src: src, cmdlet: f.cmdlet, site: f.site}
}

// invocation builds the InvocationInfo for an error at node n.
func (f *frame) invocation(n ast.Node, commandName string) *InvocationInfo {
	ii := &InvocationInfo{CommandName: commandName, InvocationName: commandName}
	if f.src != nil && n != nil {
		ii.ScriptName = f.src.scriptName
		ii.Pos = n.Pos()
		ii.EndPos = n.End()
		ii.Line = f.src.line(n.Pos().Line)
	}
	return ii
}

// errorAt builds a terminating error for a language-level failure at node
// n (a bad cast, a method on $null): statement-terminating, as PowerShell's
// RuntimeExceptions are.
func (f *frame) errorAt(n ast.Node, ex *Exception, fqid string, cat ErrorCategory, target any) *RuntimeError {
	rec := NewErrorRecord(ex, fqid, cat, target)
	rec.Invocation = f.invocation(n, "")
	rec.ScriptStackTrace = f.r.stackTrace()
	return newRuntimeError(rec, true)
}

// runtimeErrorAt is errorAt for a plain RuntimeException message.
func (f *frame) runtimeErrorAt(n ast.Node, fqid, msg string) *RuntimeError {
	return f.errorAt(n, RuntimeException(msg), fqid, InvalidOperation, nil)
}

// setScriptVariables sets $PSScriptRoot, $PSCommandPath and $MyInvocation
// for a script file running in f's scope.
func (f *frame) setScriptVariables(path string) {
	f.src.scriptName = path
	f.scope.setVar(&Variable{Name: "PSScriptRoot", Value: filepath.Dir(path)})
	f.scope.setVar(&Variable{Name: "PSCommandPath", Value: path})
	mi := value.NewPSObject("System.Management.Automation.InvocationInfo")
	cmd := &commandInfoObject{kind: "ExternalScript", name: filepath.Base(path), path: path}
	mi.Add("MyCommand", cmd).Add("ScriptName", path).Add("PSScriptRoot", filepath.Dir(path)).Add("PSCommandPath", path).Add("InvocationName", path).
		Add("BoundParameters", value.NewHashtable()).Add("UnboundArguments", []any{})
	f.scope.setVar(&Variable{Name: "MyInvocation", Value: mi})
}

// lookupVariable reads a variable the way $name does, including the
// scope and drive qualifiers. A qualified name ($script:x, $global:x,
// $local:x) looks in that scope only.
func (f *frame) lookupVariable(v *ast.Variable) (any, bool) {
	switch v.Scope {
	case "":
	case "env":
		s, ok := f.r.env.get(v.Name)
		if !ok {
			return nil, false
		}
		return s, true
	case "global", "script", "local", "private":
		x := f.scope.qualified(v.Scope).local(v.Name)
		if x == nil {
			return nil, false
		}
		return x.get(), true
	case "variable":
		return f.lookupVariable(&ast.Variable{Name: v.Name})
	case "function":
		fn := f.scope.lookupFunction(v.Name)
		if fn == nil {
			return nil, false
		}
		return fn.scriptBlock(), true
	}
	if v.Name == "?" {
		return f.r.lastSuccess(), true
	}
	x := f.scope.lookup(v.Name)
	if x == nil {
		return nil, false
	}
	return x.get(), true
}

// assignVariable assigns $name (with its qualifier) the way `=` does.
func (f *frame) assignVariable(v *ast.Variable, val any) error {
	if (v.Scope == "" || v.Scope == "global" || v.Scope == "local") && len(v.Name) == 4 && strings.EqualFold(v.Name, "null") {
		return nil // $null = ... discards the value
	}
	var err error
	switch v.Scope {
	case "env":
		f.r.env.set(v.Name, value.ToString(val))
		return nil
	case "function":
		sb, ok := val.(*ScriptBlock)
		if !ok {
			return f.runtimeErrorAt(v, "NotSupported", "Assigning a value other than a script block to the function: drive is not supported in keyhost.")
		}
		f.scope.defineFunction(&Function{Name: v.Name, block: sb})
		return nil
	case "private":
		x := f.scope.local(v.Name)
		if x == nil {
			f.scope.setVar(&Variable{Name: v.Name, Value: val, Private: true})
			return nil
		}
		err = x.assign(val)
	case "variable":
		err = f.scope.set(v.Name, val)
	default:
		err = f.scope.qualified(v.Scope).set(v.Name, val)
	}
	if err != nil {
		return f.variableWriteError(v, err)
	}
	return nil
}

// variableWriteError reports a failed assignment: a read-only variable, or
// a value the variable's type constraint cannot take.
func (f *frame) variableWriteError(v *ast.Variable, err error) error {
	var ce *value.ConversionError
	if asConv(err, &ce) {
		return f.castError(v, ce.TypeName, ce.Value, err)
	}
	return f.errorAt(v, newExceptionOf("System.Management.Automation.SessionStateUnauthorizedAccessException", err.Error()), "VariableNotWritable", WriteError, v.Name)
}

// preference reads a preference variable as seen from this frame. Hot
// paths pass the name in lower case ("erroractionpreference"): it is the
// lookup key as it is, with no lower-casing allocation per call.
func (f *frame) preference(name string) any {
	x := f.scope.lookup(name)
	if x == nil {
		return nil
	}
	return x.get()
}

// posOf returns the start of n, or the zero position.
func posOf(n ast.Node) token.Pos {
	if n == nil {
		return token.Pos{}
	}
	return n.Pos()
}
