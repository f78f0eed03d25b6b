package pester

import (
	"fmt"
	"strings"

	"github.com/keyhost/keyhost/ps/value"
)

// Be and BeExactly: equality with PowerShell's -eq (-ceq), collections
// compared element by element; two different strings get a message that
// points at the first difference.

// testBe is Should -Be.
func testBe(a *assertion) (outcome, error) { return equalTest(a, false) }

// testBeExactly is Should -BeExactly.
func testBeExactly(a *assertion) (outcome, error) { return equalTest(a, true) }

// equalTest implements Be and BeExactly.
func equalTest(a *assertion, cs bool) (outcome, error) {
	expected := a.arg("ExpectedValue")
	ok := arraysAreEqual(a.actual, expected, cs, 0)
	if ok != a.negate {
		return pass()
	}
	if a.negate {
		same := "the same value"
		if cs {
			same = "exactly the same value"
		}
		return fail(fmt.Sprintf("Expected %s to be different from the actual value,%s but got %s.", formatNicely(expected), a.becauseText(), same))
	}
	actual, exp := unroll(a.actual), unroll(expected)
	as, aok := actual.(string)
	es, eok := exp.(string)
	if !aok || !eok {
		exactly := ""
		if cs {
			exactly = "exactly "
		}
		return fail(fmt.Sprintf("Expected %s%s,%s but got %s.", exactly, formatNicely(exp), a.becauseText(), formatNicely(actual)))
	}
	depth := 0
	if r := a.p.current(); r != nil && r.test != nil {
		depth = len(r.test.Path)
	}
	return fail(compareStrings(es, as, cs, a.becauseText(), depth))
}

// unroll is $($x): a one-element collection becomes its element, an
// empty one $null.
func unroll(v any) any {
	if !value.IsCollection(v) {
		return v
	}
	items := value.Enumerate(v)
	switch len(items) {
	case 0:
		return nil
	case 1:
		return items[0]
	}
	return v
}

// objectArray is [object[]]$x: $null stays $null, a collection its
// items, anything else a one-element array.
func objectArray(v any) []any {
	if value.IsNull(v) {
		return nil
	}
	if value.IsCollection(v) {
		return value.Enumerate(v)
	}
	return []any{v}
}

// isArray is $x -is [Array].
func isArray(v any) bool {
	_, ok := v.([]any)
	return ok
}

// nullOrEmpty is ArrayOrSingleElementIsNullOrEmpty.
func nullOrEmpty(a []any) bool {
	return len(a) == 0 || (len(a) == 1 && value.IsNull(a[0]))
}

// arraysAreEqual is Pester's ArraysAreEqual: nested arrays compare
// recursively, elements with $expected -eq $actual.
func arraysAreEqual(first, second any, cs bool, depth int) bool {
	if depth > 100 {
		return false
	}
	f, s := objectArray(first), objectArray(second)
	fe, se := nullOrEmpty(f), nullOrEmpty(s)
	if fe || se {
		return fe && se
	}
	if len(f) != len(s) {
		return false
	}
	for i := range f {
		if isArray(f[i]) || isArray(s[i]) {
			if !arraysAreEqual(f[i], s[i], cs, depth+1) {
				return false
			}
			continue
		}
		if !value.Equals(s[i], f[i], cs) {
			return false
		}
	}
	return true
}

// maxLineLength is the console width the string excerpts are cut to.
// pwsh reads it from the host; keyhost has no console, and 120 is the
// width pwsh reports when its output is redirected.
const maxLineLength = 120

// compareStrings is Get-CompareStringMessage: where two strings first
// differ, with an excerpt of both and a marker under the difference.
func compareStrings(expected, actual string, cs bool, becauseText string, depth int) string {
	er, ar := []rune(expected), []rune(actual)
	n := len(er)
	if len(ar) > n {
		n = len(ar)
	}
	diff := -1
	for i := 0; i < n && diff < 0; i++ {
		var e, x string
		if i < len(er) {
			e = string(er[i])
		}
		if i < len(ar) {
			x = string(ar[i])
		}
		if (cs && e != x) || (!cs && !strings.EqualFold(e, x)) {
			diff = i
		}
	}
	if diff < 0 {
		return ""
	}
	lines := []string{fmt.Sprintf("Expected strings to be the same,%s but they were different.", becauseText)}
	if len(er) != len(ar) {
		lines = append(lines, fmt.Sprintf("Expected length: %d", len(er)), fmt.Sprintf("Actual length:   %d", len(ar)), fmt.Sprintf("Strings differ at index %d.", diff))
	} else {
		lines = append(lines, fmt.Sprintf("String lengths are both %d.", len(er)), fmt.Sprintf("Strings differ at index %d.", diff))
	}
	surround := len("Expected: ''")
	context := maxLineLength / 7 // [int] of 17.14
	available := maxLineLength - surround - (depth + 3)
	exp, _ := excerpt(escapeControl(expected), diff, available, context)
	act, at := excerpt(escapeControl(actual), diff, available, context)
	lines = append(lines, "Expected: '"+exp+"'", "But was:  '"+act+"'", strings.Repeat(" ", surround-1)+strings.Repeat("-", at)+"^")
	return strings.Join(lines, "\n")
}

// excerpt is Format-AsExcerpt: a long string shifted so the difference
// is in view, with ... where it was cut.
func excerpt(s string, diff, lineLength, context int) (string, int) {
	const marker = "..."
	rs := []rune(s)
	minimum := context + len(marker) + 1 + len(marker) + context
	if lineLength < minimum || len(rs) <= lineLength {
		return s, diff
	}
	shift := diff - (lineLength - 1 - context - len(marker))
	if shift < 0 {
		shift = 0
	}
	out := rs[shift:]
	if len(out) < len(rs) {
		out = append([]rune(marker), out[len(marker):]...)
	}
	if len(out) > lineLength {
		out = append(append([]rune{}, out[:lineLength-len(marker)]...), []rune(marker)...)
	}
	return string(out), diff - shift
}

// escapeControl shows control characters visibly, as
// [Pester.Formatter]::EscapeControlChars does (a tab as \t, a line break
// as \n), so the marker lines up.
func escapeControl(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\t':
			b.WriteString(`\t`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case 0:
			b.WriteString(`\0`)
		default:
			if r < 0x20 {
				fmt.Fprintf(&b, `\u%04x`, r)
				continue
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}
