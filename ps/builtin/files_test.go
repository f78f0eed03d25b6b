package builtin_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// runFileCases runs cases against a file system holding files (under
// /work, the current location).
func runFileCases(t *testing.T, files map[string]string, cases []scriptCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := runScript(t, tc.src, files)
			assert.Equal(t, tc.want, r.out)
			assert.Empty(t, r.err)
		})
	}
}

// sampleFiles is a small tree for the file cmdlet tests.
var sampleFiles = map[string]string{
	"/work/a.txt":       "one\ntwo\nthree\n",
	"/work/b.log":       "log",
	"/work/d/c.txt":     "c",
	"/work/d/e/f.txt":   "f",
	"/work/crlf.txt":    "x\r\ny\r\n",
	"/work/nonl.txt":    "last",
	"/work/bom.txt":     "\uFEFFbom",
	"/work/.hidden.txt": "h",
}

func TestGetContent(t *testing.T) {
	runFileCases(t, sampleFiles, []scriptCase{
		{"lines", `Get-Content a.txt`, "one\ntwo\nthree\n"},
		{"line count", `(Get-Content a.txt).Count`, "3\n"},
		{"crlf", `(Get-Content crlf.txt) -join '|'`, "x|y\n"},
		{"no final newline", `Get-Content nonl.txt`, "last\n"},
		{"byte order mark dropped", `(Get-Content bom.txt).Length`, "3\n"},
		{"raw", `(Get-Content a.txt -Raw).Length`, "14\n"},
		{"total count", `Get-Content a.txt -TotalCount 2`, "one\ntwo\n"},
		{"head alias", `Get-Content a.txt -Head 1`, "one\n"},
		{"tail", `Get-Content a.txt -Tail 2`, "two\nthree\n"},
		{"read count", `(Get-Content a.txt -ReadCount 2)[0] -join ','`, "one,two\n"},
		{"read count zero", `(Get-Content a.txt -ReadCount 0).Count`, "3\n"},
		{"wildcard skips hidden files", `(Get-Content *.txt).Count; (Get-Content *.txt -Force).Count`, "7\n8\n"},
		{"literal path", `Get-Content -LiteralPath nonl.txt`, "last\n"},
		{"absolute path", `Get-Content /work/d/c.txt`, "c\n"},
		{"aliases", `gc nonl.txt; cat nonl.txt; type nonl.txt`, "last\nlast\nlast\n"},
		{"path from the pipeline by property", `Get-ChildItem d/c.txt | Get-Content`, "c\n"},
		{"encoding accepted", `Get-Content nonl.txt -Encoding utf8`, "last\n"},
	})
	runErrorCases(t, []errorCase{
		{"missing", `Get-Content nope.txt`, "", "Get-Content: Cannot find path '/work/nope.txt' because it does not exist."},
		{"directory", `mkdir d | Out-Null; Get-Content d`, "", "Unable to get content because it is a directory: '/work/d'. Please use 'Get-ChildItem' instead."},
	})
	t.Run("missing file error record", func(t *testing.T) {
		r := runScript(t, `try { Get-Content nope.txt -ErrorAction Stop } catch { $_.FullyQualifiedErrorId; $_.CategoryInfo.Category; $_.Exception.GetType().Name }`, nil)
		assert.Equal(t, "PathNotFound,Microsoft.PowerShell.Commands.GetContentCommand\nObjectNotFound\nItemNotFoundException\n", r.out)
	})
}

func TestSetAndAddContent(t *testing.T) {
	runFileCases(t, sampleFiles, []scriptCase{
		{"set", `Set-Content n.txt 'x', 'y'; Get-Content n.txt -Raw`, "x\ny\n\n"},
		{"set from the pipeline", `1..3 | Set-Content n.txt; (Get-Content n.txt) -join ','`, "1,2,3\n"},
		{"set replaces", `Set-Content a.txt 'new'; Get-Content a.txt`, "new\n"},
		{"set no newline", `Set-Content n.txt 'a', 'b' -NoNewline; Get-Content n.txt -Raw`, "ab\n"},
		{"add appends after the last character", `Add-Content nonl.txt 'more'; Get-Content nonl.txt`, "lastmore\n"},
		{"add after a line", `Add-Content a.txt 'four'; (Get-Content a.txt)[-1]`, "four\n"},
		{"add to new file", `Add-Content n.txt 'x'; Add-Content n.txt 'y'; Get-Content n.txt`, "x\ny\n"},
		{"add no newline", `Add-Content n.txt 'x' -NoNewline; Add-Content n.txt 'y' -NoNewline; Get-Content n.txt -Raw`, "xy\n"},
		{"value parameter", `Set-Content -Path n.txt -Value 5; Get-Content n.txt`, "5\n"},
		{"sc and ac aliases", `sc n.txt 'a'; ac n.txt 'b'; gc n.txt`, "a\nb\n"},
	})
	runErrorCases(t, []errorCase{
		{"missing folder", `Set-Content /nope/x.txt 'a'`, "", "Could not find a part of the path '/nope/x.txt'."},
	})
}

func TestTestPath(t *testing.T) {
	runFileCases(t, sampleFiles, []scriptCase{
		{"exists", `Test-Path a.txt; Test-Path /work/d; Test-Path nope`, "True\nTrue\nFalse\n"},
		{"path type", `Test-Path d -PathType Container; Test-Path d -PathType Leaf; Test-Path a.txt -PathType Leaf; Test-Path a.txt -PathType Any`, "True\nFalse\nTrue\nTrue\n"},
		{"wildcards", `Test-Path *.log; Test-Path *.xyz`, "True\nFalse\n"},
		{"several paths", `Test-Path a.txt, nope`, "True\nFalse\n"},
		{"literal path", `Test-Path -LiteralPath '*.log'`, "False\n"},
		{"is valid", `Test-Path '/any/path' -IsValid`, "True\n"},
	})
}

func TestJoinAndSplitPath(t *testing.T) {
	runCases(t, []scriptCase{
		{"join", `Join-Path a b`, "a/b\n"},
		{"join additional", `Join-Path /a b c d`, "/a/b/c/d\n"},
		{"join several parents", `Join-Path -Path a, b -ChildPath c`, "a/c\nb/c\n"},
		{"join separators", `Join-Path a/ /b`, "a/b\n"},
		{"join backslash", `Join-Path a 'b\c'`, "a/b/c\n"},
		{"split parent", `Split-Path /a/b/c.txt`, "/a/b\n"},
		{"split leaf", `Split-Path /a/b/c.txt -Leaf`, "c.txt\n"},
		{"split leaf base and extension", `Split-Path /a/b/c.tar.gz -LeafBase; Split-Path /a/b/c.tar.gz -Extension`, "c.tar\n.gz\n"},
		{"split relative", `Split-Path a/b`, "a\n"},
		{"split single", `Split-Path a; (Split-Path a).Length`, "\n0\n"},
		{"is absolute", `Split-Path /a/b -IsAbsolute; Split-Path a/b -IsAbsolute`, "True\nFalse\n"},
		{"no qualifier", `Split-Path /a/b -NoQualifier`, "/a/b\n"},
		{"from the pipeline", `'/x/y', '/p/q' | Split-Path -Leaf`, "y\nq\n"},
	})
	runErrorCases(t, []errorCase{
		{"qualifier on unix", `Split-Path /a/b -Qualifier`, "", "Cannot parse path because path '/a/b' does not have a qualifier specified."},
		{"join resolve missing", `Join-Path /work nope -Resolve`, "", "Cannot find path '/work/nope' because it does not exist."},
	})
}

func TestItems(t *testing.T) {
	runFileCases(t, sampleFiles, []scriptCase{
		{"list", `Get-ChildItem`,
			"\n    Directory: /work\n\n" +
				"UnixMode         User Group         LastWriteTime         Size Name\n" +
				"--------         ---- -----         -------------         ---- ----\n" +
				"drwxr-xr-x                         1/1/0001 00:00            0 d\n" +
				"-rw-r--r--                         1/1/0001 00:00           14 a.txt\n" +
				"-rw-r--r--                         1/1/0001 00:00            3 b.log\n" +
				"-rw-r--r--                         1/1/0001 00:00            6 bom.txt\n" +
				"-rw-r--r--                         1/1/0001 00:00            6 crlf.txt\n" +
				"-rw-r--r--                         1/1/0001 00:00            4 nonl.txt\n\n"},
		{"names", `Get-ChildItem -Name`, "d\na.txt\nb.log\nbom.txt\ncrlf.txt\nnonl.txt\n"},
		{"force shows hidden", `(Get-ChildItem -Force -Name) -contains '.hidden.txt'`, "True\n"},
		{"filter", `Get-ChildItem -Filter *.txt -Name`, "a.txt\nbom.txt\ncrlf.txt\nnonl.txt\n"},
		{"wildcard path", `(Get-ChildItem *.log).Name`, "b.log\n"},
		{"recurse", `Get-ChildItem -Recurse -File | ForEach-Object FullName`,
			"/work/a.txt\n/work/b.log\n/work/bom.txt\n/work/crlf.txt\n/work/nonl.txt\n/work/d/c.txt\n/work/d/e/f.txt\n"},
		{"recurse names", `Get-ChildItem d -Recurse -Name`, "e\nc.txt\ne/f.txt\n"},
		{"directories", `(Get-ChildItem -Directory -Recurse).FullName`, "/work/d\n/work/d/e\n"},
		{"depth", `Get-ChildItem -Recurse -Depth 0 -Name d`, "e\nc.txt\n"},
		{"include and exclude", `(Get-ChildItem -Recurse -Include *.txt -Exclude c*).Name -join ','`, "a.txt,bom.txt,nonl.txt,f.txt\n"},
		{"file object", `$f = Get-Item a.txt; $f.Name; $f.BaseName; $f.Extension; $f.Length; $f.FullName; $f.DirectoryName; $f.PSIsContainer`,
			"a.txt\na\n.txt\n14\n/work/a.txt\n/work\nFalse\n"},
		{"directory object", `$d = Get-Item d; $d.PSIsContainer; $d.Parent.FullName; $d.GetType().Name`, "True\n/work\nDirectoryInfo\n"},
		{"aliases", `(ls).Count; (dir).Count; (gci).Count`, "6\n6\n6\n"},
		{"file of another folder", `Get-ChildItem d/e`,
			"\n    Directory: /work/d/e\n\nUnixMode         User Group         LastWriteTime         Size Name\n--------         ---- -----         -------------         ---- ----\n-rw-r--r--                         1/1/0001 00:00            1 f.txt\n\n"},
		{"new file", `New-Item n.txt -Value 'hi' | Out-Null; Get-Content n.txt`, "hi\n"},
		{"new file object", `(New-Item -Path /work -Name n.txt -ItemType File).FullName`, "/work/n.txt\n"},
		{"new directory", `New-Item -ItemType Directory x | Out-Null; Test-Path x -PathType Container`, "True\n"},
		{"new with force creates parents", `New-Item -ItemType File x/y/z.txt -Force | Out-Null; Test-Path x/y/z.txt`, "True\n"},
		{"new with force overwrites", `New-Item a.txt -Force -Value 'v' | Out-Null; Get-Content a.txt`, "v\n"},
		{"mkdir", `mkdir m/n | Out-Null; Test-Path m/n; (mkdir p).GetType().Name; md q | Out-Null; Test-Path q`, "True\nDirectoryInfo\nTrue\n"},
		{"remove", `Remove-Item a.txt; Test-Path a.txt`, "False\n"},
		{"remove recurse", `Remove-Item d -Recurse; Test-Path d`, "False\n"},
		{"remove wildcard", `Remove-Item *.txt; (Get-ChildItem -Name) -join ','`, "d,b.log\n"},
		{"remove aliases", `rm a.txt; del b.log; ri nonl.txt; rmdir d -Recurse; (Get-ChildItem -Name) -join ','`, "bom.txt,crlf.txt\n"},
		{"remove what if", `Remove-Item a.txt -WhatIf; Test-Path a.txt`, "What if: Performing the operation \"Remove File\" on target \"/work/a.txt\".\nTrue\n"},
	})
	runErrorCases(t, []errorCase{
		{"list missing", `Get-ChildItem nope`, "", "Cannot find path '/work/nope' because it does not exist."},
		{"new existing", `New-Item f.txt | Out-Null; New-Item f.txt`, "", "The file '/work/f.txt' already exists."},
		{"remove missing", `Remove-Item nope.txt`, "", "Cannot find path '/work/nope.txt' because it does not exist."},
		{"remove folder with children", `mkdir a/b | Out-Null; Remove-Item a`, "", "The item at /work/a has children and the Recurse parameter was not specified."},
	})
}

func TestLocations(t *testing.T) {
	runFileCases(t, sampleFiles, []scriptCase{
		{"get", `Get-Location`, "\nPath\n----\n/work\n\n"},
		{"get path", `(Get-Location).Path; "$(pwd)"; (gl).Path`, "/work\n/work\n/work\n"},
		{"set", `Set-Location d; (Get-Location).Path; Get-Content c.txt`, "/work/d\nc\n"},
		{"cd", `cd d/e; "$PWD"; cd ..; "$PWD"; cd /; "$PWD"; chdir /work; (Get-Location).Path`, "/work/d/e\n/work/d\n/\n/work\n"},
		{"pass thru", `(Set-Location d -PassThru).Path`, "/work/d\n"},
		{"push and pop", `Push-Location d; "$PWD"; pushd /; "$PWD"; Pop-Location; "$PWD"; popd; "$PWD"`, "/work/d\n/\n/work/d\n/work\n"},
		{"pop empty stack does nothing", `Pop-Location; "$PWD"`, "/work\n"},
		{"resolve", `(Resolve-Path d).Path; (Resolve-Path *.log).Path`, "/work/d\n/work/b.log\n"},
		{"resolve relative", `Resolve-Path d/c.txt -Relative`, "./d/c.txt\n"},
		{"resolve view", `Resolve-Path d`, "\nPath\n----\n/work/d\n\n"},
	})
	runErrorCases(t, []errorCase{
		{"set missing", `Set-Location nope`, "", "Cannot find path '/work/nope' because it does not exist."},
		{"resolve missing", `Resolve-Path nope`, "", "Cannot find path '/work/nope' because it does not exist."},
	})
}
