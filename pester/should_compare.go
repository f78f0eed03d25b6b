package pester

import (
	"fmt"
	"regexp"

	"github.com/keyhost/keyhost/ps/value"
	"github.com/keyhost/keyhost/ps/wildcard"
)

// The comparison operators (-gt, -lt, -ge, -le), the wildcard and regex
// operators, and BeTrue/BeFalse. -Not on a comparison is its opposite
// comparison, with that comparison's message, as in Pester.

// compare compares actual with expected as PowerShell's -gt family does
// (actual on the left).
func compare(actual, expected any) (int, error) {
	return value.Compare(actual, expected, false)
}

// comparison builds an ordering assertion: ok says whether the compare
// result passes; what names the relation in the message.
func comparison(a *assertion, ok func(int) bool, what string) (outcome, error) {
	expected := a.arg("ExpectedValue")
	c, err := compare(a.actual, expected)
	if err != nil {
		return outcome{}, err
	}
	if ok(c) {
		return pass()
	}
	return fail(fmt.Sprintf("Expected the actual value to be %s %s,%s but got %s.", what, formatNicely(expected), a.becauseText(), formatNicely(a.actual)))
}

func greaterThan(a *assertion) (outcome, error) {
	return comparison(a, func(c int) bool { return c > 0 }, "greater than")
}
func lessOrEqual(a *assertion) (outcome, error) {
	return comparison(a, func(c int) bool { return c <= 0 }, "less than or equal to")
}
func lessThan(a *assertion) (outcome, error) {
	return comparison(a, func(c int) bool { return c < 0 }, "less than")
}
func greaterOrEqual(a *assertion) (outcome, error) {
	return comparison(a, func(c int) bool { return c >= 0 }, "greater than or equal to")
}

// testGreaterThan is Should -BeGreaterThan (-Not is -BeLessOrEqual).
func testGreaterThan(a *assertion) (outcome, error) {
	if a.negate {
		return lessOrEqual(a)
	}
	return greaterThan(a)
}

// testLessOrEqual is Should -BeLessOrEqual (-Not is -BeGreaterThan).
func testLessOrEqual(a *assertion) (outcome, error) {
	if a.negate {
		return greaterThan(a)
	}
	return lessOrEqual(a)
}

// testLessThan is Should -BeLessThan (-Not is -BeGreaterOrEqual).
func testLessThan(a *assertion) (outcome, error) {
	if a.negate {
		return greaterOrEqual(a)
	}
	return lessThan(a)
}

// testGreaterOrEqual is Should -BeGreaterOrEqual (-Not is -BeLessThan).
func testGreaterOrEqual(a *assertion) (outcome, error) {
	if a.negate {
		return lessThan(a)
	}
	return greaterOrEqual(a)
}

// testBeTrue is Should -BeTrue (truthiness; -Not is -BeFalse).
func testBeTrue(a *assertion) (outcome, error) {
	if value.ToBool(a.actual) != a.negate {
		return pass()
	}
	if a.negate {
		return fail(fmt.Sprintf("Expected $false,%s but got %s.", a.becauseText(), formatNicely(a.actual)))
	}
	return fail(fmt.Sprintf("Expected $true,%s but got %s.", a.becauseText(), formatNicely(a.actual)))
}

// testBeFalse is Should -BeFalse.
func testBeFalse(a *assertion) (outcome, error) {
	a.negate = !a.negate
	defer func() { a.negate = !a.negate }()
	return testBeTrue(a)
}

// likeTest is BeLike (-like) and BeLikeExactly (-clike).
func likeTest(a *assertion, cs bool) (outcome, error) {
	expected := a.arg("ExpectedValue")
	ok := wildcard.Match(value.ToString(expected), value.ToString(a.actual), cs)
	if ok != a.negate {
		return pass()
	}
	kind := "like wildcard"
	if cs {
		kind = "case sensitive like wildcard"
	}
	if a.negate {
		return fail(fmt.Sprintf("Expected %s %s to not match %s,%s but it did match.", kind, formatNicely(expected), formatNicely(a.actual), a.becauseText()))
	}
	return fail(fmt.Sprintf("Expected %s %s to match %s,%s but it did not match.", kind, formatNicely(expected), formatNicely(a.actual), a.becauseText()))
}

func testBeLike(a *assertion) (outcome, error)        { return likeTest(a, false) }
func testBeLikeExactly(a *assertion) (outcome, error) { return likeTest(a, true) }

// matchRegex is -match / -cmatch: the pattern compiled as keyhost's
// operators compile it.
func matchRegex(input, pattern string, cs bool) (bool, error) {
	p := pattern
	if !cs {
		p = "(?i)" + p
	}
	re, err := regexp.Compile(p)
	if err != nil {
		return false, fmt.Errorf("The regular expression pattern %s is not valid: %v", pattern, err)
	}
	return re.MatchString(input), nil
}

// matchTest is Match and MatchExactly.
func matchTest(a *assertion, cs bool) (outcome, error) {
	re := a.arg("RegularExpression")
	ok, err := matchRegex(value.ToString(a.actual), value.ToString(re), cs)
	if err != nil {
		return outcome{}, err
	}
	if ok != a.negate {
		return pass()
	}
	how := "match"
	if cs {
		how = "case sensitively match"
	}
	if a.negate {
		return fail(fmt.Sprintf("Expected regular expression %s to not %s %s,%s but it did match.", formatNicely(re), how, formatNicely(a.actual), a.becauseText()))
	}
	return fail(fmt.Sprintf("Expected regular expression %s to %s %s,%s but it did not match.", formatNicely(re), how, formatNicely(a.actual), a.becauseText()))
}

func testMatch(a *assertion) (outcome, error)        { return matchTest(a, false) }
func testMatchExactly(a *assertion) (outcome, error) { return matchTest(a, true) }
