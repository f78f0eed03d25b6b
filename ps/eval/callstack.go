package eval

import (
	"fmt"
	"strings"
)

// The call stack: which functions and script blocks are running and on
// which line, for $_.ScriptStackTrace; and the error redirections of the
// commands running, so that `f 2>$null` also silences the errors of the
// commands inside f.

// callSite is one entry of the call stack.
type callSite struct {
	name string // function name, or "<ScriptBlock>"
	src  *source
	line int
}

// pushSite starts a call stack entry.
func (r *Runner) pushSite(name string, src *source) *callSite {
	if name == "" {
		name = "<ScriptBlock>"
	}
	s := &callSite{name: name, src: src}
	r.stack = append(r.stack, s)
	return s
}

// popSite ends a call stack entry (and any left above it by an error).
func (r *Runner) popSite(s *callSite) {
	for i := len(r.stack) - 1; i >= 0; i-- {
		if r.stack[i] == s {
			r.stack = r.stack[:i]
			return
		}
	}
}

// stackTrace renders the call stack as ErrorRecord.ScriptStackTrace does,
// innermost first.
func (r *Runner) stackTrace() string {
	var lines []string
	for i := len(r.stack) - 1; i >= 0; i-- {
		s := r.stack[i]
		file := "<No file>"
		if s.src != nil && s.src.scriptName != "" {
			file = s.src.scriptName
		}
		lines = append(lines, fmt.Sprintf("at %s, %s: line %d", s.name, file, s.line))
	}
	return strings.Join(lines, "\n")
}

// pushRedirect records the error redirection of a command whose code runs
// now; popRedirect removes it.
func (r *Runner) pushRedirect(rd redirect) { r.redirects = append(r.redirects, rd) }

func (r *Runner) popRedirect() {
	if len(r.redirects) > 0 {
		r.redirects = r.redirects[:len(r.redirects)-1]
	}
}

// effectiveRedirect is the error redirection that applies to a command
// with its own redirection rd: its own when it has one, else that of the
// innermost redirected command it runs inside.
func (r *Runner) effectiveRedirect(rd redirect) redirect {
	if rd.errors != errorsToHost || len(r.redirects) == 0 {
		return rd
	}
	return r.redirects[len(r.redirects)-1]
}

// reportStatementError shows an error that ended a statement, honouring
// the redirection of the command it happened in.
func (r *Runner) reportStatementError(rec *ErrorRecord) {
	rd := r.effectiveRedirect(redirect{})
	switch rd.errors {
	case errorsDiscarded:
		r.recordError(rec)
		return
	case errorsToOutput:
		r.recordError(rec)
		if rd.out != nil {
			_ = rd.out(rec)
		}
		return
	}
	r.displayError(rec)
}
