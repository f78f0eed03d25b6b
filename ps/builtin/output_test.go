package builtin_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestStreams(t *testing.T) {
	runCases(t, []scriptCase{
		{"debug is silent by default", `Write-Debug 'a'`, ""},
		{"-Debug shows it", `Write-Debug 'b' -Debug`, "DEBUG: b\n"},
		{"DebugPreference", `$DebugPreference = 'Continue'; Write-Debug 'c'`, "DEBUG: c\n"},
		{"information is silent by default", `Write-Information 'a'`, ""},
		{"InformationAction", `Write-Information 'b' -InformationAction Continue`, "b\n"},
		{"InformationPreference", `$InformationPreference = 'Continue'; Write-Information 'c'`, "c\n"},
		{"verbose is silent by default", `Write-Verbose 'v'; Write-Verbose 'w' -Verbose`, "VERBOSE: w\n"},
		{"warning", `Write-Warning 'careful'`, "WARNING: careful\n"},
		{"write-output enumerates", `(Write-Output 1,2).Count`, "2\n"},
		{"write-output no enumerate", `(Write-Output -NoEnumerate 1,2 | Measure-Object).Count`, "1\n"},
		{"echo alias", `echo hi`, "hi\n"},
		{"out-null", `1, 2 | Out-Null`, ""},
	})
}

func TestOutString(t *testing.T) {
	runCases(t, []scriptCase{
		{"strings", `$s = 'a','b' | Out-String; $s.Length; $s`, "4\na\nb\n\n"},
		{"object table", `[pscustomobject]@{A=1} | Out-String`, "\nA\n-\n1\n\n\n"},
		{"stream", `[pscustomobject]@{A=1} | Out-String -Stream | ForEach-Object { "[$_]" }`, "[]\n[A]\n[-]\n[1]\n[]\n"},
		{"stream strings", `(1, 2 | Out-String -Stream).Count`, "2\n"},
		{"no newline", `'a', 'b' | Out-String -NoNewline`, "ab\n"},
		{"format-table then out-string", vmObjects + `$vms | Format-Table Name, PowerState | Out-String`,
			"\nName  PowerState\n----  ----------\nweb01 PoweredOn\ndb01  PoweredOff\ndev01 PoweredOn\n\n\n"},
		{"hashtable", `[ordered]@{a=1; bb='x'} | Out-String`,
			"\nName                           Value\n----                           -----\na                              1\nbb                             x\n\n\n"},
		{"input object", `Out-String -InputObject 5`, "5\n\n"},
	})
	runErrorCases(t, []errorCase{
		{"width too small", `1 | Out-String -Width 1`, "", "Cannot validate argument on parameter 'Width'. The 1 argument is less than the minimum allowed range of 2."},
	})
}

func TestOutDefaultAndHost(t *testing.T) {
	runCases(t, []scriptCase{
		{"out-default", `[pscustomobject]@{A=1} | Out-Default`, "\nA\n-\n1\n\n"},
		{"out-host", `'x', 'y' | Out-Host`, "x\ny\n"},
		{"out-default produces no output objects", `$r = 1 | Out-Default; $null -eq $r`, "1\nTrue\n"},
		{"five properties make a list", `[pscustomobject]@{A=1; B=2; C=3; D=4; E=5}`, "\nA : 1\nB : 2\nC : 3\nD : 4\nE : 5\n\n"},
		{"date", `Get-Date`, "\nTuesday, November 24, 2026 3:11:08 AM\n\n"},
		{"array of numbers", `1, 2`, "1\n2\n"},
		{"null prints nothing", `$null`, ""},
	})
}

func TestOutFile(t *testing.T) {
	runCases(t, []scriptCase{
		{"strings", `'a', 'b' | Out-File o.txt; Get-Content o.txt`, "a\nb\n"},
		{"append", `'a' | Out-File o.txt; 'b' | Out-File o.txt -Append; Get-Content o.txt`, "a\nb\n"},
		{"no newline", `'a', 'b' | Out-File o.txt -NoNewline; Get-Content o.txt -Raw`, "ab\n"},
		{"objects formatted", `[pscustomobject]@{A=1} | Out-File o.txt; Get-Content o.txt -Raw`, "\nA\n-\n1\n\n\n"},
		{"file path parameter", `Out-File -FilePath o.txt -InputObject 'z'; Get-Content o.txt`, "z\n"},
		{"encoding accepted", `'a' | Out-File o.txt -Encoding utf8; 'b' | Out-File o.txt -Encoding ascii -Append; Get-Content o.txt`, "a\nb\n"},
	})
	runErrorCases(t, []errorCase{
		{"no clobber", `'a' | Out-File o.txt; 'b' | Out-File o.txt -NoClobber`, "", "The file '/work/o.txt' already exists."},
		{"directory missing", `'a' | Out-File /nope/o.txt`, "", "Could not find a part of the path '/nope/o.txt'."},
		{"bad encoding", `'a' | Out-File o.txt -Encoding klingon`, "", "Cannot bind parameter 'Encoding'."},
	})
	t.Run("utf8BOM writes a byte order mark", func(t *testing.T) {
		r := runScript(t, `'a' | Out-File /work/o.txt -Encoding utf8BOM`, nil)
		data, err := r.fs.ReadFile("/work/o.txt")
		assert.NoError(t, err)
		assert.Equal(t, []byte("\xEF\xBB\xBFa\n"), data)
	})
}
