package eval

import (
	"fmt"
	"path"
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
	// bound is the scope the block runs under instead of its caller's:
	// the captured variables of GetNewClosure(), or a module's script
	// scope for a module's functions.
	bound *Scope
	// module is the module the block belongs to, if any.
	module *Module
	// created is the scope a { } literal was evaluated in: invoked from
	// another session state (a module calling a caller's callback), the
	// block runs under it, in the session state it came from.
	created *Scope
}

// closure is GetNewClosure(): a copy of the block bound to a new scope
// holding copies of the caller's local variables.
func (sb *ScriptBlock) closure(f *frame) *ScriptBlock {
	parent := f.scope.global()
	if sb.bound != nil {
		parent = sb.bound
	}
	captured := newScope(parent, false)
	for k, v := range f.scope.vars {
		c := *v
		captured.vars[k] = &c
	}
	c := *sb
	c.bound = captured
	c.info = nil
	return &c
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
	// Private functions are invisible to child scopes.
	Private bool
	// Options are ScopedItemOptions as Get-Command shows them.
	ReadOnly bool
	block    *ScriptBlock
	// def is the definition, for comment-based help around it.
	def *ast.FunctionDef
}

func newFunction(def *ast.FunctionDef, src *source) *Function {
	return &Function{
		Name:     def.Name,
		IsFilter: def.IsFilter,
		block:    &ScriptBlock{Body: def.Body, Params: def.Params, src: src, Text: braceless(src.textOf(def.Body))},
		def:      def,
	}
}

// braceless is a function body's text without its braces: what
// $function:f and (Get-Command f).Definition show, as a script block
// literal's ToString() does.
func braceless(text string) string {
	if len(text) >= 2 && text[0] == '{' && text[len(text)-1] == '}' {
		return text[1 : len(text)-1]
	}
	return text
}

// defineFunction runs a function definition: function [scope:]Name { }.
// A function defined by module code stays bound to the module's session
// state.
func (f *frame) defineFunction(def *ast.FunctionDef) {
	fn := newFunction(def, f.src)
	target := f.scope
	if qual, name, ok := strings.Cut(def.Name, ":"); ok {
		switch strings.ToLower(qual) {
		case "global", "script", "local", "private":
			fn.Name = name
			target = f.scope.qualified(strings.ToLower(qual))
			fn.Private = strings.EqualFold(qual, "private")
		}
	}
	if ms := f.scope.moduleScope(); ms != nil {
		fn.block.bound = ms
		fn.block.module = ms.module
	}
	for _, a := range def.Body.Attributes {
		if strings.EqualFold(a.Name.Name, "Alias") {
			for _, e := range a.Positional {
				for _, n := range value.Enumerate(f.constant(e)) {
					target.defineAlias(&Alias{Name: value.ToString(n), Definition: fn.Name})
				}
			}
		}
	}
	target.defineFunction(fn)
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
	// bound is $PSBoundParameters, kept up to date with pipeline binding.
	bound *value.Hashtable
	// defaults are the values the unbound parameters got before any
	// pipeline input; a parameter the previous input object bound and the
	// next one does not gets its default back, as in PowerShell.
	defaults map[string]any
	// rd is the call's redirection: when it redirects errors, it applies
	// to the commands inside the code too.
	rd redirect
	// site is the code's call stack entry while it runs.
	site *callSite
	// errSink and errVar implement -ErrorVariable; outs and outVar
	// -OutVariable.
	errSink *errorSink
	errVar  string
	outs    []any
	outVar  string
}

// errorSink collects the errors recorded while an advanced function with
// -ErrorVariable runs.
type errorSink struct{ items []any }

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
	if err := f.applyUsing(file); err != nil {
		if list, ok := err.(parser.ErrorList); ok {
			f.r.reportParseErrors(list, abs, string(text))
			return nil, f.runtimeErrorAt(cmd, "ParseException", "The script '"+path+"' cannot be run because it contains parse errors.")
		}
		return nil, err
	}
	if err := f.checkRequires(abs, path, file.Source); err != nil {
		return nil, err
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
			f.scope.gen++
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
		parent := f.scope
		switch {
		case sb.bound != nil:
			// A module's function (or a closure) runs under its own
			// session state, not under its caller's scopes.
			parent = sb.bound
		case sb.created != nil && sb.created.moduleScope() != f.scope.moduleScope():
			parent = sb.created
		}
		scope = newScope(parent, false)
	}
	inner := f.child(scope, sb.src)
	inner.cmdlet = nil
	ci := sb.commandInfoFor(f, name)
	b, rest, err := f.bindScriptArguments(ci, nodeOf(cmd), args, !first, sb.isAdvanced())
	if err != nil {
		return nil, err
	}
	st := &scriptStage{f: f, inner: inner, block: sb, name: name, cmd: cmd, b: b, out: rd.out, isFilter: isFilter, dotSource: dot, rd: rd}
	if sb.isAdvanced() {
		st.collectVariables()
	}
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
	if name != "" && scriptPath == "" && !dot {
		scope.setLocal("MyInvocation", lazyValue(func() any { return f.functionInvocation(cmd, name, sb) }))
	}
	if err := st.setParameters(rest); err != nil {
		return nil, err
	}
	return st, nil
}

// setParameters assigns the bound parameters, defaults, $args and
// $PSBoundParameters in the code's scope. A typed parameter keeps its type
// as a constraint on the variable, and an unbound one without a default
// gets the type's default value (” for [string], 0 for [int]).
func (s *scriptStage) setParameters(rest []any) error {
	sc := s.inner.scope
	bound := value.NewHashtable()
	for _, n := range s.b.order {
		v := s.b.values[n]
		bound.Set(n, v)
		if isPreferenceName(n) {
			s.setPreference(n, v)
		}
		if p := s.block.paramNamed(n); p != nil {
			s.setParameterVariable(p, v)
		}
	}
	for _, p := range s.block.parameters() {
		if _, ok := s.b.lookup(p.Name); ok {
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
		if err := s.setParameterVariable(p, v); err != nil {
			return err
		}
		if s.defaults == nil {
			s.defaults = map[string]any{}
		}
		s.defaults[strings.ToLower(p.Name)] = v
	}
	s.bound = bound
	sc.setLocal("PSBoundParameters", bound)
	if rest == nil {
		rest = []any{}
	}
	sc.setLocal("args", rest)
	return nil
}

// restoreDefaults gives the parameters in piped that the current input
// object did not bind their default values again, and takes them out of
// $PSBoundParameters.
func (s *scriptStage) restoreDefaults(piped []string) {
	for _, key := range piped {
		if s.b.fromPipe[key] {
			continue
		}
		if p := s.block.paramNamed(key); p != nil {
			_ = s.setParameterVariable(p, s.defaults[strings.ToLower(p.Name)])
		}
		if s.bound != nil {
			s.bound.Remove(key)
		}
	}
}

// setParameterVariable creates a parameter's variable, with its type
// constraint when it has one.
func (s *scriptStage) setParameterVariable(p *ast.Parameter, v any) error {
	sc := s.inner.scope
	if isSwitchParam(p) {
		sc.setVar(&Variable{Name: p.Name, Value: value.ToBool(v), Convert: func(x any) (any, error) { return value.ToBool(x), nil }})
		return nil
	}
	if len(p.Types) == 0 {
		sc.setLocal(p.Name, v)
		return nil
	}
	t, ok := lookupType(p.Types[len(p.Types)-1].Name)
	if !ok || t.Convert == nil {
		sc.setLocal(p.Name, v)
		return nil
	}
	if v == nil && !isReferenceTypeName(t.Name) {
		if cv, err := t.Convert(nil); err == nil {
			v = cv
		}
	} else if v != nil {
		// A default value converts to the parameter's type too.
		cv, err := t.Convert(v)
		if err != nil {
			return s.inner.castError(p, t.Name, v, err)
		}
		v = cv
	}
	sc.setVar(&Variable{Name: p.Name, Value: v, Convert: t.Convert})
	return nil
}

// isReferenceTypeName reports whether a type's default value is $null
// (objects, arrays, hashtables) rather than a zero value.
func isReferenceTypeName(name string) bool {
	switch name {
	case "System.String", "System.Int32", "System.Int64", "System.Double", "System.Single", "System.Decimal",
		"System.Boolean", "System.Char", "System.Byte", "System.SByte", "System.Int16", "System.UInt16",
		"System.UInt32", "System.UInt64", "System.Management.Automation.SwitchParameter":
		return false
	}
	return true
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

// collectVariables prepares -ErrorVariable and -OutVariable of an
// advanced function: the errors recorded while it runs and the objects it
// writes are assigned in the caller's scope when it ends.
func (s *scriptStage) collectVariables() {
	if name := s.stringParam("errorvariable"); name != "" {
		s.errSink = &errorSink{}
		s.errVar = name
	}
	if name := s.stringParam("outvariable"); name != "" {
		s.outVar = name
		inner := s.out
		s.out = func(v any) error {
			s.outs = append(s.outs, v)
			return inner(v)
		}
	}
}

func (s *scriptStage) stringParam(key string) string {
	v, ok := s.b.lookup(key)
	if !ok || value.IsNull(v) {
		return ""
	}
	return value.ToString(v)
}

// assignResultVariable sets -ErrorVariable/-OutVariable in the caller's
// scope; a leading + appends to the variable's current value.
func (f *frame) assignResultVariable(name string, items []any) {
	if strings.HasPrefix(name, "+") {
		name = name[1:]
		if prev := f.scope.lookup(name); prev != nil && !value.IsNull(prev.Value) {
			items = append(append([]any{}, value.Enumerate(prev.Value)...), items...)
		}
	}
	list := value.NewList(value.ArrayList, "System.Collections.ArrayList", "System.Object", nil)
	list.Append(items...)
	_ = f.scope.set(name, list)
}

func (s *scriptStage) begin() error {
	s.f.r.callDepth++
	s.site = s.f.r.pushSite(s.siteName(), s.block.src)
	s.inner.site = s.site
	if s.errSink != nil {
		s.f.r.errorSinks = append(s.f.r.errorSinks, s.errSink)
	}
	if s.block.Body.BeginBlock == nil {
		return nil
	}
	return s.runBlock(s.block.Body.BeginBlock, nil, false)
}

func (s *scriptStage) process(input any, hasInput bool) error {
	if hasInput {
		s.sawInput = true
		s.input = append(s.input, input)
		var piped []string // bound by the previous input object
		for key := range s.b.fromPipe {
			piped = append(piped, key)
		}
		bound, err := s.f.bindPipelineInput(s.b, input, nodeOf(s.cmd))
		s.restoreDefaults(piped)
		if err != nil {
			if s.block.isAdvanced() {
				return s.writeBindingError(err)
			}
			return err
		}
		if s.block.isAdvanced() && s.b.takesPipelineInput() {
			if !bound {
				rec := NewErrorRecord(&Exception{Types: bindingExceptionTypes, Message: "The input object cannot be bound to any parameters for the command either because the command does not take pipeline input or the input and its properties do not match any of the parameters that take pipeline input."},
					"InputObjectNotBound,"+s.b.ci.ImplementingType, InvalidArgument, input)
				rec.Invocation = s.f.invocation(nodeOf(s.cmd), s.b.ci.Name)
				return s.writeBindingError(newRuntimeError(rec, true))
			}
			if missing := s.b.missingMandatory(s.b.set, false); len(missing) > 0 {
				rec := NewErrorRecord(&Exception{Types: bindingExceptionTypes, Message: fmt.Sprintf("The input object cannot be bound because it did not contain the information required to bind all mandatory parameters:  %s", strings.Join(missing, " "))},
					"InputObjectMissingMandatory,"+s.b.ci.ImplementingType, InvalidArgument, input)
				rec.Invocation = s.f.invocation(nodeOf(s.cmd), s.b.ci.Name)
				return s.writeBindingError(newRuntimeError(rec, true))
			}
		}
		for key, piped := range s.b.fromPipe {
			if piped {
				if p := s.block.paramNamed(key); p != nil {
					v := s.b.values[key]
					_ = s.inner.scope.set(p.Name, v)
					if s.bound != nil {
						s.bound.Set(p.Name, v)
					}
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

// functionInvocation is $MyInvocation inside a function: the command and
// where it was called.
func (f *frame) functionInvocation(cmd *ast.Command, name string, sb *ScriptBlock) *value.PSObject {
	mi := value.NewPSObject("System.Management.Automation.InvocationInfo")
	info := &commandInfoObject{kind: "Function", name: name, fn: &Function{Name: name, block: sb}, ci: sb.info}
	line, script := "", ""
	var ln, col int32
	if cmd != nil && f.src != nil {
		line = f.src.line(cmd.Pos().Line)
		script = f.src.scriptName
		ln, col = int32(cmd.Pos().Line), int32(cmd.Pos().Col)
	}
	mi.Add("MyCommand", info).Add("InvocationName", name).Add("ScriptName", script).Add("ScriptLineNumber", ln).
		Add("OffsetInLine", col).Add("Line", line).Add("PSScriptRoot", path.Dir(script)).Add("PSCommandPath", script)
	return mi
}

// siteName is how the call stack names the code: the function's name, or
// <ScriptBlock> for script blocks and script files.
func (s *scriptStage) siteName() string {
	if s.block.src != nil && s.name == s.block.src.scriptName {
		return "<ScriptBlock>"
	}
	return s.name
}

// writeBindingError reports a pipeline object that does not bind as a
// non-terminating error of the command, as the binder does for each input
// object; the pipeline goes on with the next one.
func (s *scriptStage) writeBindingError(err error) error {
	rt, ok := err.(*RuntimeError)
	if !ok {
		return err
	}
	c := &Call{f: s.f, info: s.b.ci, cmd: nodeOf(s.cmd), b: s.b, out: s.out}
	return c.WriteError(rt.Record)
}

// abort releases what begin took when the stage is stopped without
// running its end block (a downstream Select-Object -First stopped it).
func (s *scriptStage) abort() {
	if s.site == nil {
		return // never began, or already ended
	}
	s.f.r.popSite(s.site)
	s.site = nil
	s.f.r.callDepth--
	if s.restoreVars != nil {
		s.restoreVars()
	}
	if s.errSink != nil {
		sinks := s.f.r.errorSinks
		for i := len(sinks) - 1; i >= 0; i-- {
			if sinks[i] == s.errSink {
				s.f.r.errorSinks = append(sinks[:i], sinks[i+1:]...)
				break
			}
		}
		s.f.assignResultVariable(s.errVar, s.errSink.items)
		s.errSink = nil
	}
	if s.outVar != "" {
		s.f.assignResultVariable(s.outVar, s.outs)
		s.outVar = ""
	}
}

func (s *scriptStage) end() error {
	defer s.abort()
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
	if s.rd.errors != errorsToHost {
		s.f.r.pushRedirect(s.rd)
		defer s.f.r.popRedirect()
	}
	err := s.inner.execStatements(blk.Statements, blockTraps(s.block.Body, blk), s.out)
	if _, isReturn := err.(returnSignal); isReturn {
		return nil
	}
	if rt, ok := err.(*RuntimeError); ok && s.inner.cmdlet != nil && (rt.command == s.inner.cmdlet || (!rt.StatementOnly && !rt.FromThrow)) {
		// Out of an advanced function, its terminating error (from
		// ThrowTerminatingError, or an error that -ErrorAction Stop or
		// $ErrorActionPreference = 'Stop' escalated inside it) is an
		// ordinary statement-terminating error of the call: the caller's
		// preference decides (about_Error_Handling, "How escalation
		// works"). throw stays script-terminating.
		c := *rt
		c.command = nil
		c.StatementOnly = true
		return &c
	}
	return err
}

// invokeBlockInScope runs a script block in f's own scope (no new scope),
// with $_ set, restoring the previous $_ afterwards. ForEach-Object and
// Where-Object run their blocks this way.
func (f *frame) invokeBlockInScope(sb *ScriptBlock, dollarUnder any, args []any, out emitter) error {
	sc := f.scope
	saved := [3]savedVar{saveVar(sc, "_"), saveVar(sc, "PSItem"), saveVar(sc, "args")}
	sc.setLocal("_", dollarUnder)
	sc.setLocal("PSItem", dollarUnder)
	sc.setLocal("args", append([]any{}, args...))
	// A param() block binds the arguments by position, in this scope.
	for i, p := range sb.parameters() {
		var v any
		if i < len(args) {
			v = args[i]
		} else if p.Default != nil {
			dv, err := f.child(sc, sb.src).eval(p.Default)
			if err != nil {
				return err
			}
			v = nullIfAutomation(dv)
		}
		sc.setLocal(p.Name, v)
	}
	defer func() {
		for _, sv := range saved {
			sv.restore(sc)
		}
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

// savedVar is a variable of a scope as it was before code set it for a
// while ($_ for a script block run in the caller's scope).
type savedVar struct {
	key string
	v   *Variable
	val any
}

// saveVar remembers a variable of sc (or that it does not exist).
func saveVar(sc *Scope, name string) savedVar {
	key := lowerKey(name)
	sv := savedVar{key: key, v: sc.vars[key]}
	if sv.v != nil {
		sv.val = sv.v.Value
	}
	return sv
}

// restore puts the variable back as it was.
func (sv savedVar) restore(sc *Scope) {
	if sv.v == nil {
		if _, ok := sc.vars[sv.key]; ok {
			delete(sc.vars, sv.key)
			sc.gen++
		}
		return
	}
	sv.v.Value = sv.val
	if sc.vars[sv.key] != sv.v {
		sc.vars[sv.key] = sv.v
		sc.gen++
	}
}

// InvokeScriptBlock calls a script block with arguments in a new scope and
// returns its output ($sb.Invoke(...) and & $sb in expressions).
func (f *frame) invokeScriptBlock(sb *ScriptBlock, args []any) ([]any, error) {
	return f.invokeScriptBlockWith(sb, args, nil, false)
}

// invokeScriptBlockWith is invokeScriptBlock with $_ set in the new scope
// when hasUnder is set (a script block used as a .NET delegate, such as a
// regex MatchEvaluator).
func (f *frame) invokeScriptBlockWith(sb *ScriptBlock, args []any, under any, hasUnder bool) ([]any, error) {
	var out []any
	argv := make([]argument, len(args))
	for i, a := range args {
		argv[i] = argument{hasValue: true, value: a}
	}
	st, err := f.newScriptStage(nil, sb, "", false, argv, true, false, redirect{out: func(v any) error { out = append(out, v); return nil }}, "")
	if err != nil {
		return nil, err
	}
	if hasUnder {
		sc := st.(*scriptStage).inner.scope
		sc.setLocal("_", under)
		sc.setLocal("PSItem", under)
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
