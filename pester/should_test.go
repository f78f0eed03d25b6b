package pester

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/keyhost/keyhost/ps/builtin"
	"github.com/keyhost/keyhost/ps/eval"
)

// Every Should operator, passing and failing, with Pester 5.7.1's
// failure messages (src/functions/assertions/*.ps1).

// shouldOutcome runs a script with PowerShell's cmdlets and Pester's and
// returns "PASS", or "FAIL: <message>" for a failed assertion, or
// "ERROR: <message>" for any other error.
func shouldOutcome(t *testing.T, script string) string {
	t.Helper()
	var out, errOut bytes.Buffer
	fsys := eval.NewMemFS(map[string]string{"/tests/vms.txt": "web01\nWEB02\ndb01\n"})
	table := eval.NewCommandTable()
	builtin.Register(table)
	Register(table)
	r := eval.New(eval.WithCommands(table), eval.WithHost(&eval.Host{Stdout: &out, Stderr: &errOut, FS: fsys, Getwd: func() (string, error) { return "/tests", nil }}))
	wrapped := "try {\n" + script + "\n'PASS'\n} catch {\n if ($_.FullyQualifiedErrorId -eq 'PesterAssertionFailed') { 'FAIL: ' + $_.Exception.Message } else { 'ERROR: ' + $_.Exception.Message }\n}"
	res := r.RunCommand(context.Background(), "<test>", wrapped)
	require.Equal(t, 0, res.ExitCode, "script failed to run: %s", errOut.String())
	return strings.TrimRight(out.String(), "\n")
}

func TestShouldOperators(t *testing.T) {
	tests := []struct {
		script string
		want   string
	}{
		// Be, BeExactly
		{`1 | Should -Be 1`, "PASS"},
		{`'a' | Should -Be 'A'`, "PASS"},
		{`1, 2, 3 | Should -Be @(1, 2, 3)`, "PASS"},
		{`$null | Should -Be $null`, "PASS"},
		{`1 | Should -EQ 1`, "PASS"},
		{`1 | Should -Be 2`, "FAIL: Expected 2, but got 1."},
		{`1 | Should -Be 2 -Because 'the host has two'`, "FAIL: Expected 2, because the host has two, but got 1."},
		{`$null | Should -Be 1`, "FAIL: Expected 1, but got $null."},
		{`1, 2 | Should -Be @(1, 2, 3)`, "FAIL: Expected @(1, 2, 3), but got @(1, 2)."},
		{`1 | Should -Not -Be 1`, "FAIL: Expected 1 to be different from the actual value, but got the same value."},
		{`'abc' | Should -Be 'abd'`, "FAIL: Expected strings to be the same, but they were different.\nString lengths are both 3.\nStrings differ at index 2.\nExpected: 'abd'\nBut was:  'abc'\n           --^"},
		{`'abcd' | Should -Be 'abc'`, "FAIL: Expected strings to be the same, but they were different.\nExpected length: 3\nActual length:   4\nStrings differ at index 3.\nExpected: 'abc'\nBut was:  'abcd'\n           ---^"},
		{`'a' | Should -BeExactly 'a'`, "PASS"},
		{`'a' | Should -CEQ 'a'`, "PASS"},
		{`'a' | Should -BeExactly 'A'`, "FAIL: Expected strings to be the same, but they were different.\nString lengths are both 1.\nStrings differ at index 0.\nExpected: 'A'\nBut was:  'a'\n           ^"},
		{`1 | Should -BeExactly 2`, "FAIL: Expected exactly 2, but got 1."},
		{`'a' | Should -Not -BeExactly 'a'`, "FAIL: Expected 'a' to be different from the actual value, but got exactly the same value."},

		// comparisons
		{`2 | Should -BeGreaterThan 1`, "PASS"},
		{`2 | Should -GT 1`, "PASS"},
		{`1 | Should -BeGreaterThan 5`, "FAIL: Expected the actual value to be greater than 5, but got 1."},
		{`6 | Should -Not -BeGreaterThan 5`, "FAIL: Expected the actual value to be less than or equal to 5, but got 6."},
		{`1 | Should -BeLessThan 2`, "PASS"},
		{`3 | Should -LT 2`, "FAIL: Expected the actual value to be less than 2, but got 3."},
		{`2 | Should -BeGreaterOrEqual 2`, "PASS"},
		{`1 | Should -GE 2 -Because 'a minimum'`, "FAIL: Expected the actual value to be greater than or equal to 2, because a minimum, but got 1."},
		{`2 | Should -BeLessOrEqual 2`, "PASS"},
		{`3 | Should -LE 2`, "FAIL: Expected the actual value to be less than or equal to 2, but got 3."},
		{`3 | Should -Not -BeLessThan 5`, "FAIL: Expected the actual value to be greater than or equal to 5, but got 3."},

		// BeIn, BeLike, BeLikeExactly, Match, MatchExactly
		{`'b' | Should -BeIn 'a', 'b'`, "PASS"},
		{`'c' | Should -BeIn 'a', 'b'`, "FAIL: Expected collection @('a', 'b') to contain 'c', but it was not found."},
		{`'a' | Should -Not -BeIn 'a', 'b'`, "FAIL: Expected collection @('a', 'b') to not contain 'a', but it was found."},
		{`'web01' | Should -BeLike 'WEB*'`, "PASS"},
		{`'db01' | Should -BeLike 'web*'`, "FAIL: Expected like wildcard 'web*' to match 'db01', but it did not match."},
		{`'web01' | Should -Not -BeLike 'web*'`, "FAIL: Expected like wildcard 'web*' to not match 'web01', but it did match."},
		{`'web01' | Should -BeLikeExactly 'web*'`, "PASS"},
		{`'web01' | Should -BeLikeExactly 'WEB*'`, "FAIL: Expected case sensitive like wildcard 'WEB*' to match 'web01', but it did not match."},
		{`'NKP-Primary' | Should -Match 'primary'`, "PASS"},
		{`'x' | Should -Match '^y'`, "FAIL: Expected regular expression '^y' to match 'x', but it did not match."},
		{`'x' | Should -Not -Match 'x'`, "FAIL: Expected regular expression 'x' to not match 'x', but it did match."},
		{`'NKP' | Should -MatchExactly 'NKP'`, "PASS"},
		{`'NKP' | Should -CMATCH 'nkp'`, "FAIL: Expected regular expression 'nkp' to case sensitively match 'NKP', but it did not match."},

		// BeNullOrEmpty, BeTrue, BeFalse, BeOfType
		{`$null | Should -BeNullOrEmpty`, "PASS"},
		{`@() | Should -BeNullOrEmpty`, "PASS"},
		{`'' | Should -BeNullOrEmpty`, "PASS"},
		{`@{} | Should -BeNullOrEmpty`, "PASS"},
		{`'a' | Should -BeNullOrEmpty`, "FAIL: Expected $null or empty, but got a."},
		{`1, 2 | Should -BeNullOrEmpty`, "FAIL: Expected $null or empty, but got @(1, 2)."},
		{`$null | Should -Not -BeNullOrEmpty`, "FAIL: Expected a value, but got $null or empty."},
		{`$true | Should -BeTrue`, "PASS"},
		{`1 | Should -BeTrue`, "PASS"},
		{`0 | Should -BeTrue`, "FAIL: Expected $true, but got 0."},
		{`$false | Should -BeTrue -Because 'it must'`, "FAIL: Expected $true, because it must, but got $false."},
		{`$null | Should -BeFalse`, "PASS"},
		{`$true | Should -BeFalse`, "FAIL: Expected $false, but got $true."},
		{`$true | Should -Not -BeTrue`, "FAIL: Expected $false, but got $true."},
		{`1 | Should -BeOfType [int]`, "PASS"},
		{`1 | Should -BeOfType 'int'`, "PASS"},
		{`'a' | Should -HaveType [string]`, "PASS"},
		{`'a' | Should -BeOfType [int]`, "FAIL: Expected the value to have type [int] or any of its subtypes, but got 'a' with type [string]."},
		{`1 | Should -Not -BeOfType [int]`, "FAIL: Expected the value to not have type [int] or any of its subtypes, but got 1 with type [int]."},

		// Contain, HaveCount
		{`1, 2, 3 | Should -Contain 2`, "PASS"},
		{`1, 'a', 3 | Should -Contain 'b'`, "FAIL: Expected 'b' to be found in collection @(1, 'a', 3), but it was not found."},
		{`1, 2 | Should -Not -Contain 2`, "FAIL: Expected 2 to not be found in collection @(1, 2), but it was found."},
		{`1, 2, 3 | Should -HaveCount 3`, "PASS"},
		{`@() | Should -HaveCount 0`, "PASS"},
		{`1, 'a', 3, 4 | Should -HaveCount 3 -Because 'reason'`, "FAIL: Expected a collection with size 3, because reason, but got collection with size 4 @(1, 'a', 3, 4)."},
		{`@() | Should -HaveCount 1`, "FAIL: Expected a collection with size 1, but got an empty collection."},
		{`1 | Should -HaveCount 0`, "FAIL: Expected an empty collection, but got collection with size 1 1."},
		{`1, 2 | Should -Not -HaveCount 2`, "FAIL: Expected a collection with size different from 2, but got collection with that size @(1, 2)."},
		{`1..12 | Should -HaveCount 2`, "FAIL: Expected a collection with size 2, but got collection with size 12 @(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, ...2 more)."},

		// Exist, FileContentMatch*
		{`'/tests/vms.txt' | Should -Exist`, "PASS"},
		{`'vms.txt' | Should -Exist`, "PASS"},
		{`'/nope.txt' | Should -Exist`, "FAIL: Expected path '/nope.txt' to exist, but it did not exist."},
		{`'/tests/vms.txt' | Should -Not -Exist`, "FAIL: Expected path '/tests/vms.txt' to not exist, but it did exist."},
		{`'/tests/vms.txt' | Should -FileContentMatch 'web02'`, "PASS"},
		{`'/tests/vms.txt' | Should -FileContentMatch 'app01'`, "FAIL: Expected 'app01' to be found in file '/tests/vms.txt', but it was not found."},
		{`'/tests/vms.txt' | Should -Not -FileContentMatch 'web01'`, "FAIL: Expected 'web01' to not be found in file '/tests/vms.txt', but it was found."},
		{`'/tests/vms.txt' | Should -FileContentMatchExactly 'WEB02'`, "PASS"},
		{`'/tests/vms.txt' | Should -FileContentMatchExactly 'DB01'`, "FAIL: Expected 'DB01' to be case sensitively found in file '/tests/vms.txt', but it was not found."},
		{`'/tests/vms.txt' | Should -FileContentMatchMultiline 'web01\nWEB02'`, "PASS"},
		{`'/tests/vms.txt' | Should -FileContentMatchMultiline '^WEB02'`, "FAIL: Expected '^WEB02' to be found in file '/tests/vms.txt', but it was not found."},
		{`'/tests/vms.txt' | Should -FileContentMatchMultilineExactly 'web01\nweb02'`, "FAIL: Expected 'web01\\nweb02' to be case sensitively found in file '/tests/vms.txt', but it was not found."},

		// Throw
		{`{ throw 'boom' } | Should -Throw`, "PASS"},
		{`{ throw 'boom' } | Should -Throw 'boom'`, "PASS"},
		{`{ throw 'boom' } | Should -Throw -ExpectedMessage 'bo*'`, "PASS"},
		{`{ throw [System.ArgumentException]'bad' } | Should -Throw -ExceptionType ([System.ArgumentException])`, "PASS"},
		{`{ Write-Error 'x' -ErrorId 'VMNotFound' -ErrorAction Stop } | Should -Throw -ErrorId 'VMNotFound*'`, "PASS"},
		{`$e = { throw 'boom' } | Should -Throw -PassThru; $e.Exception.Message | Should -Be 'boom'`, "PASS"},
		{`{ } | Should -Throw`, "FAIL: Expected an exception to be thrown, but no exception was thrown."},
		{`{ } | Should -Throw -ExpectedMessage 'x' -Because 'it must'`, "FAIL: Expected an exception with message like 'x' to be thrown, because it must, but no exception was thrown."},
		{`{ 1 } | Should -Not -Throw`, "PASS"},
		{`'x' | Should -Throw`, "ERROR: Input is missing or not a ScriptBlock. Input to '-Throw' and '-Not -Throw' must be enclosed in curly braces."},

		// HaveParameter
		{`function f { param([Parameter(Mandatory)][string]$Name, [int]$Count = 5, [Alias('Srv')][string]$Server) }
		  Get-Command f | Should -HaveParameter Name -Type [string] -Mandatory`, "PASS"},
		{`function f { param([int]$Count = 5) }
		  Get-Command f | Should -HaveParameter Count -DefaultValue 5`, "PASS"},
		{`function f { param([Alias('Srv')][string]$Server) }
		  Get-Command f | Should -HaveParameter Server -Alias Srv`, "PASS"},
		{`function f { param([string]$Name) }
		  Get-Command f | Should -HaveParameter Nope`, "FAIL: Expected command f to have a parameter Nope, but the parameter is missing."},
		{`function f { param([int]$Count) }
		  Get-Command f | Should -HaveParameter Count -Mandatory`, "FAIL: Expected command f to have a parameter Count, which is mandatory, but it wasn't mandatory."},
		{`function f { param([int]$Count) }
		  Get-Command f | Should -HaveParameter Count -Type [string]`, "FAIL: Expected command f to have a parameter Count, of type [System.String], but it was of type [System.Int32]."},
		{`function f { param([string]$Name) }
		  Get-Command f | Should -Not -HaveParameter Name`, "FAIL: Expected command f to not have a parameter Name, but the parameter exists."},
		{`Get-Command Get-Content | Should -HaveParameter Path`, "PASS"},
		{`function f { param([string[]]$Names) }
		  Get-Command f | Should -HaveParameter Names -Type [string[]]`, "PASS"},
		{`'x' | Should -HaveParameter Name`, "ERROR: Input value must be non-null CommandInfo object. You can get one by calling Get-Command."},
	}
	for _, tc := range tests {
		t.Run(tc.script, func(t *testing.T) {
			assert.Equal(t, tc.want, shouldOutcome(t, tc.script))
		})
	}
}

func TestShouldThrowMessagesShowWhereTheErrorWasThrown(t *testing.T) {
	got := shouldOutcome(t, `{ throw 'boom' } | Should -Throw -ExpectedMessage 'bang'`)
	assert.Equal(t, "FAIL: Expected an exception with message like 'bang' to be thrown, but the message was 'boom'. from line:2 char:3\n    + { throw 'boom' } | Should -Throw -ExpectedMessage 'bang'\n    +   ~~~~~~~~~~~~", got)
	got = shouldOutcome(t, `{ throw 'boom' } | Should -Not -Throw`)
	assert.True(t, strings.HasPrefix(got, `FAIL: Expected no exception to be thrown, but an exception "boom" was thrown from line:2 char:3`), got)
	got = shouldOutcome(t, `{ throw 'x' } | Should -Throw -ExceptionType ([System.ArgumentException])`)
	assert.True(t, strings.HasPrefix(got, "FAIL: Expected an exception with type [System.ArgumentException] to be thrown, but the exception type was [System.Management.Automation.RuntimeException]. from line:2"), got)
}

func TestShouldCollectsPipelineInput(t *testing.T) {
	// Operators on single values test every item; the first failure stops.
	assert.Equal(t, "FAIL: Expected the actual value to be greater than 1, but got 0.", shouldOutcome(t, `2, 0, 3 | Should -BeGreaterThan 1`))
	// The legacy form takes the value from -ActualValue.
	assert.Equal(t, "PASS", shouldOutcome(t, `Should -Be 1 -ActualValue 1`))
	// Should without a test still throws PesterAssertionFailed.
	assert.Equal(t, "FAIL: Expected $true, but got $false.", shouldOutcome(t, `Should -BeTrue -ActualValue $false`))
}
