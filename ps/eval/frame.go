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
}

// child returns a frame for code running in a new scope.
func (f *frame) child(scope *Scope, src *source) *frame {
	return &frame{r: f.r, scope: scope, src: src, cmdlet: f.cmdlet}
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
	mi.Add("MyCommand", filepath.Base(path)).Add("ScriptName", path).Add("PSScriptRoot", filepath.Dir(path)).Add("PSCommandPath", path).Add("InvocationName", path)
	f.scope.setVar(&Variable{Name: "MyInvocation", Value: mi})
}

// lookupVariable reads a variable the way $name does, including the
// scope and drive qualifiers.
func (f *frame) lookupVariable(v *ast.Variable) (any, bool) {
	switch v.Scope {
	case "env":
		s, ok := f.r.host.Getenv(v.Name)
		if !ok {
			return nil, false
		}
		return s, true
	case "global", "script":
		x := f.scope.qualified(v.Scope).lookup(v.Name)
		if x == nil {
			return nil, false
		}
		return x.Value, true
	case "local", "private":
		x := f.scope.vars[strings.ToLower(v.Name)]
		if x == nil {
			return nil, false
		}
		return x.Value, true
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
	return x.Value, true
}

// assignVariable assigns $name (with its qualifier) the way `=` does.
func (f *frame) assignVariable(v *ast.Variable, val any) error {
	switch v.Scope {
	case "env":
		return f.runtimeErrorAt(v, "NotSupported", "Setting environment variables is not supported in keyhost.")
	case "function":
		return f.runtimeErrorAt(v, "NotSupported", "Assigning to the function: drive is not supported in keyhost.")
	}
	if err := f.scope.qualified(v.Scope).set(v.Name, val); err != nil {
		return f.errorAt(v, RuntimeException(err.Error()), "VariableNotWritable", WriteError, v.Name)
	}
	return nil
}

// preference reads a preference variable as seen from this frame.
func (f *frame) preference(name string) any {
	x := f.scope.lookup(name)
	if x == nil {
		return nil
	}
	return x.Value
}

// posOf returns the start of n, or the zero position.
func posOf(n ast.Node) token.Pos {
	if n == nil {
		return token.Pos{}
	}
	return n.Pos()
}
