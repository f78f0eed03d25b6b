package eval

import (
	"strings"

	"github.com/keyhost/keyhost/ps/ast"
	"github.com/keyhost/keyhost/ps/parser"
	"github.com/keyhost/keyhost/ps/value"
)

// ScriptBlock is a { ... } value: code that can be invoked with & or .,
// passed to ForEach-Object, or called as a method ($sb.Invoke()).
type ScriptBlock struct {
	Body *ast.ScriptBlock
	// Params holds the parameters of the function Name($a) form, when the
	// block is a function body declared that way.
	Params []*ast.Parameter
	Text   string
	src    *source
	// info caches the binding metadata derived from the param block.
	info *CommandInfo
}

// TypeNames implements value.Object.
func (sb *ScriptBlock) TypeNames() []string {
	return []string{"System.Management.Automation.ScriptBlock", "System.Object"}
}

// Property implements value.Object.
func (sb *ScriptBlock) Property(name string) (any, bool) {
	switch strings.ToLower(name) {
	case "file":
		return sb.src.scriptName, true
	case "startposition":
		return nil, true
	}
	return nil, false
}

// PropertyNames implements value.Object.
func (sb *ScriptBlock) PropertyNames() []string { return []string{"File"} }

// String returns the block's source text, as ScriptBlock.ToString() does.
func (sb *ScriptBlock) String() string { return sb.Text }

// Function is a script-defined function or filter.
type Function struct {
	Name     string
	IsFilter bool
	block    *ScriptBlock
}

func newFunction(def *ast.FunctionDef, src *source) *Function {
	return &Function{
		Name:     def.Name,
		IsFilter: def.IsFilter,
		block:    &ScriptBlock{Body: def.Body, Params: def.Params, src: src, Text: src.textOf(def.Body)},
	}
}

// scriptBlock returns the function's body as a script block value.
func (fn *Function) scriptBlock() *ScriptBlock { return fn.block }

// textOf returns the source text of a node.
func (s *source) textOf(n ast.Node) string {
	if n == nil {
		return ""
	}
	start, end := n.Pos().Offset, n.End().Offset
	if start < 0 || end > len(s.file.Source) || start > end {
		return ""
	}
	return s.file.Source[start:end]
}

// scriptStage runs script code (a function, a script block, a script file)
// as a pipeline element with begin/process/end semantics.
type scriptStage struct {
	f     *frame // the caller
	inner *frame // where the code runs
	block *ScriptBlock
	name  string
	cmd   *ast.Command
	b     *binding
	out   emitter
	// isFilter runs the whole body once per input object.
	isFilter bool
	// input collects pipeline input for $input in the end block.
	input       []any
	sawInput    bool
	ranProcess  bool
	dotSource   bool
	restoreVars func()
}

// newFunctionStage prepares a call of a script function.
func (f *frame) newFunctionStage(cmd *ast.Command, fn *Function, args []argument, first, dot bool, rd redirect) (stage, error) {
	return f.newScriptStage(cmd, fn.block, fn.Name, fn.IsFilter, args, first, dot, rd, "")
}

// newScriptBlockStage prepares & { ... } or . { ... }.
func (f *frame) newScriptBlockStage(cmd *ast.Command, sb *ScriptBlock, args []argument, first, dot bool, rd redirect) (stage, error) {
	return f.newScriptStage(cmd, sb, "", false, args, first, dot, rd, "")
}

// newScriptFileStage prepares running (or dot-sourcing) a .ps1 file.
func (f *frame) newScriptFileStage(cmd *ast.Command, path string, args []argument, first, dot bool, rd redirect) (stage, error) {
	abs := f.r.absPath(path) // relative paths are relative to $PWD, as in PowerShell
	text, err := f.r.host.FS.ReadFile(abs)
	if err != nil {
		return nil, f.commandNotFound(cmd, path)
	}
	file, perr := parser.ParseFile(abs, string(text))
	if perr != nil {
		f.r.reportParseErrors(perr, abs, string(text))
		return nil, f.runtimeErrorAt(cmd, "ParseException", "The script '"+path+"' cannot be run because it contains parse errors.")
	}
	sb := &ScriptBlock{Body: file.Body, src: newSource(file), Text: file.Source}
	return f.newScriptStage(cmd, sb, abs, false, args, first, dot, rd, abs)
}

// swapScriptVariables sets $PSScriptRoot and friends for a dot-sourced
// file running in the caller's scope, and returns a function restoring the
// caller's values.
func (f *frame) swapScriptVariables(path string) func() {
	names := []string{"psscriptroot", "pscommandpath", "myinvocation"}
	saved := map[string]*Variable{}
	for _, n := range names {
		if v, ok := f.scope.vars[n]; ok {
			saved[n] = v
		}
	}
	f.setScriptVariables(path)
	return func() {
		for _, n := range names {
			delete(f.scope.vars, n)
			if v, ok := saved[n]; ok {
				f.scope.vars[n] = v
			}
		}
	}
}

// newScriptStage binds arguments to a script block's parameters and
// prepares its scope. scriptPath is set when the block is a script file:
// its scope is then a script scope with $PSScriptRoot and friends (for a
// dot-sourced file they are set for the duration in the caller's scope).
func (f *frame) newScriptStage(cmd *ast.Command, sb *ScriptBlock, name string, isFilter bool, args []argument, first, dot bool, rd redirect, scriptPath string) (stage, error) {
	if f.r.callDepth >= maxCallDepth {
		return nil, f.errorAt(cmd, &Exception{Types: append([]string{"System.Management.Automation.ScriptCallDepthException"}, runtimeExceptionTypes...),
			Message: "The script failed due to call depth overflow."}, "CallDepthOverflow", InvalidOperation, nil)
	}
	scope := f.scope
	if !dot {
		scope = newScope(f.scope, false)
	}
	inner := f.child(scope, sb.src)
	inner.cmdlet = nil
	ci := sb.commandInfoFor(f, name)
	b, rest, err := f.bindScriptArguments(ci, nodeOf(cmd), args, !first, sb.isAdvanced())
	if err != nil {
		return nil, err
	}
	st := &scriptStage{f: f, inner: inner, block: sb, name: name, cmd: cmd, b: b, out: rd.out, isFilter: isFilter, dotSource: dot}
	if scriptPath != "" {
		if dot {
			st.restoreVars = inner.swapScriptVariables(scriptPath)
		} else {
			scope.script = true
			inner.setScriptVariables(scriptPath)
		}
	}
	if sb.isAdvanced() {
		inner.cmdlet = &Call{f: inner, info: ci, cmd: nodeOf(cmd), b: b, out: rd.out, rd: rd}
		_ = scope.set("PSCmdlet", &psCmdlet{c: inner.cmdlet})
	}
	if err := st.setParameters(rest); err != nil {
		return nil, err
	}
	return st, nil
}

// setParameters assigns the bound parameters, defaults, $args and
// $PSBoundParameters in the code's scope.
func (s *scriptStage) setParameters(rest []any) error {
	sc := s.inner.scope
	bound := value.NewHashtable()
	for _, n := range s.b.order {
		key := strings.ToLower(n)
		v := s.b.values[key]
		bound.Set(n, v)
		if isPreferenceName(n) {
			s.setPreference(n, v)
		}
		if p := s.block.paramNamed(n); p != nil {
			if err := sc.set(p.Name, v); err != nil {
				return err
			}
		}
	}
	for _, p := range s.block.parameters() {
		if _, ok := s.b.values[strings.ToLower(p.Name)]; ok {
			continue
		}
		var v any
		if p.Default != nil {
			dv, err := s.inner.eval(p.Default)
			if err != nil {
				return err
			}
			v = nullIfAutomation(dv)
		} else if isSwitchParam(p) {
			v = false
		}
		if err := sc.set(p.Name, v); err != nil {
			return err
		}
	}
	_ = sc.set("PSBoundParameters", bound)
	if rest == nil {
		rest = []any{}
	}
	_ = sc.set("args", rest)
	return nil
}

// setPreference maps a common parameter of an advanced function onto the
// preference variable it controls, inside the function's scope.
func (s *scriptStage) setPreference(name string, v any) {
	sc := s.inner.scope
	switch strings.ToLower(name) {
	case "erroraction":
		_ = sc.set("ErrorActionPreference", v)
	case "warningaction":
		_ = sc.set("WarningPreference", v)
	case "informationaction":
		_ = sc.set("InformationPreference", v)
	case "verbose":
		if value.ToBool(v) {
			_ = sc.set("VerbosePreference", ActionPreferenceType.Member("Continue"))
		} else {
			_ = sc.set("VerbosePreference", ActionPreferenceType.Member("SilentlyContinue"))
		}
	case "whatif":
		_ = sc.set("WhatIfPreference", value.ToBool(v))
	case "confirm":
		if value.ToBool(v) {
			_ = sc.set("ConfirmPreference", ConfirmImpactType.Member("Low"))
		} else {
			_ = sc.set("ConfirmPreference", ConfirmImpactType.Member("None"))
		}
	}
}

func (s *scriptStage) begin() error {
	s.f.r.callDepth++
	if s.block.Body.BeginBlock == nil {
		return nil
	}
	return s.runBlock(s.block.Body.BeginBlock, nil, false)
}

func (s *scriptStage) process(input any, hasInput bool) error {
	if hasInput {
		s.sawInput = true
		s.input = append(s.input, input)
		if _, err := s.f.bindPipelineInput(s.b, input, nodeOf(s.cmd)); err != nil {
			return err
		}
		for key, piped := range s.b.fromPipe {
			if piped {
				if p := s.block.paramNamed(key); p != nil {
					_ = s.inner.scope.set(p.Name, s.b.values[key])
				}
			}
		}
	}
	body := s.block.Body
	switch {
	case s.isFilter && body.ProcessBlock == nil && body.EndBlock != nil && body.EndBlock.Unnamed:
		s.ranProcess = true
		return s.runBlock(body.EndBlock, input, hasInput)
	case body.ProcessBlock != nil:
		s.ranProcess = true
		return s.runBlock(body.ProcessBlock, input, hasInput)
	}
	return nil
}

func (s *scriptStage) end() error {
	defer func() {
		s.f.r.callDepth--
		if s.restoreVars != nil {
			s.restoreVars()
		}
	}()
	body := s.block.Body
	if body.EndBlock == nil || (s.isFilter && s.ranProcess && body.EndBlock.Unnamed) {
		return nil
	}
	_ = s.inner.scope.set("input", append([]any{}, s.input...))
	return s.runBlock(body.EndBlock, nil, false)
}

// runBlock runs one named block. `return` ends the block; $_ is set to
// the current input object.
func (s *scriptStage) runBlock(blk *ast.NamedBlock, input any, hasInput bool) error {
	if hasInput {
		_ = s.inner.scope.set("_", input)
		_ = s.inner.scope.set("PSItem", input)
	}
	err := s.inner.execStatements(blk.Statements, blockTraps(s.block.Body, blk), s.out)
	if _, isReturn := err.(returnSignal); isReturn {
		return nil
	}
	return err
}

// invokeBlockInScope runs a script block in f's own scope (no new scope),
// with $_ set, restoring the previous $_ afterwards. ForEach-Object and
// Where-Object run their blocks this way.
func (f *frame) invokeBlockInScope(sb *ScriptBlock, dollarUnder any, args []any, out emitter) error {
	sc := f.scope
	prevUnder, prevItem := sc.vars["_"], sc.vars["psitem"]
	_ = sc.set("_", dollarUnder)
	_ = sc.set("PSItem", dollarUnder)
	prevArgs := sc.vars["args"]
	_ = sc.set("args", append([]any{}, args...))
	defer func() {
		restoreVar(sc, "_", prevUnder)
		restoreVar(sc, "psitem", prevItem)
		restoreVar(sc, "args", prevArgs)
	}()
	inner := f.child(sc, sb.src)
	for _, blk := range namedBlocks(sb.Body) {
		err := inner.execStatements(blk.Statements, blockTraps(sb.Body, blk), out)
		if _, isReturn := err.(returnSignal); isReturn {
			return nil
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func restoreVar(sc *Scope, key string, prev *Variable) {
	if prev == nil {
		delete(sc.vars, key)
		return
	}
	sc.vars[key] = prev
}

// InvokeScriptBlock calls a script block with arguments in a new scope and
// returns its output ($sb.Invoke(...) and & $sb in expressions).
func (f *frame) invokeScriptBlock(sb *ScriptBlock, args []any) ([]any, error) {
	var out []any
	argv := make([]argument, len(args))
	for i, a := range args {
		argv[i] = argument{hasValue: true, value: a}
	}
	st, err := f.newScriptStage(nil, sb, "", false, argv, true, false, redirect{out: func(v any) error { out = append(out, v); return nil }}, "")
	if err != nil {
		return nil, err
	}
	if err := st.begin(); err != nil {
		return out, err
	}
	if err := st.process(nil, false); err != nil {
		return out, err
	}
	return out, st.end()
}

// nodeOf converts a possibly nil command to an ast.Node without creating a
// non-nil interface around a nil pointer.
func nodeOf(cmd *ast.Command) ast.Node {
	if cmd == nil {
		return nil
	}
	return cmd
}

// namedBlocks returns a script block's begin, process and end blocks that
// exist, in the order they run.
func namedBlocks(sb *ast.ScriptBlock) []*ast.NamedBlock {
	var out []*ast.NamedBlock
	for _, b := range []*ast.NamedBlock{sb.BeginBlock, sb.ProcessBlock, sb.EndBlock} {
		if b != nil {
			out = append(out, b)
		}
	}
	return out
}

// blockTraps returns the traps covering a named block: the script block's
// own for the unnamed body, the block's for a named one.
func blockTraps(sb *ast.ScriptBlock, blk *ast.NamedBlock) []*ast.TrapStmt {
	if blk.Unnamed {
		return sb.Traps
	}
	return blk.Traps
}
