package eval

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/keyhost/keyhost/ps/ast"
	"github.com/keyhost/keyhost/ps/value"
)

// Call is one invocation of a command written in Go, as its Processor sees
// it: the bound parameters, the current pipeline object, and the runtime
// services (writing output and errors, ShouldProcess, the host).
type Call struct {
	f    *frame
	info *CommandInfo
	cmd  ast.Node
	b    *binding
	out  emitter
	rd   redirect
	// input is the current pipeline object.
	input    any
	hasInput bool
	// yesToAll / noToAll remember "A" and "L" answers for this invocation.
	yesToAll, noToAll bool
	// errs collects the errors written, for -ErrorVariable.
	errs []any
	// outs collects the objects written, for -OutVariable.
	outs []any
	// wroteError records that the command wrote an error: $? is false
	// after its pipeline.
	wroteError bool
}

// Name returns the command's name.
func (c *Call) Name() string { return c.info.Name }

// Info returns the command's metadata.
func (c *Call) Info() *CommandInfo { return c.info }

// ParameterSetName returns the parameter set the arguments resolved to.
func (c *Call) ParameterSetName() string { return c.b.set }

// Has reports whether a parameter was bound (on the command line or from
// the current pipeline object).
func (c *Call) Has(name string) bool {
	_, ok := c.b.lookup(name)
	return ok
}

// Value returns a bound parameter's value, or nil.
func (c *Call) Value(name string) any {
	v, _ := c.b.lookup(name)
	return v
}

// String returns a bound parameter as a string ("" when unbound).
func (c *Call) String(name string) string {
	v, ok := c.b.lookup(name)
	if !ok || v == nil {
		return ""
	}
	return value.ToString(v)
}

// Strings returns a bound parameter as a list of strings.
func (c *Call) Strings(name string) []string {
	v, ok := c.b.lookup(name)
	if !ok || value.IsNull(v) {
		return nil
	}
	items := value.Enumerate(v)
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = value.ToString(it)
	}
	return out
}

// Switch returns a switch parameter's value (false when not given).
func (c *Call) Switch(name string) bool {
	v, ok := c.b.lookup(name)
	return ok && value.ToBool(v)
}

// Bound returns the names of the bound parameters in the order they were
// bound ($PSBoundParameters.Keys).
func (c *Call) Bound() []string { return append([]string(nil), c.b.order...) }

// Input returns the current pipeline object, if there is one.
func (c *Call) Input() (any, bool) { return c.input, c.hasInput }

// Context returns the run's context.
func (c *Call) Context() context.Context { return c.f.r.ctx }

// Now returns the host's clock.
func (c *Call) Now() time.Time { return c.f.r.host.Now() }

// Variable reads a variable as seen from where the command runs.
func (c *Call) Variable(name string) (any, bool) {
	x := c.f.scope.lookup(name)
	if x == nil {
		return nil, false
	}
	return x.get(), true
}

// SetGlobalVariable sets a global variable (Connect-VIServer sets
// $global:DefaultVIServer).
func (c *Call) SetGlobalVariable(name string, v any) { _ = c.f.scope.global().set(name, v) }

// WriteObject writes one object to the command's output.
func (c *Call) WriteObject(v any) error {
	if c.Has("OutVariable") {
		c.outs = append(c.outs, v)
	}
	return c.out(v)
}

// WriteObjects writes every element of a collection (a scalar is one).
func (c *Call) WriteObjects(v any) error {
	for _, item := range value.Enumerate(v) {
		if err := c.WriteObject(item); err != nil {
			return err
		}
	}
	return nil
}

// NewError builds an error record for this command: the id gets the
// command's class appended, as PowerShell's FullyQualifiedErrorId does,
// and the position is the command's.
func (c *Call) NewError(ex *Exception, id string, cat ErrorCategory, target any) *ErrorRecord {
	fqid := id
	if c.info.ImplementingType != "" {
		fqid = id + "," + c.info.ImplementingType
	}
	rec := NewErrorRecord(ex, fqid, cat, target)
	rec.Activity = c.info.Name
	if target != nil {
		rec.TargetName = value.ToString(target)
	}
	rec.Invocation = c.f.invocation(c.cmd, c.info.Name)
	rec.ScriptStackTrace = c.f.r.stackTrace()
	return rec
}

// WriteError writes a non-terminating error. What happens depends on
// -ErrorAction or $ErrorActionPreference: shown and recorded (Continue),
// recorded only (SilentlyContinue), dropped (Ignore), or turned into a
// script-terminating error (Stop; Inquire counts as Stop since keyhost has
// no interactive error prompt). The cmdlet must return a non-nil result.
func (c *Call) WriteError(rec *ErrorRecord) error {
	c.f.r.setSuccess(false)
	c.wroteError = true
	act := toAction(c.f.preference("erroractionpreference"))
	if c.Has("ErrorAction") {
		act = toAction(c.Value("ErrorAction"))
	}
	if act != actIgnore {
		c.errs = append(c.errs, rec)
	}
	switch act {
	case actStop, actInquire, actSuspend, actBreak:
		return stopError(rec)
	case actIgnore:
		return nil
	case actSilentlyContinue:
		c.f.r.recordError(rec)
		return nil
	}
	rd := c.f.r.effectiveRedirect(c.rd)
	switch rd.errors {
	case errorsDiscarded:
		c.f.r.recordError(rec)
		return nil
	case errorsToOutput:
		c.f.r.recordError(rec)
		if rd.out != nil {
			return rd.out(rec)
		}
		return c.out(rec)
	}
	c.f.r.reportError(rec)
	return nil
}

// ThrowTerminatingError returns a statement-terminating error for the
// cmdlet to return: the statement stops, the script goes on unless a
// try/catch or $ErrorActionPreference = 'Stop' says otherwise.
func (c *Call) ThrowTerminatingError(rec *ErrorRecord) error {
	return newRuntimeError(rec, true)
}

// WriteWarning writes a warning ("WARNING: ..."), honouring
// -WarningAction and $WarningPreference.
func (c *Call) WriteWarning(msg string) error {
	act := toAction(c.f.preference("warningpreference"))
	if c.Has("WarningAction") {
		act = toAction(c.Value("WarningAction"))
	}
	switch act {
	case actSilentlyContinue, actIgnore:
		return nil
	case actStop:
		return stopError(c.NewError(newExceptionOf("System.Management.Automation.ActionPreferenceStopException", "The running command stopped because the preference variable \"WarningPreference\" or common parameter is set to Stop: "+msg), "ActionPreferenceStop", OperationStopped, nil))
	}
	c.f.r.out.Sync()
	c.f.r.ui.write("WARNING: "+msg+"\n", warningColor, NoColor)
	return nil
}

// WriteVerbose writes a verbose message when -Verbose or
// $VerbosePreference asks for it.
func (c *Call) WriteVerbose(msg string) {
	act := toAction(c.f.preference("verbosepreference"))
	if c.Has("Verbose") {
		if c.Switch("Verbose") {
			act = actContinue
		} else {
			act = actSilentlyContinue
		}
	}
	if act == actContinue {
		c.f.r.out.Sync()
		c.f.r.ui.write("VERBOSE: "+msg+"\n", warningColor, NoColor)
	}
}

// warningColor is the colour of warnings and verbose messages (Yellow).
const warningColor = ConsoleColor(14)

// WriteHost writes text to the host, as Write-Host does.
func (c *Call) WriteHost(text string, fg, bg ConsoleColor, newline bool) {
	c.f.r.out.Sync()
	if newline {
		text += "\n"
	}
	c.f.r.ui.write(text, fg, bg)
}

// HostWriter returns a writer to the host's standard output, for
// commands that print text themselves (Out-Host).
func (c *Call) HostWriter() io.Writer {
	c.f.r.out.Sync()
	return c.f.r.host.Stdout
}

// ShouldProcess asks whether to go ahead with an action on a target, the
// way $PSCmdlet.ShouldProcess(target, action) does: -WhatIf reports and
// declines; -Confirm or an impact at or above $ConfirmPreference prompts
// on the host; -Confirm:$false goes ahead without asking. With no input to
// read the prompt fails as pwsh -NonInteractive does.
func (c *Call) ShouldProcess(target, action string) (bool, error) {
	msg := fmt.Sprintf("Performing the operation \"%s\" on target \"%s\".", action, target)
	return c.shouldProcess(msg, "Are you sure you want to perform this action?\n"+msg, "Confirm")
}

// ShouldProcessCaption is the three-argument form of ShouldProcess
// (verboseDescription, verboseWarning, caption) that lets a command word
// its own prompt: -WhatIf prints the description, the prompt shows the
// caption and the warning.
func (c *Call) ShouldProcessCaption(description, warning, caption string) (bool, error) {
	return c.shouldProcess(description, warning, caption)
}

func (c *Call) shouldProcess(description, query, caption string) (bool, error) {
	if c.whatIf() {
		c.f.r.out.Sync()
		c.f.r.ui.write("What if: "+description+"\n", NoColor, NoColor)
		return false, nil
	}
	c.WriteVerbose(description)
	if !c.mustConfirm() {
		return true, nil
	}
	return c.prompt(caption, query)
}

func (c *Call) whatIf() bool {
	if !c.info.SupportsShouldProcess {
		return false
	}
	if c.Has("WhatIf") {
		return c.Switch("WhatIf")
	}
	return value.ToBool(c.f.preference("whatifpreference"))
}

func (c *Call) mustConfirm() bool {
	if !c.info.SupportsShouldProcess {
		return false
	}
	if c.Has("Confirm") {
		return c.Switch("Confirm")
	}
	pref := confirmImpactOf(c.f.preference("confirmpreference"))
	return pref != ImpactNone && c.info.ConfirmImpact >= pref
}

// nonInteractiveMessage is what pwsh -NonInteractive says when a command
// needs to prompt.
const nonInteractiveMessage = "PowerShell is in NonInteractive mode. Read and Prompt functionality is not available."

// prompt shows PowerShell's confirmation prompt (caption, query, choices)
// and reads the answer.
func (c *Call) prompt(caption, query string) (bool, error) {
	if c.yesToAll {
		return true, nil
	}
	if c.noToAll {
		return false, nil
	}
	r := c.f.r
	r.out.Sync()
	if r.ui.in == nil {
		return false, c.nonInteractive()
	}
	r.ui.write("\n"+caption+"\n"+query+"\n", NoColor, NoColor)
	for {
		r.ui.write(`[Y] Yes  [A] Yes to All  [N] No  [L] No to All  [S] Suspend  [?] Help (default is "Y"): `, NoColor, NoColor)
		answer, err := r.ui.readLine()
		if err != nil {
			r.ui.write("\n", NoColor, NoColor)
			return false, c.nonInteractive()
		}
		if r.host.EchoAnswers {
			r.ui.write(answer+"\n", NoColor, NoColor)
		}
		switch strings.ToLower(strings.TrimSpace(answer)) {
		case "", "y":
			return true, nil
		case "a":
			c.yesToAll = true
			return true, nil
		case "n":
			return false, nil
		case "l":
			c.noToAll = true
			return false, nil
		default:
			// "?", "S" (keyhost has no nested prompt to suspend to) and
			// anything else: explain the choices and ask again.
			r.ui.write("Y - Continue with only the next step of the operation.\n"+
				"A - Continue with all the steps of the operation.\n"+
				"N - Skip this operation and proceed with the next operation.\n"+
				"L - Skip this operation and all subsequent operations.\n"+
				"S - Pause the current pipeline and return to the command prompt. Type \"exit\" to resume the pipeline.\n", NoColor, NoColor)
		}
	}
}

// nonInteractive is the error a prompt raises when there is no input. The
// exception type is pwsh's HostException; the id is keyhost's best reading.
func (c *Call) nonInteractive() error {
	rec := c.NewError(&Exception{Types: hostExceptionTypes, Message: nonInteractiveMessage}, "HostException", ResourceUnavailable, nil)
	return c.ThrowTerminatingError(rec)
}

// InvokeScript runs a script block in the scope the command was called
// from (as ForEach-Object and Where-Object do), with $_ set to dollarUnder,
// and returns what it wrote.
func (c *Call) InvokeScript(sb *ScriptBlock, dollarUnder any, args ...any) ([]any, error) {
	var out []any
	err := c.f.invokeBlockInScope(sb, dollarUnder, args, func(v any) error { out = append(out, v); return nil })
	return out, err
}

// InvokeScriptTo is InvokeScript streaming its output to this command's
// output.
func (c *Call) InvokeScriptTo(sb *ScriptBlock, dollarUnder any, args ...any) error {
	return c.f.invokeBlockInScope(sb, dollarUnder, args, c.WriteObject)
}

// cmdletStage runs a Go command in a pipeline.
type cmdletStage struct {
	call *Call
	proc Processor
}

// newCmdletStage binds a Go command's arguments and prepares its
// processor.
func (f *frame) newCmdletStage(cmd *ast.Command, ci *CommandInfo, args []argument, first bool, rd redirect) (stage, error) {
	b, err := f.bindArguments(ci, cmd, args, !first)
	if err != nil {
		return nil, err
	}
	call := &Call{f: f, info: ci, cmd: cmd, b: b, out: rd.out, rd: rd}
	return &cmdletStage{call: call, proc: ci.New()}, nil
}

func (s *cmdletStage) begin() error { return s.call.proc(s.proc.Begin) }

func (s *cmdletStage) process(input any, hasInput bool) error {
	c := s.call
	if hasInput {
		bound, err := c.f.bindPipelineInput(c.b, input, c.cmd)
		if err != nil {
			return c.WriteError(err.(*RuntimeError).Record)
		}
		if !bound && c.b.takesPipelineInput() {
			rec := c.NewError(&Exception{Types: bindingExceptionTypes, Message: "The input object cannot be bound to any parameters for the command either because the command does not take pipeline input or the input and its properties do not match any of the parameters that take pipeline input."}, "InputObjectNotBound", InvalidArgument, input)
			return c.WriteError(rec)
		}
		if missing := c.b.missingMandatory(c.b.set, false); len(missing) > 0 {
			rec := c.NewError(&Exception{Types: bindingExceptionTypes, Message: fmt.Sprintf("Cannot process command because of one or more missing mandatory parameters: %s.", strings.Join(missing, " "))}, "MissingMandatoryParameter", InvalidArgument, input)
			return c.WriteError(rec)
		}
	}
	c.input, c.hasInput = input, hasInput
	return c.proc(s.proc.Process)
}

func (s *cmdletStage) end() error {
	err := s.call.proc(s.proc.End)
	s.call.setResultVariables()
	return err
}

// proc runs one processor step, converting a plain Go error into a
// statement-terminating error record (a cmdlet that fails unexpectedly
// must not crash the script).
func (c *Call) proc(step func(*Call) error) error {
	err := step(c)
	if err == nil {
		return nil
	}
	switch err.(type) {
	case *RuntimeError, *ExitError, *breakSignal, *continueSignal, returnSignal, *stopUpstream:
		return err
	}
	if c.f.r.ctx.Err() != nil {
		return err
	}
	return c.ThrowTerminatingError(c.NewError(RuntimeException(err.Error()), "RuntimeException", NotSpecified, nil))
}

// setResultVariables assigns -ErrorVariable and -OutVariable.
func (c *Call) setResultVariables() {
	if name := c.String("ErrorVariable"); c.Has("ErrorVariable") && name != "" {
		c.f.assignResultVariable(name, c.errs)
	}
	if name := c.String("OutVariable"); c.Has("OutVariable") && name != "" {
		c.f.assignResultVariable(name, c.outs)
	}
}
