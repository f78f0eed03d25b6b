package eval_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/keyhost/keyhost/ps/builtin"
	"github.com/keyhost/keyhost/ps/eval"
)

// run executes a command string on a fresh runner with the builtin
// cmdlets and returns stdout, stderr and the result.
func run(t *testing.T, src string, stdin string) (string, string, eval.Result) {
	t.Helper()
	var out, errOut bytes.Buffer
	table := eval.NewCommandTable()
	builtin.Register(table)
	h := &eval.Host{Stdout: &out, Stderr: &errOut, Now: func() time.Time { return time.Date(2026, 11, 24, 3, 11, 8, 0, time.UTC) }}
	if stdin != "" {
		h.Stdin = strings.NewReader(stdin)
	}
	r := eval.New(eval.WithHost(h), eval.WithCommands(table))
	res := r.RunCommand(context.Background(), "<test>", src)
	return out.String(), errOut.String(), res
}

func TestLanguage(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"string literal", `'hello'`, "hello\n"},
		{"expandable", `$x = 'web01'; "vm $x here"`, "vm web01 here\n"},
		{"member not expanded in string", `$x = 'abc'; "$x.Length"`, "abc.Length\n"},
		{"subexpression", `$x = 'abc'; "$($x.Length)"`, "3\n"},
		{"unset variable expands to empty", `"[$date]"`, "[]\n"},
		{"case-insensitive variables", `$VM = 1; $vm`, "1\n"},
		{"arithmetic", `1 + 2 * 3`, "7\n"},
		{"division gives double", `5 / 2`, "2.5\n"},
		{"string concat follows left", `'a' + 1`, "a1\n"},
		{"number plus string", `1 + '2'`, "3\n"},
		{"array output enumerates", `1,2,3`, "1\n2\n3\n"},
		{"foreach", `foreach ($i in 1..3) { $i * 2 }`, "2\n4\n6\n"},
		{"foreach over null runs zero times", `foreach ($i in $null) { 'x' }; 'done'`, "done\n"},
		{"if else", `if ($false) { 'a' } elseif (1 -eq 1) { 'b' } else { 'c' }`, "b\n"},
		{"truthiness of string False", `if ('False') { 'yes' }`, "yes\n"},
		{"empty array is false", `if (@()) { 'yes' } else { 'no' }`, "no\n"},
		{"collection -eq filters", `(1,2,3,2) -eq 2`, "2\n2\n"},
		{"null on left", `$null -eq $nothing`, "True\n"},
		{"like", `'web01' -like 'web*'`, "True\n"},
		{"match sets Matches", `if ('vm-101' -match 'vm-(\d+)') { $Matches[1] }`, "101\n"},
		{"replace groups", `'web01' -replace '(\w+)(\d\d)', '$2-$1'`, "01-web\n"},
		{"join and split", `(('a,b,c' -split ',') -join '|')`, "a|b|c\n"},
		{"format operator", `'{0:N2} {1,5}|' -f 1234.5, 'x'`, "1,234.50     x|\n"},
		{"hashtable", `$h = @{Name='web01'; Count=2}; $h.name; $h['COUNT']`, "web01\n2\n"},
		{"ordered hashtable keys", `$h = [ordered]@{b=1; a=2}; $h.Keys -join ','`, "b,a\n"},
		{"pscustomobject", `$o = [pscustomobject]@{A=1; B='x'}; "$($o.B)$($o.A)"`, "x1\n"},
		{"function with params", `function Add($a, $b) { $a + $b }; Add 2 3`, "5\n"},
		{"function named params", `function Greet { param($Name, $Greeting = 'Hello') "$Greeting $Name" }; Greet -Name vm`, "Hello vm\n"},
		{"function args", `function F { $args.Count }; F 1 2 3`, "3\n"},
		{"script block invoke", `$sb = { param($x) $x * 10 }; & $sb 4`, "40\n"},
		{"pipeline foreach-object", `1..3 | ForEach-Object { $_ + 1 }`, "2\n3\n4\n"},
		{"where-object", `1..6 | Where-Object { $_ % 2 -eq 0 }`, "2\n4\n6\n"},
		{"echo alias", `echo hi`, "hi\n"},
		{"out-null", `'x' | Out-Null; 'y'`, "y\n"},
		{"try catch throw", `try { throw 'boom' } catch { "caught $($_.Exception.Message)" }`, "caught boom\n"},
		{"finally runs", `try { 'a' } finally { 'b' }`, "a\nb\n"},
		{"while and break", `$i = 0; while ($true) { $i++; if ($i -ge 3) { break } }; $i`, "3\n"},
		{"labelled continue", `:outer foreach ($a in 1..2) { foreach ($b in 1..3) { if ($b -eq 2) { continue outer }; "$a$b" } }`, "11\n21\n"},
		{"switch", `switch (2) { 1 { 'one' } 2 { 'two' } default { 'other' } }`, "two\n"},
		{"switch wildcard", `switch -Wildcard ('web01') { 'web*' { 'web' } 'db*' { 'db' } }`, "web\n"},
		{"increment statement prints nothing", `$i = 1; $i++; $i`, "2\n"},
		{"multiple assignment", `$a, $b = 1, 2, 3; $b -join ','`, "2,3\n"},
		{"compound assignment", `$x = 5; $x += 3; $x`, "8\n"},
		{"cast int banker", `[int]2.5; [int]3.5`, "2\n4\n"},
		{"member enumeration", `$list = @([pscustomobject]@{N='a'}, [pscustomobject]@{N='b'}); $list.N -join ','`, "a,b\n"},
		{"count of scalar", `$x = 'one'; $x.Count`, "1\n"},
		{"count of null", `$null.Count`, "0\n"},
		{"string methods", `'  Web01  '.Trim().ToUpper()`, "WEB01\n"},
		{"static method", `[string]::IsNullOrEmpty('')`, "True\n"},
		{"math round", `[math]::Round(2.567, 2)`, "2.57\n"},
		{"subexpression in argument", `Write-Output "n=$(1+1)"`, "n=2\n"},
		{"write-output array", `Write-Output 1,2`, "1\n2\n"},
		{"ternary", `$true ? 'y' : 'n'`, "y\n"},
		{"null coalescing", `$null ?? 'default'`, "default\n"},
		{"hashtable addition", `$h = @{a=1} + @{b=2}; $h.Count`, "2\n"},
		{"here-string", "@'\nline one\nline two\n'@", "line one\nline two\n"},
		{"contains operator", `1,2,3 -contains 2`, "True\n"},
		{"in operator", `'b' -in 'a','b'`, "True\n"},
		{"is operator", `'x' -is [string]`, "True\n"},
		{"not", `-not $false`, "True\n"},
		{"range reverse", `(3..1) -join ''`, "321\n"},
		{"array index negative", `$a = 1,2,3; $a[-1]`, "3\n"},
		{"dollar question", `Write-Output 1 | Out-Null; $?`, "True\n"},
		{"secure string hides its text", `$s = ConvertTo-SecureString 'VMware1!' -AsPlainText -Force; "$s $($s.Length)"`, "System.Security.SecureString 8\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, res := run(t, tc.src, "")
			assert.Equal(t, tc.want, out)
			assert.Empty(t, errOut)
			assert.Equal(t, 0, res.ExitCode)
		})
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name      string
		src       string
		wantOut   string
		wantErr   string // substring of stderr
		exitCode  int
		terminate bool
	}{
		{"unknown command is statement-terminating", "Get-Nothing\n'after'", "after\n", "The term 'Get-Nothing' is not recognized as a name of a cmdlet, function, script file, or executable program.", 1, false},
		{"throw terminates the script", "throw 'boom'\n'after'", "", "Exception: boom\n", 1, true},
		{"error view shows the line after line 1", "'x' | Out-Null\nthrow 'boom'", "", "Exception: \nLine |\n   2 |  throw 'boom'\n     |  ~~~~~~~~~~~~\n     | boom\n", 1, true},
		{"unknown parameter", "Write-Output -Bogus 1", "", "A parameter cannot be found that matches parameter name 'Bogus'.", 1, false},
		{"missing argument", "Write-Host -ForegroundColor", "", "Missing an argument for parameter 'ForegroundColor'. Specify a parameter of type 'System.ConsoleColor' and try again.", 1, false},
		{"write-error continues", "Write-Error 'bad'\n'after'", "after\n", "bad", 1, false},
		{"erroraction stop terminates", "Write-Error 'bad' -ErrorAction Stop\n'after'", "", "bad", 1, true},
		{"silently continue hides", "Write-Error 'bad' -ErrorAction SilentlyContinue\n'after'; $Error.Count", "after\n1\n", "", 0, false},
		{"catch sees cmdlet error with stop", "try { Write-Error 'inner' -ErrorAction Stop } catch { \"caught: $_\" }", "caught: inner\n", "", 0, false},
		{"method on null", "$x = $null\n$x.Foo()", "", "You cannot call a method on a null-valued expression.", 1, false},
		{"exit code", "exit 7", "", "", 7, false},
		{"erroractionpreference stop", "$ErrorActionPreference = 'Stop'\nGet-Nothing\n'after'", "", "Get-Nothing", 1, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, res := run(t, tc.src, "")
			assert.Equal(t, tc.wantOut, out)
			if tc.wantErr == "" {
				assert.Empty(t, errOut)
			} else {
				assert.Contains(t, errOut, tc.wantErr)
			}
			assert.Equal(t, tc.exitCode, res.ExitCode)
			assert.Equal(t, tc.terminate, res.Terminated)
		})
	}
}

func TestParseErrorReportsLineAndColumn(t *testing.T) {
	_, errOut, res := run(t, "'ok'\nif ($x {\n", "")
	require.Equal(t, 1, res.ExitCode)
	assert.True(t, res.Terminated)
	assert.Contains(t, errOut, "ParserError:")
	assert.Contains(t, errOut, "   2 |  if ($x {")
}
