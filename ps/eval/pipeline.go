package eval

import (
	"fmt"
	"strings"

	"github.com/keyhost/keyhost/ps/ast"
	"github.com/keyhost/keyhost/ps/token"
	"github.com/keyhost/keyhost/ps/value"
)

// stage is one running element of a pipeline. Objects stream: each object
// an upstream stage writes is handed to the next stage's process at once,
// so side effects interleave the way they do in PowerShell.
type stage interface {
	begin() error
	// process handles one input object; hasInput is false for the single
	// call a first-position command gets.
	process(input any, hasInput bool) error
	end() error
}

// runPipeline runs a pipeline statement, sending what its last element
// writes to emit.
func (f *frame) runPipeline(p *ast.Pipeline, emit emitter) error {
	if len(p.Elements) == 1 {
		if ce, ok := p.Elements[0].(*ast.CommandExpr); ok {
			return f.runExpressionStatement(ce, emit)
		}
	}
	if p.Background {
		return f.runtimeErrorAt(p, "NotSupported", "Background jobs (a trailing &) are not supported by keyhost.")
	}
	// Build every stage first: PowerShell binds all command-line arguments
	// before any command starts, so a binding error runs nothing.
	stages := make([]stage, len(p.Elements))
	// What a command writes in its begin block waits for the next command
	// to have begun too, as in PowerShell, where it sits in that
	// command's input until every begin block has run.
	begun := false
	waiting := make([][]any, len(p.Elements))
	next := emit
	for i := len(p.Elements) - 1; i >= 0; i-- {
		st, err := f.newStage(p.Elements[i], i == 0, next)
		if err != nil {
			f.r.setSuccess(false)
			return err
		}
		stages[i] = st
		if i > 0 {
			down, at := st, i
			next = func(v any) error {
				if !begun {
					waiting[at] = append(waiting[at], v)
					return nil
				}
				return down.process(v, true)
			}
		}
	}
	// $? starts true for this pipeline; any error its commands write
	// turns it false.
	f.r.setSuccess(true)
	from := 0
	failed := func(err error) error {
		// The stages that began release what they took (call depth,
		// call stack) even though their end blocks do not run.
		for _, st := range stages {
			if a, ok := st.(interface{ abort() }); ok {
				a.abort()
			}
		}
		f.r.setSuccess(false)
		return err
	}
	for j := 0; j < len(stages); j++ {
		if j < from {
			continue // stopped before it began
		}
		if err := stages[j].begin(); err != nil {
			i, ok := stoppedStage(err, stages)
			if !ok {
				return failed(err)
			}
			if i > from {
				from = i
			}
		}
	}
	begun = true
	for j := 1; j < len(stages); j++ {
		for _, v := range waiting[j] {
			if j < from {
				break // stopped: its input goes nowhere
			}
			if err := stages[j].process(v, true); err != nil {
				i, ok := stoppedStage(err, stages)
				if !ok {
					return failed(err)
				}
				if i > from {
					from = i
				}
			}
		}
		waiting[j] = nil
	}
	if from == 0 {
		if err := stages[0].process(nil, false); err != nil {
			// A command that asked to stop the commands before it
			// (Select-Object -First) ends the pipeline from itself on:
			// the upstream commands' end blocks do not run.
			i, ok := stoppedStage(err, stages)
			if !ok {
				return failed(err)
			}
			from = i
		}
	}
	for _, st := range stages[:from] {
		if a, ok := st.(interface{ abort() }); ok {
			a.abort()
		}
	}
	for j := from; j < len(stages); j++ {
		if err := stages[j].end(); err != nil {
			// Objects an end block writes can reach a command that then
			// stops upstream (Sort-Object | Select-Object -First 1): the
			// pipeline goes on from that command.
			i, ok := stoppedStage(err, stages)
			if !ok || i <= j {
				return failed(err)
			}
			for _, st := range stages[j+1 : i] {
				if a, ok := st.(interface{ abort() }); ok {
					a.abort()
				}
			}
			j = i - 1
		}
	}
	// $? is false when a command of the pipeline wrote an error (for an
	// advanced function: through $PSCmdlet.WriteError).
	ok := true
	for _, st := range stages {
		switch s := st.(type) {
		case *cmdletStage:
			ok = ok && !s.call.wroteError
		case *scriptStage:
			ok = ok && (s.inner.cmdlet == nil || !s.inner.cmdlet.wroteError)
		}
	}
	f.r.setSuccess(ok)
	return nil
}

// runExpressionStatement runs a statement that is a lone expression: its
// value is enumerated into the output. Increments and decrements in
// statement position write nothing, as in PowerShell.
func (f *frame) runExpressionStatement(ce *ast.CommandExpr, emit emitter) error {
	if u, ok := ce.Expr.(*ast.UnaryExpr); ok && (u.Op == token.PlusPlus || u.Op == token.MinusMinus) {
		_, err := f.eval(u)
		f.r.setSuccess(err == nil)
		return err
	}
	rd, err := f.redirections(ce.Redirections, emit)
	if err != nil {
		return err
	}
	v, err := f.eval(ce.Expr)
	if err != nil {
		f.r.setSuccess(false)
		return err
	}
	f.r.setSuccess(true)
	return emitAll(v, rd.out)
}

// emitAll writes v to emit, enumerating collections.
func emitAll(v any, emit emitter) error {
	for _, item := range value.Enumerate(v) {
		if err := emit(item); err != nil {
			return err
		}
	}
	return nil
}

// newStage builds the stage for one pipeline element.
func (f *frame) newStage(el ast.PipelineElement, first bool, next emitter) (stage, error) {
	switch e := el.(type) {
	case *ast.CommandExpr:
		if !first {
			return nil, f.runtimeErrorAt(e, "ExpressionsMustBeFirstInPipeline", "Expressions are only allowed as the first element of a pipeline.")
		}
		return &exprStage{f: f, expr: e, next: next}, nil
	case *ast.Command:
		return f.newCommandStage(e, first, next)
	}
	return nil, f.runtimeErrorAt(el, "NotSupported", "Unsupported pipeline element.")
}

// exprStage is an expression at the head of a pipeline: $list | ...
type exprStage struct {
	f    *frame
	expr *ast.CommandExpr
	next emitter
}

func (s *exprStage) begin() error { return nil }
func (s *exprStage) end() error   { return nil }
func (s *exprStage) process(any, bool) error {
	v, err := s.f.eval(s.expr.Expr)
	if err != nil {
		return err
	}
	return emitAll(v, s.next)
}

// newCommandStage resolves a command and binds its arguments.
func (f *frame) newCommandStage(cmd *ast.Command, first bool, next emitter) (stage, error) {
	rd, err := f.redirections(cmd.Redirections, next)
	if err != nil {
		return nil, err
	}
	if err := f.checkMethodCallSyntax(cmd); err != nil {
		return nil, err
	}
	args, err := f.evalArguments(cmd)
	if err != nil {
		return nil, err
	}
	if cmd.Invocation != ast.InvokeDefault {
		if sc, ok := cmd.Name.(*ast.StringConstant); !ok || sc.Kind != ast.BareWord {
			target, err := f.eval(cmd.Name)
			if err != nil {
				return nil, err
			}
			if sb, ok := target.(*ScriptBlock); ok {
				return f.newScriptBlockStage(cmd, sb, args, first, cmd.Invocation == ast.InvokeDotSource, rd)
			}
			if mi, ok := target.(*moduleInfo); ok {
				return f.newModuleScopedStage(cmd, mi.m, args, first, rd)
			}
			if o, ok := target.(*commandInfoObject); ok {
				switch {
				case o.fn != nil:
					return f.newFunctionStage(cmd, o.fn, args, first, cmd.Invocation == ast.InvokeDotSource, rd)
				case o.kind == "Cmdlet" && o.ci != nil:
					return f.newCmdletStage(cmd, o.ci, args, first, rd)
				}
				return f.newNamedCommandStage(cmd, f.commandInfoName(o), args, first, rd)
			}
			return f.newNamedCommandStage(cmd, value.ToString(target), args, first, rd)
		}
	}
	name, err := f.evalName(cmd.Name)
	if err != nil {
		return nil, err
	}
	return f.newNamedCommandStage(cmd, name, args, first, rd)
}

// newNamedCommandStage resolves a command by name the way PowerShell does:
// alias, then function, then cmdlet, then script file; a verbless name is
// retried with Get- prepended.
func (f *frame) newNamedCommandStage(cmd *ast.Command, name string, args []argument, first bool, rd redirect) (stage, error) {
	resolved, key := f.resolveAliasKey(name)
	dot := cmd.Invocation == ast.InvokeDotSource
	if fn := f.scope.lookupFunctionKey(key); fn != nil {
		return f.newFunctionStage(cmd, fn, args, first, dot, rd)
	}
	if ci, ok := f.r.table.lookupKey(key); ok {
		return f.newCmdletStage(cmd, ci, args, first, rd)
	}
	if mod, cmdName, ok := strings.Cut(resolved, `\`); ok && mod != "" && (f.r.binaryModuleName(mod) != "" || f.r.loadedModule(mod) != nil) {
		// Module\Command: the command of that module.
		if ci, ok := f.r.table.Lookup(cmdName); ok && strings.EqualFold(ci.Module, mod) {
			return f.newCmdletStage(cmd, ci, args, first, rd)
		}
		if fn := f.scope.lookupFunction(cmdName); fn != nil && fn.block.module != nil && strings.EqualFold(fn.block.module.Name, mod) {
			return f.newFunctionStage(cmd, fn, args, first, dot, rd)
		}
	}
	if looksLikeScriptPath(resolved) {
		return f.newScriptFileStage(cmd, resolved, args, first, dot, rd)
	}
	if !strings.Contains(resolved, "-") {
		if ci, ok := f.r.table.Lookup("Get-" + resolved); ok {
			return f.newCmdletStage(cmd, ci, args, first, rd)
		}
	}
	return nil, f.commandNotFound(cmd, name)
}

// newModuleScopedStage runs & $module { ... } or . $module { ... }: the
// first argument (a script block or a command name) runs inside the
// module's session state, with the other arguments.
func (f *frame) newModuleScopedStage(cmd *ast.Command, m *Module, args []argument, first bool, rd redirect) (stage, error) {
	if m.scope == nil {
		return nil, f.runtimeErrorAt(cmd, "CantInvokeInBinaryModule", fmt.Sprintf("Cannot use '&' to invoke in the context of binary module '%s'. Specify a non-binary module after the '&' and try again.", m.Name))
	}
	if len(args) == 0 || args[0].name != "" {
		return nil, f.runtimeErrorAt(cmd, "BadExpression", "An expression was expected after '&'.")
	}
	inner := f.child(m.scope, f.src)
	dot := cmd.Invocation == ast.InvokeDotSource
	switch x := args[0].value.(type) {
	case *ScriptBlock:
		sb := *x
		sb.bound, sb.created, sb.info = m.scope, nil, nil
		return inner.newScriptBlockStage(cmd, &sb, args[1:], first, dot, rd)
	default:
		return inner.newNamedCommandStage(cmd, value.ToString(x), args[1:], first, rd)
	}
}

// resolveAlias follows aliases (script-defined ones in scope first, then
// the command table's) to the command name they stand for.
func (f *frame) resolveAlias(name string) string {
	resolved, _ := f.resolveAliasKey(name)
	return resolved
}

// resolveAliasKey is resolveAlias that also returns the lower-case name
// of the result, computed once.
func (f *frame) resolveAliasKey(name string) (string, string) {
	resolved, key := name, lowerKey(name)
	for i := 0; i < 10; i++ { // aliases may chain; 10 is far more than real use
		if a := f.scope.lookupAliasKey(key); a != nil {
			resolved = a.Definition
			key = lowerKey(resolved)
			continue
		}
		target, ok := f.r.table.resolveAliasKey(key)
		if !ok {
			break
		}
		resolved, key = target, lowerKey(target)
	}
	return resolved, key
}

// looksLikeScriptPath reports whether a command name names a script file.
func looksLikeScriptPath(name string) bool {
	return strings.HasSuffix(strings.ToLower(name), ".ps1") || strings.ContainsAny(name, `/\`)
}

// commandNotFound is PowerShell 7's CommandNotFoundException.
func (f *frame) commandNotFound(cmd *ast.Command, name string) error {
	msg := "The term '" + name + "' is not recognized as a name of a cmdlet, function, script file, or executable program.\n" +
		"Check the spelling of the name, or if a path was included, verify that the path is correct and try again."
	rec := NewErrorRecord(&Exception{Types: notFoundTypes, Message: msg}, "CommandNotFoundException", ObjectNotFound, name)
	rec.TargetName = name
	rec.Invocation = f.invocation(cmd, "")
	rec.Invocation.InvocationName = name
	return newRuntimeError(rec, true)
}

// argument is one evaluated command argument: a parameter name (with or
// without an attached value) or a value.
type argument struct {
	// name is the parameter name without the dash ("" for a value).
	name string
	// hasValue is set when a value is attached (-Name:value) or for plain
	// values.
	hasValue bool
	value    any
	// colon marks -Name:value.
	colon bool
	// node is the syntax the argument came from, for error positions.
	node ast.Node
	// splatted marks values that came from @splat.
	splatted bool
	// index is the argument's place on the command line (set by the binder).
	index int
}

// evalArguments evaluates a command's arguments in order, expanding splats.
func (f *frame) evalArguments(cmd *ast.Command) ([]argument, error) {
	args := make([]argument, 0, len(cmd.Args))
	for _, el := range cmd.Args {
		switch a := el.(type) {
		case *ast.CommandParameter:
			if a.Name == "-" {
				continue // "--": the parser already made what follows plain arguments
			}
			arg := argument{name: a.Name, node: a}
			if a.Arg != nil {
				v, err := f.eval(a.Arg)
				if err != nil {
					return nil, err
				}
				arg.value, arg.hasValue, arg.colon = nullIfAutomation(v), true, true
			}
			args = append(args, arg)
		case *ast.Variable:
			if a.Splatted {
				splat, err := f.splatArguments(a)
				if err != nil {
					return nil, err
				}
				args = append(args, splat...)
				continue
			}
			v, err := f.eval(a)
			if err != nil {
				return nil, err
			}
			args = append(args, argument{hasValue: true, value: nullIfAutomation(v), node: a})
		case ast.Expr:
			v, err := f.eval(a)
			if err != nil {
				return nil, err
			}
			args = append(args, argument{hasValue: true, value: nullIfAutomation(v), node: a})
		}
	}
	return args, nil
}

// splatArguments expands @name: a hashtable binds by name, an array by
// position.
func (f *frame) splatArguments(v *ast.Variable) ([]argument, error) {
	val, _ := f.lookupVariable(&ast.Variable{Name: v.Name, Scope: v.Scope})
	switch x := val.(type) {
	case *value.Hashtable:
		out := make([]argument, 0, x.Len())
		keys := x.Keys()
		vals := x.Values()
		for i, k := range keys {
			out = append(out, argument{name: value.ToString(k), hasValue: true, value: vals[i], colon: true, node: v, splatted: true})
		}
		return out, nil
	case nil:
		return nil, nil
	}
	var out []argument
	for _, item := range value.Enumerate(val) {
		out = append(out, argument{hasValue: true, value: item, node: v, splatted: true})
	}
	return out, nil
}

// nullIfAutomation turns AutomationNull into $null: as an argument, "no
// output" is passed as $null.
func nullIfAutomation(v any) any {
	if value.IsNull(v) {
		return nil
	}
	return v
}

// errorMode says where a command's non-terminating errors go.
type errorMode int

const (
	errorsToHost    errorMode = iota // the default: the error view on stderr
	errorsDiscarded                  // 2>$null: recorded in $Error, not shown
	errorsToOutput                   // 2>&1: error records join the output
)

// redirect is the effect of a pipeline element's redirections.
type redirect struct {
	out    emitter
	errors errorMode
}

// redirections interprets the redirections of a pipeline element: where its
// success output and its errors go. Only what keyhost supports so far is
// accepted (> $null, 2> $null, *> $null, 2>&1, *>&1); file targets are
// reported as not supported rather than silently ignored.
func (f *frame) redirections(reds []*ast.Redirection, out emitter) (redirect, error) {
	rd := redirect{out: out}
	for _, r := range reds {
		if r.File != nil {
			target, err := f.eval(r.File)
			if err != nil {
				return rd, err
			}
			if !value.IsNull(target) {
				return rd, f.runtimeErrorAt(r, "NotSupported", "Redirecting output to a file is not supported by keyhost yet; pipe to Out-Null or redirect to $null.")
			}
			switch r.From {
			case 1:
				rd.out = discard
			case 2:
				rd.errors = errorsDiscarded
			case 0:
				rd.out = discard
				rd.errors = errorsDiscarded
			}
			continue
		}
		if r.ToStream != 1 {
			return rd, f.runtimeErrorAt(r, "NotSupported", "Only redirections into the success stream (2>&1, *>&1) are supported by keyhost.")
		}
		if r.From == 2 || r.From == 0 {
			rd.errors = errorsToOutput
		}
	}
	return rd, nil
}
