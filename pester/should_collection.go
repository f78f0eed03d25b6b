package pester

import (
	"fmt"
	"strings"

	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
)

// The collection operators (Contain, BeIn, HaveCount, BeNullOrEmpty) and
// BeOfType.

// contains is -contains: an item of the collection equals v (the item on
// the left of -eq).
func contains(collection, v any) bool {
	for _, it := range value.Enumerate(collection) {
		if value.Equals(it, v, false) {
			return true
		}
	}
	return false
}

// testContain is Should -Contain: the actual collection holds the value.
func testContain(a *assertion) (outcome, error) {
	expected := a.arg("ExpectedValue")
	if contains(a.actual, expected) != a.negate {
		return pass()
	}
	if a.negate {
		return fail(fmt.Sprintf("Expected %s to not be found in collection %s,%s but it was found.", formatNicely(expected), formatNicely(a.actual), a.becauseText()))
	}
	return fail(fmt.Sprintf("Expected %s to be found in collection %s,%s but it was not found.", formatNicely(expected), formatNicely(a.actual), a.becauseText()))
}

// testBeIn is Should -BeIn: the expected collection holds the value.
func testBeIn(a *assertion) (outcome, error) {
	expected := a.arg("ExpectedValue")
	if contains(expected, a.actual) != a.negate {
		return pass()
	}
	if a.negate {
		return fail(fmt.Sprintf("Expected collection %s to not contain %s,%s but it was found.", formatNicely(expected), formatNicely(a.actual), a.becauseText()))
	}
	return fail(fmt.Sprintf("Expected collection %s to contain %s,%s but it was not found.", formatNicely(expected), formatNicely(a.actual), a.becauseText()))
}

// testHaveCount is Should -HaveCount.
func testHaveCount(a *assertion) (outcome, error) {
	n, err := value.ToInt32(a.arg("ExpectedValue"))
	if err != nil {
		return outcome{}, err
	}
	if n < 0 {
		return outcome{}, throwf(a.c, "Excpected collection size must be greater than or equal to 0.")
	}
	count := 0
	if !value.IsNull(a.actual) {
		count = len(value.Enumerate(a.actual))
	}
	if (count == int(n)) != a.negate {
		return pass()
	}
	empty := n == 0
	var expect, but string
	if a.negate {
		expect = fmt.Sprintf("Expected a collection with size different from %d", n)
		if empty {
			expect = "Expected a non-empty collection"
		}
		but = "but got an empty collection."
		if count != 0 {
			but = fmt.Sprintf("but got collection with that size %s.", formatNicely(a.actual))
		}
	} else {
		expect = fmt.Sprintf("Expected a collection with size %d", n)
		if empty {
			expect = "Expected an empty collection"
		}
		but = "but got an empty collection."
		if count != 0 {
			but = fmt.Sprintf("but got collection with size %d %s.", count, formatNicely(a.actual))
		}
	}
	return fail(expect + "," + a.becauseText() + " " + but)
}

// testBeNullOrEmpty is Should -BeNullOrEmpty: $null, ”, @() and @{}
// pass.
func testBeNullOrEmpty(a *assertion) (outcome, error) {
	items := objectArray(a.actual)
	ok := false
	switch len(items) {
	case 0:
		ok = true
	case 1:
		if h, isH := items[0].(*value.Hashtable); isH {
			ok = h.Len() == 0
		} else {
			ok = value.IsNull(items[0]) || value.ToString(items[0]) == ""
		}
	}
	if ok != a.negate {
		return pass()
	}
	if a.negate {
		return fail(fmt.Sprintf("Expected a value,%s but got $null or empty.", a.becauseText()))
	}
	return fail(fmt.Sprintf("Expected $null or empty,%s but got %s.", a.becauseText(), formatNicely(a.actual)))
}

// testBeOfType is Should -BeOfType: -is, subtypes included; the type may
// be a [type] or its name ('int', '[string]', 'System.IO.FileInfo').
func testBeOfType(a *assertion) (outcome, error) {
	t := a.arg("ExpectedType")
	name, ok := eval.TypeValueName(t)
	if !ok {
		written := strings.TrimSpace(value.ToString(t))
		if strings.HasPrefix(written, "[") && strings.HasSuffix(written, "]") {
			written = written[1 : len(written)-1]
		}
		if full, found := eval.ResolveTypeName(written); found {
			name = full
		} else if strings.Contains(written, ".") {
			// A type keyhost does not model (a PowerCLI interface, say):
			// -is compares it with the object's type names.
			name = written
		} else {
			return outcome{}, throwf(a.c, "Could not find type []. Make sure that the assembly that contains that type is loaded.")
		}
	}
	is := eval.IsType(a.actual, name)
	if is != a.negate {
		return pass()
	}
	expectedType := "[" + friendlyTypeName(name) + "]"
	if a.negate {
		return fail(fmt.Sprintf("Expected the value to not have type %s or any of its subtypes,%s but got %s with type %s.", expectedType, a.becauseText(), formatNicely(a.actual), typeOf(a.actual)))
	}
	return fail(fmt.Sprintf("Expected the value to have type %s or any of its subtypes,%s but got %s with type %s.", expectedType, a.becauseText(), formatNicely(a.actual), typeOf(a.actual)))
}
