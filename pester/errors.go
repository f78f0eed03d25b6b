package pester

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
)

// The error records Pester raises and how failures are displayed: the
// message lines (ConvertTo-FailureLines) and the stack trace cut to the
// user's frames, as the console and the reports show them.

// The FullyQualifiedErrorIds of Pester's own errors.
const (
	idAssertion    = "PesterAssertionFailed"
	idSkipped      = "PesterTestSkipped"
	idInconclusive = "PesterTestInconclusive"
)

// pesterError builds an error record the way Pester's factory does: the
// message in a System.Exception, and Message, File, Line and LineText of
// the command that raised it in TargetObject, which reporting reads.
func pesterError(c *eval.Call, id, msg string, cat eval.ErrorCategory) *eval.ErrorRecord {
	rec := c.NewError(eval.NewException("System.Exception", msg), id, cat, nil)
	file, line, text := "", 0, ""
	if inv := rec.Invocation; inv != nil {
		file, line, text = inv.ScriptName, inv.Pos.Line, strings.TrimRight(inv.Line, "\r\n")
	}
	target := value.NewHashtable()
	target.Set("Message", msg)
	target.Set("File", file)
	target.Set("Line", fmt.Sprint(line))
	target.Set("LineText", text)
	target.Set("Terminating", true)
	rec.TargetObject = target
	return rec
}

// throwRecord raises a record as `throw $record` does: it ends the
// script unless a try/catch (Pester's, around every test) catches it.
func throwRecord(rec *eval.ErrorRecord) error {
	return &eval.RuntimeError{Record: rec, FromThrow: true}
}

// targetField reads a field of a Pester error's TargetObject.
func targetField(rec *eval.ErrorRecord, name string) string {
	h, ok := rec.TargetObject.(*value.Hashtable)
	if !ok {
		return ""
	}
	v, _ := h.Get(name)
	return value.ToString(v)
}

// failure is an error as Pester displays it.
type failure struct {
	// Message is DisplayErrorMessage; Trace is DisplayStackTrace.
	Message, Trace string
}

// lineSuffix turns "...: line 12" at the end of a stack line into ":12",
// which editors can navigate.
var lineSuffix = regexp.MustCompile(`:\s*line\s*(\d+)\s*$`)

// failureOf renders an error record: its exception messages (innermost
// first, each first line prefixed with the exception's type unless it is
// an assertion), and its stack trace with the frames below user code cut
// off (stackBase entries from the outermost end) unless full is set.
func failureOf(rec *eval.ErrorRecord, stackBase int, full bool) failure {
	assertion := rec.FullyQualifiedErrorID == idAssertion
	var chains [][]string
	for ex := rec.Exception; ex != nil; ex = ex.Inner {
		lines := splitLines(ex.Message)
		if len(lines) > 0 && !assertion {
			lines[0] = shortName(ex.Types[0]) + ": " + lines[0]
		}
		chains = append(chains, lines)
	}
	var msg []string
	for i := len(chains) - 1; i >= 0; i-- {
		msg = append(msg, chains[i]...)
	}
	var trace []string
	if assertion {
		trace = append(trace, splitLines(fmt.Sprintf("at %s, %s:%s", strings.TrimSpace(targetField(rec, "LineText")), targetField(rec, "File"), targetField(rec, "Line")))...)
	}
	stack := splitLines(rec.ScriptStackTrace)
	if !full && stackBase > 0 {
		if stackBase >= len(stack) {
			stack = nil
		} else {
			stack = stack[:len(stack)-stackBase]
		}
	}
	trace = append(trace, stack...)
	for i, l := range trace {
		trace[i] = lineSuffix.ReplaceAllString(l, ":$1")
	}
	return failure{Message: strings.Join(msg, "\n"), Trace: strings.Join(trace, "\n")}
}

// splitLines splits text into its non-empty lines.
func splitLines(s string) []string {
	var out []string
	for _, l := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}

// shortName is a .NET type's name without its namespace.
func shortName(t string) string {
	if i := strings.LastIndexByte(t, '.'); i >= 0 {
		return t[i+1:]
	}
	return t
}

// formatErrors renders a list of failures as Format-ErrorMessage does:
// one error is its message and stack trace; several are numbered. Every
// line gets the margin.
func formatErrors(fs []failure, margin, stackVerbosity string) string {
	var b strings.Builder
	trace := func(t string) string {
		if stackVerbosity == "None" || strings.TrimSpace(t) == "" {
			return ""
		}
		if stackVerbosity == "FirstLine" {
			t, _, _ = strings.Cut(t, "\n")
		}
		return "\n" + t
	}
	if len(fs) == 1 {
		b.WriteString(fs[0].Message)
		b.WriteString(trace(fs[0].Trace))
	} else {
		for i, f := range fs {
			if i > 0 {
				b.WriteByte('\n')
			}
			fmt.Fprintf(&b, "[%d] %s", i, f.Message)
			b.WriteString(trace(f.Trace))
		}
	}
	lines := strings.Split(b.String(), "\n")
	for i := range lines {
		lines[i] = margin + lines[i]
	}
	return strings.Join(lines, "\n")
}

// failures renders the errors of a test, block or container.
func (r *runState) failures(recs []*eval.ErrorRecord) []failure {
	out := make([]failure, len(recs))
	for i, rec := range recs {
		out[i] = failureOf(rec, r.stackBase, r.cfg.StackTraceVerbosity == "Full")
	}
	return out
}
