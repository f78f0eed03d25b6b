package eval

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/keyhost/keyhost/ps/ast"
	"github.com/keyhost/keyhost/ps/parser"
	"github.com/keyhost/keyhost/ps/value"
)

// This file is the entry point for hosts that drive a runner from Go one
// call at a time (keyhost's JSON-RPC server): invoke one command by name
// with named parameters and pipeline input, or run a script text, and get
// back what each stream received, as PowerShell's hosting API
// (System.Management.Automation.PowerShell.Invoke) reports it, instead of
// the formatted console text RunFile and RunCommand produce.

// InvokeResult is what one InvokeCommand or InvokeScript call produced,
// stream by stream.
type InvokeResult struct {
	// Output is the success stream: the objects written, unformatted.
	Output []any
	// Errors are the records written to the error stream (non-terminating
	// errors, and statement-terminating errors a script went on after), in
	// order. Errors silenced by -ErrorAction SilentlyContinue or Ignore,
	// or handled by try/catch, are not here (they are in $Error).
	Errors []*ErrorRecord
	// Terminating is the error that ended the call (a cmdlet's
	// ThrowTerminatingError, -ErrorAction Stop, a binding error, an
	// uncaught throw, cancellation); nil when the call ran to its end.
	Terminating *ErrorRecord
	// Warnings are the messages of the warning stream, without "WARNING: ".
	Warnings []string
	// Host is the text written to the host: Write-Host, "What if:" lines,
	// verbose and debug messages, Out-Host and explicit Out-Default.
	Host string
	// ExitCode is the argument of `exit` when a script called it.
	ExitCode int
	// Exited reports that a script ended with `exit`.
	Exited bool
}

// InvokeCommand runs one command by name the way the pipeline
// `$input | name @parameters` does: the name is resolved as on a command
// line (alias, function, cmdlet), the parameters bind by name (a switch
// takes true or false, as -Switch:$false), and the input objects, when
// input is not nil, are piped in one by one and bound as pipeline input.
// A nil input runs the command once with no pipeline input; an empty,
// non-nil input pipes nothing in, as `@() | name` does.
//
// Common parameters work as on a command line: ErrorAction, WarningAction,
// WhatIf and Confirm among them. Confirmation prompts read the host's
// Stdin; a runner whose host has no Stdin fails them as pwsh
// -NonInteractive does, so a client that must not be asked passes
// Confirm = false.
//
// The command runs in a child of the global scope: it sees the session's
// global variables and functions, and leaves nothing behind but what the
// command itself changes. The returned error reports misuse only (an
// empty or unparsable name); everything that happens while the command
// runs is in the result. Like the rest of the runner, InvokeCommand is
// not safe for concurrent use.
func (r *Runner) InvokeCommand(ctx context.Context, name string, params map[string]any, input []any) (res InvokeResult, err error) {
	if strings.TrimSpace(name) == "" {
		return res, errors.New("invoke: empty command name")
	}
	file, perr := parser.ParseFile("", invocationText(name, input != nil))
	if perr != nil {
		return res, fmt.Errorf("invoke %q: %w", name, perr)
	}
	pipe, ok := firstPipeline(file)
	if !ok {
		return res, fmt.Errorf("invoke %q: not a command name", name)
	}
	cap := r.startCapture(ctx)
	defer func() { cap.finish(&res, recover()) }()

	scope := newScope(r.global, false)
	scope.setVar(&Variable{Name: invokeParamsVar, Value: paramTable(params)})
	if input != nil {
		scope.setVar(&Variable{Name: invokeInputVar, Value: append([]any{}, input...)})
	}
	f := r.newFrame(scope, file)
	f.site = r.pushSite("", f.src)
	defer r.popSite(f.site)
	cap.end(f.runPipeline(pipe, cap.output))
	return res, nil
}

// InvokeScript runs a script text in the global scope, as RunCommand does
// (functions and variables it defines stay in the session), with vars set
// as global variables first. Its output is collected rather than
// formatted; errors, warnings and host text are collected too (see
// InvokeResult). A parse error is the call's terminating error.
func (r *Runner) InvokeScript(ctx context.Context, name, src string, vars map[string]any) (res InvokeResult) {
	cap := r.startCapture(ctx)
	defer func() { cap.finish(&res, recover()) }()
	names := make([]string, 0, len(vars))
	for n := range vars {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if err := r.global.set(n, vars[n]); err != nil {
			cap.end(newRuntimeError(NewErrorRecord(RuntimeException(fmt.Sprintf("Cannot set variable %s: %v", n, err)), "VariableNotWritable", WriteError, n), false))
			return res
		}
	}
	file, perr := parser.ParseFile(name, src)
	if perr != nil {
		cap.parseFailed(perr, src)
		return res
	}
	f := r.newFrame(r.global, file)
	f.src.scriptName = "" // a command string has no script name in errors
	f.site = r.pushSite("", f.src)
	defer r.popSite(f.site)
	if err := f.applyUsing(file); err != nil {
		var list parser.ErrorList
		if errors.As(err, &list) {
			cap.parseFailed(list, src)
			return res
		}
		cap.end(err)
		return res
	}
	cap.end(f.runScriptBody(file.Body, cap.output))
	return res
}

// The variables InvokeCommand's pipeline reads its parameters and input
// from; they live in the call's own scope.
const (
	invokeParamsVar = "KeyhostParameters"
	invokeInputVar  = "KeyhostInput"
)

// invocationText is the command line InvokeCommand runs. It is also what
// error positions quote ("Get-VM @KeyhostParameters"), so a plain command
// name is written as itself and anything else is quoted after &.
func invocationText(name string, withInput bool) string {
	cmd := name
	if !isPlainCommandName(name) {
		cmd = "& '" + strings.ReplaceAll(name, "'", "''") + "'"
	}
	line := cmd + " @" + invokeParamsVar
	if withInput {
		line = "$" + invokeInputVar + " | " + line
	}
	return line
}

// isPlainCommandName reports whether name can be written bare as a
// command: letters, digits and - _ . \ only, starting with a letter.
func isPlainCommandName(name string) bool {
	for i, c := range name {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == '\\'):
		default:
			return false
		}
	}
	return name != ""
}

// firstPipeline returns the single pipeline statement of a parsed
// invocation line.
func firstPipeline(file *ast.File) (*ast.Pipeline, bool) {
	for _, blk := range namedBlocks(file.Body) {
		if len(blk.Statements) != 1 {
			return nil, false
		}
		p, ok := blk.Statements[0].(*ast.Pipeline)
		return p, ok
	}
	return nil, false
}

// paramTable turns named parameters into the hashtable that is splatted,
// in name order so that binding (and its errors) are deterministic.
func paramTable(params map[string]any) *value.Hashtable {
	h := value.NewHashtable()
	names := make([]string, 0, len(params))
	for n := range params {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		h.Set(n, params[n])
	}
	return h
}
