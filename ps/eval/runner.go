// Package eval is keyhost's PowerShell evaluator: it walks the syntax tree
// from ps/parser, keeps PowerShell's scopes, binds parameters, streams
// pipelines and implements the error model (non-terminating, statement-
// and script-terminating errors, -ErrorAction, try/catch, trap).
//
// The runner knows no command by name. Commands written in Go (PowerShell's
// own utility cmdlets in ps/builtin, PowerCLI's in cmdlets/) register in a
// CommandTable; scripts define functions. All I/O goes through a Host.
package eval

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/keyhost/keyhost/ps/ast"
	"github.com/keyhost/keyhost/ps/format"
	"github.com/keyhost/keyhost/ps/parser"
	"github.com/keyhost/keyhost/ps/value"
)

// Runner runs PowerShell scripts. A Runner is one session (one runspace):
// global variables, functions and $Error persist across Run calls. It is
// not safe for concurrent use.
type Runner struct {
	host   *Host
	ui     *hostUI
	table  *CommandTable
	global *Scope
	// errs is $Error, newest first.
	errs *errorList
	// hadErrors records that an error reached the error stream.
	hadErrors bool
	// tryDepth counts the try blocks being executed: inside one, a
	// statement-terminating error travels to the catch instead of being
	// reported where it happened.
	tryDepth int
	out      *format.Writer
	formats  *format.Registry
	ctx      context.Context
	// callDepth guards against runaway recursion.
	callDepth int
	// success is $?: whether the last command succeeded.
	success bool
	// location is the current location ($PWD) that relative paths are
	// resolved against.
	location string
	// modules are the loaded modules, in load order.
	modules []*Module
	// windowTitle is $Host.UI.RawUI.WindowTitle.
	windowTitle string
	// errorSinks collect errors for the -ErrorVariable of advanced
	// functions running now.
	errorSinks []*errorSink
	// stack is the call stack, outermost first.
	stack []*callSite
	// redirects are the error redirections of the commands running.
	redirects []redirect
	// env is the environment, with the script's changes.
	env *environment
	// startDir is the process's working directory (the run's starting
	// location), which .NET methods resolve relative paths against.
	startDir string
	// transcripts are the running transcripts (Start-Transcript), oldest
	// first; the host's streams copy their text to each.
	transcripts []io.Writer
}

// maxCallDepth mirrors PowerShell's call depth limit; deeper recursion
// fails with a ScriptCallDepthException instead of crashing the process.
const maxCallDepth = 1000

// Option configures a Runner.
type Option func(*Runner)

// WithHost sets the host; fields left nil get harmless defaults.
func WithHost(h *Host) Option { return func(r *Runner) { r.host = h.withDefaults() } }

// WithCommands sets the command table.
func WithCommands(t *CommandTable) Option { return func(r *Runner) { r.table = t } }

// WithFormats sets the display formats (format views) used for output.
func WithFormats(f *format.Registry) Option { return func(r *Runner) { r.formats = f } }

// New returns a runner. Without options it has no commands and a host that
// discards output.
func New(opts ...Option) *Runner {
	r := &Runner{host: (&Host{}).withDefaults(), table: NewCommandTable(), ctx: context.Background()}
	for _, o := range opts {
		o(r)
	}
	if r.formats == nil {
		r.formats = format.NewRegistry()
	}
	registerLanguageViews(r.formats)
	r.host.Stdout = &transcribingWriter{w: r.host.Stdout, r: r}
	r.host.Stderr = &transcribingWriter{w: r.host.Stderr, r: r}
	r.ui = newHostUI(r.host)
	r.env = newEnvironment(r.host)
	r.location = "/"
	if wd, err := r.host.Getwd(); err == nil {
		r.location = wd
	}
	r.startDir = r.location
	r.out = format.NewWriter(r.host.Stdout, r.formats)
	r.global = newScope(nil, true)
	r.errs = &errorList{}
	r.success = true
	r.initGlobals()
	return r
}

// Commands returns the runner's command table.
func (r *Runner) Commands() *CommandTable { return r.table }

// Formats returns the runner's format registry.
func (r *Runner) Formats() *format.Registry { return r.formats }

// SetVariable sets a variable in the global scope.
func (r *Runner) SetVariable(name string, v any) {
	_ = r.global.set(name, v)
}

// Variable reads a variable from the global scope.
func (r *Runner) Variable(name string) (any, bool) {
	v := r.global.lookup(name)
	if v == nil {
		return nil, false
	}
	return v.Value, true
}

// Errors returns $Error, newest first.
func (r *Runner) Errors() []*ErrorRecord {
	out := make([]*ErrorRecord, 0, len(r.errs.items))
	for _, e := range r.errs.items {
		if rec, ok := e.(*ErrorRecord); ok {
			out = append(out, rec)
		}
	}
	return out
}

// HadErrors reports whether any error was written to the error stream
// since the runner was created.
func (r *Runner) HadErrors() bool { return r.hadErrors }

// Result is how a run ended.
type Result struct {
	// ExitCode is what the process should exit with: the argument of
	// `exit`, 1 after an uncaught terminating error or a parse error, 1
	// when any error was written to the error stream (keyhost's rule, so
	// that CI notices failures that pwsh -File would exit 0 for), else 0.
	ExitCode int
	// Terminated is set when the script was ended by an uncaught
	// terminating error.
	Terminated bool
}

// RunFile runs a script file the way `pwsh -File path args` does: a new
// script scope with $PSScriptRoot, $PSCommandPath and $args, and the
// arguments bound to the script's param() block ("-Name value" binds by
// name, other arguments by position).
func (r *Runner) RunFile(ctx context.Context, path string, args []string) (res Result) {
	r.ctx = ctx
	defer r.recoverInternal(&res)
	abs := r.absPath(path)
	src, err := r.host.FS.ReadFile(abs)
	if err != nil {
		// pwsh's own wording when -File names no script; its exit code is 64.
		fmt.Fprintf(r.host.Stderr, "The argument '%s' is not recognized as the name of a script file. Check the spelling of the name, or if a path was included, verify that the path is correct and try again.\n", path)
		return Result{ExitCode: 64, Terminated: true}
	}
	file, perr := parser.ParseFile(abs, string(src))
	if perr != nil {
		r.reportParseErrors(perr, abs, string(src))
		return Result{ExitCode: 1, Terminated: true}
	}
	caller := r.newFrame(r.global, file)
	if err := caller.applyUsing(file); err != nil {
		if list, ok := err.(parser.ErrorList); ok {
			r.reportParseErrors(list, abs, string(src))
			return Result{ExitCode: 1, Terminated: true}
		}
		return r.finish(err)
	}
	if err := caller.checkRequires(abs, path, file.Source); err != nil {
		return r.finish(err)
	}
	sb := &ScriptBlock{Body: file.Body, src: newSource(file), Text: file.Source}
	st, err := caller.newScriptStage(nil, sb, abs, false, cliArguments(args), true, false, redirect{out: r.outputEmitter()}, abs)
	if err != nil {
		return r.finish(err)
	}
	return r.finish(runStage(st))
}

// runStage runs a stage alone, with no pipeline input.
func runStage(st stage) error {
	if err := st.begin(); err != nil {
		return err
	}
	if err := st.process(nil, false); err != nil {
		return err
	}
	return st.end()
}

// cliArguments turns command-line words into arguments the way pwsh -File
// does: "-Name" is a parameter, "-Name:value" a parameter with its value,
// anything else a positional string.
func cliArguments(words []string) []argument {
	out := make([]argument, 0, len(words))
	for _, w := range words {
		if len(w) > 1 && w[0] == '-' && isParamStart(w[1]) {
			name, val, colon := strings.Cut(w[1:], ":")
			a := argument{name: name}
			if colon {
				a.value, a.hasValue, a.colon = val, true, true
			}
			out = append(out, a)
			continue
		}
		out = append(out, argument{hasValue: true, value: w})
	}
	return out
}

func isParamStart(c byte) bool {
	return c == '_' || c == '?' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}

// RunCommand runs a command string the way `pwsh -Command` does, in the
// global scope.
func (r *Runner) RunCommand(ctx context.Context, name, src string) (res Result) {
	r.ctx = ctx
	defer r.recoverInternal(&res)
	file, perr := parser.ParseFile(name, src)
	if perr != nil {
		r.reportParseErrors(perr, "", src)
		return Result{ExitCode: 1, Terminated: true}
	}
	f := r.newFrame(r.global, file)
	f.src.scriptName = "" // a command string has no script name in errors
	f.site = r.pushSite("", f.src)
	defer r.popSite(f.site)
	if err := f.applyUsing(file); err != nil {
		if list, ok := err.(parser.ErrorList); ok {
			r.reportParseErrors(list, "", src)
			return Result{ExitCode: 1, Terminated: true}
		}
		return r.finish(err)
	}
	return r.finish(f.runScriptBody(file.Body, r.outputEmitter()))
}

// internalErrorPrefix starts the report of a bug in keyhost itself.
const internalErrorPrefix = "keyhost internal error: "

// recoverInternal turns a panic inside the evaluator (a bug) into a
// failed run with a report on stderr, so that no panic crosses the
// package boundary.
func (r *Runner) recoverInternal(res *Result) {
	if p := recover(); p != nil {
		r.out.Flush()
		fmt.Fprintf(r.host.Stderr, "%s%v\n", internalErrorPrefix, p)
		*res = Result{ExitCode: 1, Terminated: true}
	}
}

// outputEmitter sends top-level output to Out-Default.
func (r *Runner) outputEmitter() emitter {
	return func(v any) error {
		return r.out.Write(v)
	}
}

// finish flushes output and turns the way the script ended into a Result.
func (r *Runner) finish(err error) Result {
	r.out.Flush()
	var exit *ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit):
		return Result{ExitCode: exit.Code}
	case errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled):
		r.reportError(NewErrorRecord(newExceptionOf("System.Management.Automation.PipelineStoppedException", "The pipeline has been stopped."), "PipelineStopped", OperationStopped, nil))
		return Result{ExitCode: 1, Terminated: true}
	default:
		var rt *RuntimeError
		if errors.As(err, &rt) {
			r.reportError(rt.Record)
		} else if isFlowSignal(err) {
			// break/continue/return outside a loop or function end the
			// script quietly, as in PowerShell.
			return r.exitCodeFromErrors()
		} else {
			r.reportError(NewErrorRecord(RuntimeException(err.Error()), "RuntimeException", NotSpecified, nil))
		}
		return Result{ExitCode: 1, Terminated: true}
	}
	return r.exitCodeFromErrors()
}

// setSuccess sets $?.
func (r *Runner) setSuccess(ok bool) { r.success = ok }

// lastSuccess reads $?.
func (r *Runner) lastSuccess() bool { return r.success }

func (r *Runner) exitCodeFromErrors() Result {
	if r.hadErrors {
		return Result{ExitCode: 1}
	}
	return Result{}
}

func isFlowSignal(err error) bool {
	switch err.(type) {
	case *breakSignal, *continueSignal, returnSignal:
		return true
	}
	return false
}

// absPath resolves a path against the current location.
func (r *Runner) absPath(p string) string { return cleanJoin(r.location, p) }

// setLocation changes the current location and $PWD.
func (r *Runner) setLocation(p string) error {
	abs := r.absPath(p)
	fi, err := r.host.FS.Stat(abs)
	if err != nil {
		return fmt.Errorf("Cannot find path '%s' because it does not exist.", abs)
	}
	if !fi.IsDir() {
		return fmt.Errorf("Cannot find path '%s' because it does not exist.", abs)
	}
	r.location = abs
	r.global.setVar(&Variable{Name: "PWD", Value: NewPathInfo(abs)})
	return nil
}

// reportParseErrors prints parse errors with the error view, as pwsh does
// when a script file does not parse, and records them in $Error.
func (r *Runner) reportParseErrors(err error, path, src string) {
	var list parser.ErrorList
	if !errors.As(err, &list) {
		r.reportError(NewErrorRecord(parseException(err.Error()), "ParseException", ParserError, nil))
		return
	}
	lines := strings.Split(src, "\n")
	for _, pe := range list {
		rec := NewErrorRecord(parseException(pe.Msg), pe.ID, ParserError, nil)
		line := ""
		if pe.Pos.Line >= 1 && pe.Pos.Line <= len(lines) {
			line = strings.TrimRight(lines[pe.Pos.Line-1], "\r")
		}
		end := pe.Pos
		if pe.End.IsValid() && pe.End.Line == pe.Pos.Line && pe.End.Offset > pe.Pos.Offset {
			end = pe.End
		}
		rec.Invocation = &InvocationInfo{ScriptName: path, Line: line, Pos: pe.Pos, EndPos: end}
		r.reportError(rec)
	}
}

func parseException(msg string) *Exception {
	return &Exception{Types: parseExceptionTypes, Message: msg}
}

// reportError records an error in $Error and prints it on the error stream.
func (r *Runner) reportError(rec *ErrorRecord) {
	r.recordError(rec)
	r.displayError(rec)
}

// displayError prints an error on the error stream.
func (r *Runner) displayError(rec *ErrorRecord) {
	r.hadErrors = true
	r.out.Sync() // an error shows between table rows; the table goes on
	fmt.Fprint(r.host.Stderr, renderErrorView(rec, r.host.ErrorColor))
}

// recordError adds an error to $Error (newest first) without printing it.
// A record already at the head is not added twice: a terminating error is
// seen by every statement level it passes through.
func (r *Runner) recordError(rec *ErrorRecord) {
	if len(r.errs.items) > 0 && r.errs.items[0] == any(rec) {
		return
	}
	for _, s := range r.errorSinks {
		s.items = append(s.items, rec)
	}
	r.errs.items = append([]any{rec}, r.errs.items...)
	if len(r.errs.items) > 256 { // $MaximumErrorCount
		r.errs.items = r.errs.items[:256]
	}
}

// initGlobals creates the automatic and preference variables.
func (r *Runner) initGlobals() {
	g := r.global
	ro := func(name string, v any) { g.setVar(&Variable{Name: name, Value: v, ReadOnly: true}) }
	ro("true", true)
	ro("false", false)
	ro("null", nil)
	ro("Error", r.errs)
	ro("PSEdition", "Core")
	ro("IsLinux", true)
	ro("IsWindows", false)
	ro("IsMacOS", false)
	ro("IsCoreCLR", true)
	ps := value.NewHashtable()
	ps.Ordered = true
	ver, _ := parseVersion(psVersion)
	ps.Set("PSVersion", ver)
	ps.Set("PSEdition", "Core")
	ps.Set("GitCommitId", psVersion)
	ps.Set("OS", "Linux")
	ps.Set("Platform", "Unix")
	compat := []any{}
	for _, v := range []string{"1.0", "2.0", "3.0", "4.0", "5.0", "5.1", "6.0", "7.0"} {
		cv, _ := parseVersion(v)
		compat = append(compat, cv)
	}
	ps.Set("PSCompatibleVersions", compat)
	remoting, _ := parseVersion("2.3")
	ps.Set("PSRemotingProtocolVersion", remoting)
	ser, _ := parseVersion("1.1.0.1")
	ps.Set("SerializationVersion", ser)
	wsman, _ := parseVersion("3.0")
	ps.Set("WSManStackVersion", wsman)
	ro("PSVersionTable", ps)
	ro("Host", &hostObject{r: r})
	ro("PSCulture", "en-US")
	ro("PSUICulture", "en-US")
	ro("ShellId", "Microsoft.PowerShell")
	ro("PSHOME", "/opt/microsoft/powershell/7")
	ro("PID", int32(4242))
	ro("ExecutionContext", &executionContext{r: r})
	g.setVar(&Variable{Name: "MaximumErrorCount", Value: int32(256)})
	g.setVar(&Variable{Name: "ErrorView", Value: "ConciseView"})
	g.setVar(&Variable{Name: "PSDefaultParameterValues", Value: value.NewHashtable()})
	g.setVar(&Variable{Name: "PSNativeCommandUseErrorActionPreference", Value: false})
	g.setVar(&Variable{Name: "PSModuleAutoLoadingPreference", Value: "All"})
	g.setVar(&Variable{Name: "NestedPromptLevel", Value: int32(0)})
	g.setVar(&Variable{Name: "PSEmailServer", Value: nil})
	g.setVar(&Variable{Name: "MaximumHistoryCount", Value: int32(4096)})
	pref := func(name string, t *value.EnumType, def string) {
		g.setVar(&Variable{Name: name, Value: t.Member(def), Convert: func(v any) (any, error) { return t.Convert(v) }})
	}
	pref("ErrorActionPreference", ActionPreferenceType, "Continue")
	pref("WarningPreference", ActionPreferenceType, "Continue")
	pref("VerbosePreference", ActionPreferenceType, "SilentlyContinue")
	pref("DebugPreference", ActionPreferenceType, "SilentlyContinue")
	pref("InformationPreference", ActionPreferenceType, "SilentlyContinue")
	pref("ProgressPreference", ActionPreferenceType, "Continue")
	pref("ConfirmPreference", ConfirmImpactType, "High")
	g.setVar(&Variable{Name: "WhatIfPreference", Value: false})
	g.setVar(&Variable{Name: "OFS", Value: " "})
	g.setVar(&Variable{Name: "FormatEnumerationLimit", Value: int32(4)})
	if home, ok := r.env.get("HOME"); ok {
		g.setVar(&Variable{Name: "HOME", Value: home})
	}
	g.setVar(&Variable{Name: "PWD", Value: NewPathInfo(r.location)})
}

// newFrame returns an execution frame for code from file running in scope.
func (r *Runner) newFrame(scope *Scope, file *ast.File) *frame {
	return &frame{r: r, scope: scope, src: newSource(file)}
}

// errorList is $Error: an ArrayList of error records, newest first.
type errorList struct{ items []any }

// Items implements value.Enumerable.
func (e *errorList) Items() []any { return e.items }

// TypeNames implements value.Object.
func (e *errorList) TypeNames() []string {
	return []string{"System.Collections.ArrayList", "System.Object"}
}

// Property implements value.Object.
func (e *errorList) Property(name string) (any, bool) {
	if strings.EqualFold(name, "Count") {
		return int32(len(e.items)), true
	}
	return nil, false
}

// PropertyNames implements value.Object.
func (e *errorList) PropertyNames() []string { return []string{"Count"} }

// CallMethod implements value.MethodCaller ($Error.Clear()).
func (e *errorList) CallMethod(name string, args []any) (any, bool, error) {
	if strings.EqualFold(name, "Clear") {
		e.items = nil
		return value.AutomationNull, true, nil
	}
	return nil, false, nil
}
