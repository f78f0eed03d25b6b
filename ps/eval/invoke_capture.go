package eval

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/keyhost/keyhost/ps/format"
	"github.com/keyhost/keyhost/ps/parser"
)

// capture redirects a runner's streams into an InvokeResult for the
// length of one InvokeCommand or InvokeScript call, and puts everything
// back afterwards, so the session can serve the next call.
//
// Errors are caught with the runner's own redirection mechanism: a
// redirection pushed for the whole call sends every record that would be
// shown on the host to the capture instead (a command's own 2>&1 or
// 2>$null still wins, as in PowerShell). Warnings and host text both
// reach the host's Stdout; they are told apart by the "WARNING: " prefix
// the runner writes a warning with, in one write (see hostCapture).
type capture struct {
	r   *Runner
	res InvokeResult
	txt *hostCapture

	// What the call replaced, restored by finish.
	stdout, stderr io.Writer
	color          bool
	out            *format.Writer
	redirects      int
	stack          int
	sinks          int
	tryDepth       int
	callDepth      int
}

// startCapture points the runner's streams at a new capture.
func (r *Runner) startCapture(ctx context.Context) *capture {
	c := &capture{
		r: r, txt: &hostCapture{},
		stdout: r.host.Stdout, stderr: r.host.Stderr, color: r.host.Color, out: r.out,
		redirects: len(r.redirects), stack: len(r.stack), sinks: len(r.errorSinks),
		tryDepth: r.tryDepth, callDepth: r.callDepth,
	}
	r.host.Stdout = c.txt
	r.host.Stderr = &c.txt.host
	r.host.Color = false // warnings must arrive as plain "WARNING: " text
	r.out = format.NewWriter(c.txt, r.formats)
	// The context stays the runner's after the call, as after RunCommand:
	// work a cmdlet started in the background (a -RunAsync task) reads
	// it, possibly later, from its own goroutine. It is written only when
	// it changes, so that calls with the same context never race with
	// such a read.
	if r.ctx != ctx {
		r.ctx = ctx
	}
	r.pushRedirect(redirect{out: c.error, errors: errorsToOutput})
	return c
}

// output is the emitter of the call's success stream.
func (c *capture) output(v any) error {
	c.res.Output = append(c.res.Output, v)
	return nil
}

// error receives the records the call writes to its error stream.
func (c *capture) error(v any) error {
	if rec, ok := v.(*ErrorRecord); ok {
		c.res.Errors = append(c.res.Errors, rec)
		return nil
	}
	return c.output(v)
}

// end records how the call ended: err is what its pipeline or script
// body returned.
func (c *capture) end(err error) {
	if err == nil {
		return
	}
	var exit *ExitError
	var rt *RuntimeError
	switch {
	case errors.As(err, &exit):
		c.res.ExitCode, c.res.Exited = exit.Code, true
	case errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded):
		c.terminate(NewErrorRecord(newExceptionOf("System.Management.Automation.PipelineStoppedException", "The pipeline has been stopped."), "PipelineStopped", OperationStopped, nil))
	case errors.As(err, &rt):
		c.terminate(rt.Record)
	case isFlowSignal(err):
		// break, continue or return outside a loop or function end the
		// script quietly, as in PowerShell.
	default:
		c.terminate(NewErrorRecord(RuntimeException(err.Error()), "RuntimeException", NotSpecified, nil))
	}
}

// terminate records the error that ended the call, in $Error too.
func (c *capture) terminate(rec *ErrorRecord) {
	c.r.recordError(rec)
	c.res.Terminating = rec
}

// parseFailed records a script's parse errors: the first ends the call,
// the others are reported beside it.
func (c *capture) parseFailed(err error, src string) {
	recs := parseErrorRecords(err, src)
	for i, rec := range recs {
		if i == 0 {
			c.terminate(rec)
			continue
		}
		c.r.recordError(rec)
		c.res.Errors = append(c.res.Errors, rec)
	}
}

// finish restores the runner and completes res. A panic in the evaluator
// (a bug) becomes the call's terminating error, so that it never crosses
// into the host and the session stays usable.
func (c *capture) finish(res *InvokeResult, panicked any) {
	r := c.r
	if panicked != nil {
		c.terminate(NewErrorRecord(RuntimeException(fmt.Sprintf("%s%v", internalErrorPrefix, panicked)), "InternalError", NotSpecified, nil))
	}
	r.out.Flush()
	r.host.Stdout, r.host.Stderr, r.host.Color, r.out = c.stdout, c.stderr, c.color, c.out
	// A normal end leaves these as they were; an error or a panic part
	// way through may not, and the next call must not inherit a try
	// block or a redirection that is no longer running.
	r.redirects = r.redirects[:min(c.redirects, len(r.redirects))]
	r.stack = r.stack[:min(c.stack, len(r.stack))]
	r.errorSinks = r.errorSinks[:min(c.sinks, len(r.errorSinks))]
	r.tryDepth, r.callDepth = c.tryDepth, c.callDepth
	c.res.Host = c.txt.host.String()
	c.res.Warnings = c.txt.warnings
	*res = c.res
}

// parseErrorRecords builds the records of a parse error, as
// reportParseErrors does, without showing them.
func parseErrorRecords(err error, src string) []*ErrorRecord {
	var list parser.ErrorList
	if !errors.As(err, &list) {
		return []*ErrorRecord{NewErrorRecord(parseException(err.Error()), "ParseException", ParserError, nil)}
	}
	lines := strings.Split(src, "\n")
	out := make([]*ErrorRecord, 0, len(list))
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
		rec.Invocation = &InvocationInfo{Line: line, Pos: pe.Pos, EndPos: end}
		out = append(out, rec)
	}
	return out
}

// hostCapture receives what the runner writes to the host's Stdout
// during a call. The runner writes a warning as one write of
// "WARNING: message\n" (colours are off on a capturing host), which is
// how it is told apart from other host text. A Write-Host of text that
// itself starts with "WARNING: " is taken for a warning too; that is the
// price of not changing the runner's warning path.
type hostCapture struct {
	host     strings.Builder
	warnings []string
}

// warningPrefix starts every line the runner writes for a warning.
const warningPrefix = "WARNING: "

// Write implements io.Writer.
func (h *hostCapture) Write(p []byte) (int, error) {
	s := string(p)
	if msg, ok := strings.CutPrefix(s, warningPrefix); ok && strings.HasSuffix(msg, "\n") {
		h.warnings = append(h.warnings, strings.TrimSuffix(msg, "\n"))
		return len(p), nil
	}
	h.host.WriteString(s)
	return len(p), nil
}
