package builtin_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// slsFiles is a small tree for the Select-String tests (the current
// location is /work).
var slsFiles = map[string]string{
	"/work/app.log":       "INFO start\nWARN disk low\nERROR disk failed\ninfo done\n",
	"/work/crlf.log":      "one\r\ntwo\r\nthree",
	"/work/sub/other.log": "nothing here\nERROR again\n",
	"/work/ctx.txt":       "a\nb\nMATCH1\nc\nd\ne\nMATCH2\nMATCH3\nf\n",
	"/work/bom.txt":       "\uFEFFfirst\nsecond\n",
	"/work/d/x.txt":       "error in d\n",
}

func TestSelectStringPipeline(t *testing.T) {
	runCases(t, []scriptCase{
		{"matches ignore case", `'Hello', 'hello', 'bye' | Select-String hello | ForEach-Object Line`, "Hello\nhello\n"},
		{"case sensitive", `('Hello', 'hello' | Select-String hello -CaseSensitive).Line`, "hello\n"},
		{"to string is the line", `"$('abc' | Select-String b)"`, "abc\n"},
		{"default view", `'hello', 'Hello', 'goodbye' | Select-String l`, "\nhello\nHello\n\n"},
		{"out-string", `('hello', 'Hello' | Select-String l | Out-String) -replace "\n", '|'`, "|hello|Hello||\n"},
		{"line numbers count records", `'x', 'y', 'x' | Select-String x | ForEach-Object LineNumber`, "1\n3\n"},
		{"line number type", `('x' | Select-String x).LineNumber.GetType().Name`, "UInt64\n"},
		{"input stream path", `$m = 'x' | Select-String x; $m.Path; $m.Filename; $m.Pattern; $m.IgnoreCase`, "InputStream\nInputStream\nx\nTrue\n"},
		{"type names", `('x' | Select-String x).pstypenames -join ','`, "Microsoft.PowerShell.Commands.MatchInfo,System.Object\n"},
		{"property order", `('x' | Select-String x).psobject.Properties.Name -join ','`, "IgnoreCase,LineNumber,Line,Filename,Path,Pattern,Context,Matches\n"},
		{"matches are regex matches", `$m = ('key=value' | Select-String '(?<k>\w+)=(\w+)').Matches[0]; $m.Value; $m.Index; $m.Length; $m.Groups['k'].Value; $m.Groups[2].Value`, "key=value\n0\n9\nkey\nvalue\n"},
		{"first match only", `('a1b2' | Select-String '\d').Matches.Value -join ','`, "1\n"},
		{"all matches", `('a1b2' | Select-String '\d' -AllMatches).Matches.Value -join ','`, "1,2\n"},
		{"not match", `'one', 'two', 'three' | Select-String 'o' -NotMatch | ForEach-Object Line`, "three\n"},
		{"not match has no matches", `('x' | Select-String y -NotMatch).Matches.Count`, "0\n"},
		{"raw", `$r = 'ab', 'cd' | Select-String a -Raw; $r; $r.GetType().Name`, "ab\nString\n"},
		{"simple match", `'a.c', 'abc' | Select-String '.' -SimpleMatch -Raw`, "a.c\n"},
		{"simple match ignores case", `'ABC' | Select-String 'b' -SimpleMatch -Raw`, "ABC\n"},
		{"simple match has no matches", `('a.c' | Select-String '.' -SimpleMatch).Matches.Count`, "0\n"},
		{"several patterns", `('foo', 'bar' | Select-String 'zzz', 'bar').Pattern`, "bar\n"},
		{"quiet true", `'a', 'b' | Select-String b -Quiet`, "True\n"},
		{"quiet nothing for pipeline input", `$null -eq ('a' | Select-String z -Quiet)`, "True\n"},
		{"list does not limit pipeline input", `('a', 'a' | Select-String a -List).Count`, "2\n"},
		{"input object is one line", `(Select-String -InputObject 'some stuff', 'other stuff' -Pattern other).Line`, "some stuff other stuff\n"},
		{"objects become strings", `(1..12 | Select-String '^1').Line -join ','`, "1,10,11,12\n"},
		{"null is an empty line", `($null, 'x' | Select-String '^$').LineNumber`, "1\n"},
		{"filter mode passes results on", `'ab', 'ac', 'bc' | Select-String a | Select-String c | ForEach-Object { $_.Line; $_.LineNumber }`, "ac\n2\n"},
		{"context", `$m = 'a', 'b', 'c', 'd', 'e' | Select-String c -Context 1, 2; $m.Context.PreContext -join ','; $m.Context.PostContext -join ','`, "b\nd,e\n"},
		{"context view", `'a', 'b', 'c', 'd' | Select-String c -Context 1`, "\n  b\n> c\n  d\n\n"},
		{"context one number", `$m = 1..5 | Select-String 3 -Context 1; $m.Context.PreContext; $m.Context.PostContext`, "2\n4\n"},
		{"context to string", `"$('a', 'b' | Select-String b -Context 1)" -replace "\n", '|'`, "  a|> b\n"},
		{"no context is null", `$null -eq ('a' | Select-String a).Context`, "True\n"},
		{"raw ignores context", `'a', 'b', 'c' | Select-String b -Raw -Context 1`, "b\n"},
		{"parameter prefixes", `('Hello', 'hello' | Select-String hello -ca -q)`, "True\n"},
		{"sls alias", `'q' | sls q -Raw`, "q\n"},
		{"encoding accepted", `'q' | Select-String q -Raw -Encoding utf8`, "q\n"},
		{"culture with simple match", `'file' | Select-String 'FILE' -SimpleMatch -Culture Ordinal -Raw`, "file\n"},
	})
	runErrorCases(t, []errorCase{
		{"invalid regex", `'a' | Select-String '('`, "", "The string ( is not a valid regular expression: Invalid pattern '(' at offset 1."},
		{"lookaround unsupported", `'a' | Select-String 'a(?=b)'`, "", "is not a valid regular expression"},
		{"raw and quiet", `'a' | Select-String a -Raw -Quiet`, "", "Parameter set cannot be resolved"},
		{"culture without simple match", `'a' | Select-String a -Culture Ordinal`, "", "Culture"},
		{"context range", `'a' | Select-String a -Context -1`, "", "The -1 argument is less than the minimum allowed range of 0."},
	})
	t.Run("invalid regex record", func(t *testing.T) {
		r := runScript(t, `try { 'a' | Select-String '[' } catch { $_.FullyQualifiedErrorId; $_.CategoryInfo.Category; $_.Exception.GetType().FullName; $_.TargetObject }`, nil)
		assert.Equal(t, "InvalidRegex,Microsoft.PowerShell.Commands.SelectStringCommand\nInvalidArgument\nSystem.ArgumentException\n[\n", r.out)
	})
	t.Run("raw and quiet record", func(t *testing.T) {
		r := runScript(t, `try { 'a' | Select-String a -Raw -Quiet } catch { $_.Exception.GetType().FullName }`, nil)
		assert.Equal(t, "System.Management.Automation.ParameterBindingException\n", r.out)
	})
}

func TestSelectStringFiles(t *testing.T) {
	runFileCases(t, slsFiles, []scriptCase{
		{"to string has the full path", `Select-String disk app.log | ForEach-Object { "$_" }`, "/work/app.log:2:WARN disk low\n/work/app.log:3:ERROR disk failed\n"},
		{"view shows the relative path", `Select-String disk app.log`, "\napp.log:2:WARN disk low\napp.log:3:ERROR disk failed\n\n"},
		{"view of a folder below", `Select-String again sub/other.log`, "\nsub/other.log:2:ERROR again\n\n"},
		{"view outside the location", `Set-Location sub; Select-String disk ../app.log`, "\n/work/app.log:2:WARN disk low\n/work/app.log:3:ERROR disk failed\n\n"},
		{"to string with a directory", `$m = Select-String again sub/other.log; $m.ToString('/work'); $m.ToString('/work/'); $m.ToString('/other'); $m.RelativePath('/work/sub')`,
			"sub/other.log:2:ERROR again\nsub/other.log:2:ERROR again\n/work/sub/other.log:2:ERROR again\nother.log\n"},
		{"properties", `$m = Select-String ERROR app.log; $m.LineNumber; $m.Line; $m.Filename; $m.Path; $m.Pattern; $m.IgnoreCase`,
			"3\nERROR disk failed\napp.log\n/work/app.log\nERROR\nTrue\n"},
		{"case insensitive by default", `(Select-String info app.log).LineNumber`, "1\n4\n"},
		{"case sensitive", `(Select-String info app.log -CaseSensitive).LineNumber`, "4\n"},
		{"named parameters", `(Select-String -Path app.log -Pattern WARN).Line`, "WARN disk low\n"},
		{"crlf and no final newline", `(Select-String 'e' crlf.log -Raw) -join '|'`, "one|three\n"},
		{"byte order mark dropped", `(Select-String '^first$' bom.txt).LineNumber`, "1\n"},
		{"raw", `Select-String disk app.log -Raw`, "WARN disk low\nERROR disk failed\n"},
		{"not match", `Select-String disk app.log -NotMatch -Raw`, "INFO start\ninfo done\n"},
		{"list", `(Select-String disk app.log -List).LineNumber`, "2\n"},
		{"list per file", `(Select-String error app.log, sub/other.log -List).Path`, "/work/app.log\n/work/sub/other.log\n"},
		{"quiet found", `Select-String disk app.log -Quiet`, "True\n"},
		{"quiet not found", `Select-String kernel app.log -Quiet`, "False\n"},
		{"quiet several files", `Select-String again app.log, sub/other.log -Quiet`, "True\n"},
		{"wildcards", `(Select-String ERROR *.log, sub/*.log).Filename`, "app.log\nother.log\n"},
		{"wildcard with no match is silent", `Select-String x *.nothing; 'ok'`, "ok\n"},
		{"directories are skipped", `(Select-String error *).Filename`, "app.log\n"},
		{"literal path", `(Select-String ERROR -LiteralPath app.log).LineNumber`, "3\n"},
		{"pipe file objects", `(Get-ChildItem -Recurse -Filter *.log | Select-String ERROR).Path`, "/work/app.log\n/work/sub/other.log\n"},
		{"pipe a file object", `(Get-Item app.log | Select-String WARN).LineNumber`, "2\n"},
		{"include and exclude", `(Select-String ERROR * -Include *.log).Filename; (Select-String error *, d/* -Exclude *.log).Filename`, "app.log\nx.txt\n"},
		{"display context", `Select-String MATCH ctx.txt -Context 1`,
			"\n  ctx.txt:2:b\n> ctx.txt:3:MATCH1\n  ctx.txt:4:c\n  ctx.txt:6:e\n> ctx.txt:7:MATCH2\n> ctx.txt:8:MATCH3\n  ctx.txt:9:f\n\n"},
		{"logical context overlaps", `$m = Select-String MATCH ctx.txt -Context 1; $m | ForEach-Object { ($_.Context.PreContext -join ',') + '/' + ($_.Context.PostContext -join ',') }`,
			"b/c\ne/MATCH3\nMATCH2/f\n"},
		{"display context skips shown lines", `$m = Select-String MATCH ctx.txt -Context 1; $m | ForEach-Object { ($_.Context.DisplayPreContext -join ',') + '/' + ($_.Context.DisplayPostContext -join ',') }`,
			"b/c\ne/\n/f\n"},
		{"context before and after", `$m = Select-String MATCH1 ctx.txt -Context 2, 0; $m.Context.PreContext -join ','; $m.Context.PostContext.Count`, "a,b\n0\n"},
		{"context at the end of the file", `$m = Select-String '^f$' ctx.txt -Context 0, 3; $m.Context.PostContext.Count`, "0\n"},
		{"context type", `(Select-String MATCH1 ctx.txt -Context 1).Context.GetType().FullName`, "Microsoft.PowerShell.Commands.MatchInfoContext\n"},
		// As in pwsh, -InputObject takes any piped object by value before
		// -Path could bind by property name: the object's text is searched.
		{"piped objects are text, not paths", `[pscustomobject]@{ Path = '/work/app.log' } | Select-String app -Raw`, "@{Path=/work/app.log}\n"},
	})
	runErrorCases(t, []errorCase{
		{"missing file", `Select-String x nope.txt`, "", "Select-String: Cannot find path '/work/nope.txt' because it does not exist."},
		{"missing file is not terminating", `Select-String x nope.txt, app.log -Quiet`, "False\n", "Cannot find path '/work/nope.txt' because it does not exist."},
		{"missing literal path", `Select-String x -LiteralPath nope.txt`, "", "The file /work/nope.txt cannot be read: Could not find file '/work/nope.txt'."},
	})
	t.Run("missing file record", func(t *testing.T) {
		r := runScript(t, `try { Select-String x nope.txt -ErrorAction Stop } catch { $_.FullyQualifiedErrorId; $_.CategoryInfo.Category; $_.Exception.GetType().Name }`, slsFiles)
		assert.Equal(t, "PathNotFound,Microsoft.PowerShell.Commands.SelectStringCommand\nObjectNotFound\nItemNotFoundException\n", r.out)
	})
}
