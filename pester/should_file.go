package pester

import (
	"fmt"

	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
)

// The file operators: Exist (Test-Path) and the FileContentMatch family
// (Get-Content, then -match). They call keyhost's own Test-Path and
// Get-Content, past any mock or function of the same name, so TestDrive:
// paths and relative paths resolve as in the test.

// safeCall runs a built-in command with arguments and returns its output.
func safeCall(c *eval.Call, name string, args ...eval.CommandArg) ([]any, error) {
	ref := c.ResolveCommand(nil, name, nil)
	if ref == nil {
		return nil, fmt.Errorf("Pester needs the %s command, which this session does not have.", name)
	}
	var out []any
	err := c.InvokeCommand(ref, args, func(v any) error {
		out = append(out, v)
		return nil
	})
	return out, err
}

// testExist is Should -Exist.
func testExist(a *assertion) (outcome, error) {
	param := "Path"
	if a.has("LiteralPath") && value.ToBool(a.arg("LiteralPath")) {
		param = "LiteralPath"
	}
	out, err := safeCall(a.c, "Test-Path", eval.CommandArg{Name: param, Value: a.actual})
	if err != nil {
		return outcome{}, err
	}
	ok := len(out) > 0 && value.ToBool(out[0])
	if ok != a.negate {
		return pass()
	}
	if a.negate {
		return fail(fmt.Sprintf("Expected path %s to not exist,%s but it did exist.", formatNicely(a.actual), a.becauseText()))
	}
	return fail(fmt.Sprintf("Expected path %s to exist,%s but it did not exist.", formatNicely(a.actual), a.becauseText()))
}

// fileContentTest builds FileContentMatch (any line matches), its
// -Exactly (case-sensitive) and -Multiline (the whole file as one string)
// forms.
func fileContentTest(cs, multiline bool) func(a *assertion) (outcome, error) {
	return func(a *assertion) (outcome, error) {
		pattern := value.ToString(a.arg("ExpectedContent"))
		args := []eval.CommandArg{{Name: "Path", Value: a.actual}}
		if multiline {
			args = append(args, eval.CommandArg{Name: "Raw", Value: true})
		} else {
			args = append(args, eval.CommandArg{Name: "Encoding", Value: "UTF8"})
		}
		lines, err := safeCall(a.c, "Get-Content", args...)
		if err != nil {
			return outcome{}, err
		}
		found := false
		for _, l := range lines {
			m, err := matchRegex(value.ToString(l), pattern, cs)
			if err != nil {
				return outcome{}, err
			}
			if m {
				found = true
				break
			}
		}
		if found != a.negate {
			return pass()
		}
		expected := formatNicely(a.arg("ExpectedContent"))
		not := ""
		if a.negate {
			not = "not "
		}
		result := "it was not found."
		if a.negate {
			result = "it was found."
		}
		switch {
		case !cs && !multiline:
			return fail(fmt.Sprintf("Expected %s to %sbe found in file '%s',%s but %s", expected, not, value.ToString(a.actual), a.becauseText(), result))
		case !cs:
			return fail(fmt.Sprintf("Expected %s to %sbe found in file %s,%s but %s", expected, not, formatNicely(a.actual), a.becauseText(), result))
		}
		return fail(fmt.Sprintf("Expected %s to %sbe case sensitively found in file %s,%s but %s", expected, not, formatNicely(a.actual), a.becauseText(), result))
	}
}
