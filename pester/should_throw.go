package pester

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
	"github.com/keyhost/keyhost/ps/wildcard"
)

// Should -Throw: the actual value is a script block, run in a child scope
// of the caller's; it must throw (a terminating error), optionally with a
// message like -ExpectedMessage, an id like -ErrorId and an exception of
// -ExceptionType. -PassThru returns the error record. -Not -Throw
// requires no exception at all.

// testThrow is Should -Throw.
func testThrow(a *assertion) (outcome, error) {
	sb, ok := a.actual.(*eval.ScriptBlock)
	if !ok {
		return outcome{}, throwf(a.c, "Input is missing or not a ScriptBlock. Input to '-Throw' and '-Not -Throw' must be enclosed in curly braces.")
	}
	err := a.c.RunScriptBlock(sb, eval.RunOptions{Scope: a.c.CallerScope(), NewScope: true})
	if ctxErr := a.c.Context().Err(); ctxErr != nil {
		return outcome{}, ctxErr
	}
	rec := errorRecordOf(err)
	thrown := rec != nil
	var msg, id, line string
	if thrown {
		msg = rec.Message()
		if rec.Exception != nil {
			msg = rec.Exception.Message
		}
		id = rec.FullyQualifiedErrorID
		line = exceptionLineInfo(rec)
	}
	if a.negate {
		if !thrown {
			return pass()
		}
		return fail(fmt.Sprintf("Expected no exception to be thrown,%s but an exception \"%s\" was thrown %s.", a.becauseText(), msg, line))
	}
	var filters, buts []string
	if a.has("ExceptionType") && !value.IsNull(a.arg("ExceptionType")) {
		name := exceptionTypeName(a.arg("ExceptionType"))
		filters = append(filters, "type ["+friendlyTypeName(name)+"]")
		if thrown && (rec.Exception == nil || !rec.Exception.IsA(name)) {
			actual := "System.Management.Automation.RuntimeException"
			if rec.Exception != nil {
				actual = rec.Exception.Types[0]
			}
			buts = append(buts, "the exception type was ["+friendlyTypeName(actual)+"]")
		}
	}
	if expected := a.str("ExpectedMessage"); strings.TrimSpace(expected) != "" {
		filters = append(filters, "message like "+formatNicely(unescapeWildcard(expected)))
		if thrown && !wildcard.Match(expected, msg, false) {
			buts = append(buts, "the message was "+formatNicely(msg))
		}
	}
	if expected := a.str("ErrorId"); strings.TrimSpace(expected) != "" {
		filters = append(filters, "FullyQualifiedErrorId "+formatNicely(expected))
		if thrown && !wildcard.Match(expected, id, false) {
			buts = append(buts, "the FullyQualifiedErrorId was "+formatNicely(id))
		}
	}
	if !thrown {
		buts = append(buts, "no exception was thrown")
	}
	if len(buts) > 0 {
		with := ""
		if f := joinAnd(filters, 2); f != "" {
			with = " with " + f
		}
		return fail(strings.TrimSpace(fmt.Sprintf("Expected an exception%s to be thrown,%s but %s. %s", with, a.becauseText(), joinAnd(buts, 2), line)))
	}
	res := outcome{ok: true}
	if a.has("PassThru") && value.ToBool(a.arg("PassThru")) {
		res.data = rec
	}
	return res, nil
}

// exceptionTypeName is the full name of -ExceptionType's type.
func exceptionTypeName(v any) string {
	if name, ok := eval.TypeValueName(v); ok {
		return name
	}
	written := strings.TrimSpace(value.ToString(v))
	if strings.HasPrefix(written, "[") && strings.HasSuffix(written, "]") {
		written = written[1 : len(written)-1]
	}
	if full, ok := eval.ResolveTypeName(written); ok {
		return full
	}
	return written
}

// exceptionLineInfo is Get-ExceptionLineInfo: the error's position
// message with "At" turned into "from", its later lines indented.
func exceptionLineInfo(rec *eval.ErrorRecord) string {
	if rec.Invocation == nil {
		return ""
	}
	var lines []string
	for _, l := range strings.Split(rec.Invocation.PositionMessage(), "\n") {
		if strings.TrimSpace(l) != "" {
			lines = append(lines, strings.TrimRight(l, "\r"))
		}
	}
	s := strings.Join(lines, "\n")
	if strings.HasPrefix(s, "At ") {
		s = "from " + s[3:]
	}
	return strings.ReplaceAll(s, "\n", "\n    ")
}

// wildcardEscape matches a backtick escape in a wildcard pattern.
var wildcardEscape = regexp.MustCompile("`(.)")

// unescapeWildcard is [WildcardPattern]::Unescape: backtick escapes
// become the characters they escape.
func unescapeWildcard(s string) string { return wildcardEscape.ReplaceAllString(s, "$1") }
