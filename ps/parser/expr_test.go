package parser

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/keyhost/keyhost/ps/ast"
)

// parseOK parses src and fails the test on any error.
func parseOK(t *testing.T, src string) *ast.File {
	t.Helper()
	f, err := ParseFile("<test>", src)
	require.NoError(t, err, "source: %q", src)
	require.NotNil(t, f)
	return f
}

type golden struct {
	src  string
	want string
}

func runGolden(t *testing.T, cases []golden) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.src, func(t *testing.T) {
			f := parseOK(t, c.src)
			assert.Equal(t, c.want, sexprStmts(f), "source: %q", c.src)
			checkSpans(t, f)
		})
	}
}

var expressionsCases = []golden{
	// Literals.
	{`42`, `42`},
	{`0x1F`, `31`},
	{`0xFFFFFFFF`, `-1`},
	{`0x1FFFFFFFF`, `8589934591:long`},
	{`0b101`, `5`},
	{`1.5`, `1.5:double`},
	{`1e3`, `1000:double`},
	{`.5`, `0.5:double`},
	{`10kb`, `10240`},
	{`1.5mb`, `1.572864e+06:double`},
	{`7L`, `7:long`},
	{`7d`, `7:decimal`},
	{`7u`, `7:uint`},
	{`7ul`, `7:ulong`},
	{`7y`, `7:sbyte`},
	{`7uy`, `7:byte`},
	{`7s`, `7:short`},
	{`7us`, `7:ushort`},
	{`7n`, `7:bigint`},
	{`2147483648`, `2147483648:long`},
	{`9223372036854775808`, `9.223372036854776e+18:decimal`},
	{`1e400`, `+Inf:double`},
	{`'it''s'`, `'it's'`},
	{`"say ""hi"" and ` + "`" + `"bye` + "`" + `""`, `"say "hi" and "bye""`},
	{"\"tab`there\"", "\"tab\there\""},
	{"\"`u{1F600}\"", "\"\U0001F600\""},
	{"\"`$x\"", `"$x"`},
	{`"plain"`, `"plain"`},
	{`$null`, `$null`},
	{`$true`, `$true`},

	// Arithmetic precedence and associativity.
	{`1 + 2 * 3`, `(+ 1 (* 2 3))`},
	{`(1 + 2) * 3`, `(* (paren (+ 1 2)) 3)`},
	{`10 - 2 - 3`, `(- (- 10 2) 3)`},
	{`8 / 4 % 3`, `(% (/ 8 4) 3)`},
	{`1 -2`, `(- 1 2)`},
	{`1 - -2`, `(- 1 -2)`},
	{`- $x`, `(- $x)`},
	{`-$x`, `(- $x)`},
	{`+5`, `5`},
	{`"{0}" -f 1 + 2`, `(+ (-f "{0}" 1) 2)`},
	{`"{0} {1}" -f 'a', 'b'`, `(-f "{0} {1}" (array 'a' 'b'))`},
	{`1..10`, `(.. 1 10)`},
	{`1..$n`, `(.. 1 $n)`},
	{`-1..5`, `(.. -1 5)`},
	{`$a..$b`, `(.. $a $b)`},

	// Comparison, logical, bitwise.
	{`$a -eq 1`, `(-eq $a 1)`},
	{`$a -EQ 1`, `(-eq $a 1)`},
	{`$a -ceq 'X'`, `(-ceq $a 'X')`},
	{`$a -ilike 'w*'`, `(-like $a 'w*')`},
	{`$a -notmatch '^x'`, `(-notmatch $a '^x')`},
	{`$a -replace 'a', 'b'`, `(-replace $a (array 'a' 'b'))`},
	{`$a -eq 1 -and $b -ne 2`, `(-and (-eq $a 1) (-ne $b 2))`},
	{`$a -or $b -and $c`, `(-and (-or $a $b) $c)`},
	{`-not $a -eq $b`, `(-eq (-not $a) $b)`},
	{`!$a`, `(! $a)`},
	{`-not($x)`, `(-not (paren $x))`},
	{`5 -band 4 -eq 4`, `(-band 5 (-eq 4 4))`},
	{`1 -shl 2`, `(-shl 1 2)`},
	{`$x -is [string]`, `(-is $x [string])`},
	{`$x -as [int]`, `(-as $x [int])`},
	{`$list -contains 'a'`, `(-contains $list 'a')`},
	{`'a' -in $list`, `(-in 'a' $list)`},
	{`-split $s`, `(-split $s)`},
	{`$s -split ','`, `(-split $s ',')`},
	{`-join $a`, `(-join $a)`},
	{`$a -join ','`, `(-join $a ',')`},
	{`$a -csplit 'x'`, `(-csplit $a 'x')`},
	{"$a –eq 1", `(-eq $a 1)`}, // en dash

	// Commas bind tighter than binary operators.
	{`1, 2, 3`, `(array 1 2 3)`},
	{`1,2 + 3`, `(+ (array 1 2) 3)`},
	{`,1`, `(unary, 1)`},
	{`, (1, 2)`, `(unary, (paren (array 1 2)))`},
	{"1,\n2", `(array 1 2)`},

	// Casts bind to the next unary expression.
	{`[int]'5'`, `(cast [int] '5')`},
	{`[string]1,2`, `(array (cast [string] 1) 2)`},
	{`[int][string]$x`, `(cast [int] (cast [string] $x))`},
	{`[int] $x`, `(cast [int] $x)`},
	{`[string[]]$names`, `(cast [string[]] $names)`},
	{`[System.Collections.Generic.List[string]]::new()`, `(call:: [System.Collections.Generic.List[string]] new)`},
	{`[Collections.Generic.Dictionary[string,int]]@{}`, `(cast [Collections.Generic.Dictionary[string,int]] (hash))`},
	{`[int[,]]$m`, `(cast [int[,]] $m)`},
	{`[int[][]]$j`, `(cast [int[][]] $j)`},
	{`[ordered]@{a=1}`, `(cast [ordered] (hash (kv a 1)))`},
	{`[pscustomobject]@{ Name = 'x' }`, `(cast [pscustomobject] (hash (kv Name 'x')))`},
	{`[math]::Round(2.5)`, `(call:: [math] Round 2.5:double)`},
	{`[math]::PI`, `(:: [math] PI)`},
	{`[VMware.Vim.VirtualDisk]$disk`, `(cast [VMware.Vim.VirtualDisk] $disk)`},
	{`[int]`, `[int]`},
	{`[void]$list.Add(1)`, `(cast [void] (call $list Add 1))`},
	{`[ValidateNotNull()]$x`, `(attributed (attr ValidateNotNull) $x)`},
	{`-[int]'5'`, `(- (cast [int] '5'))`},

	// Members, methods, indexing.
	{`$vm.Name`, `(. $vm Name)`},
	{`$vm.ExtensionData.Config.KeyId`, `(. (. (. $vm ExtensionData) Config) KeyId)`},
	{`$x.Process`, `(. $x Process)`},
	{`$h.In`, `(. $h In)`},
	{`$x.'quoted name'`, `(. $x 'quoted name')`},
	{`$x."name"`, `(. $x "name")`},
	{`$x.$prop`, `(. $x $prop)`},
	{`$x.($a + 'b')`, `(. $x (paren (+ $a 'b')))`},
	{`$s.Substring(0, 2)`, `(call $s Substring 0 2)`},
	{`$s.ToUpper()`, `(call $s ToUpper)`},
	{`$list.Where{ $_ -gt 1 }`, `(call $list Where (sb (body (-gt $_ 1))))`},
	{`$list.ForEach({ $_ * 2 })`, `(call $list ForEach (sb (body (* $_ 2))))`},
	{`$a[0]`, `(index $a 0)`},
	{`$a[-1]`, `(index $a -1)`},
	{`$a[0][1]`, `(index (index $a 0) 1)`},
	{`$a[1..3]`, `(index $a (.. 1 3))`},
	{`$a[0, 2]`, `(index $a (array 0 2))`},
	{`$h['key'].Value`, `(. (index $h 'key') Value)`},
	{`$x?.Name`, `(. $x? Name)`},
	{`${x}?.Name`, `(?. ${x} Name)`},
	{`${x}?[0]`, `(index? ${x} 0)`},
	{`(Get-Date).Year`, `(. (paren (cmd Get-Date)) Year)`},
	{"$x.\n  Trim()", `(call $x Trim)`},
	{`$a.b::c`, `(:: (. $a b) c)`},
	{`$x::MaxValue`, `(:: $x MaxValue)`},
	{`$i++`, `(post++ $i)`},
	{`$i--`, `(post-- $i)`},
	{`++$i`, `(++ $i)`},
	{`--$i`, `(-- $i)`},

	// PowerShell 7 operators.
	{`$a ? 'y' : 'n'`, `(?: $a 'y' 'n')`},
	{`$a -gt 1 ? 'big' : 'small'`, `(?: (-gt $a 1) 'big' 'small')`},
	{`$a ? 1 : $b ? 2 : 3`, `(?: $a 1 (?: $b 2 3))`},
	{`1?2:3`, `(cmd 1?2:3)`}, // a bareword at statement start, as in pwsh
	{`$x ? 1:2`, `(?: $x 1 2)`},
	{"$x ?\n  'a' :\n  'b'", `(?: $x 'a' 'b')`},
	{`$a ?? 'default'`, `(?? $a 'default')`},
	{`$a ?? $b ?? $c`, `(?? (?? $a $b) $c)`},
	{`$null ?? 5 -gt 3`, `(-gt (?? $null 5) 3)`},
	{`$a ?? 'x' + 'y'`, `(?? $a (+ 'x' 'y'))`},

	// Collections and blocks.
	{`@()`, `(@())`},
	{`@(1, 2)`, `(@() (array 1 2))`},
	{"@(\n  'a'\n  'b'\n)", `(@() 'a' 'b')`},
	{`@(Get-VM)`, `(@() (cmd Get-VM))`},
	{`$(Get-Date)`, `($() (cmd Get-Date))`},
	{`$($a; $b)`, `($() $a $b)`},
	{`@{}`, `(hash)`},
	{`@{ a = 1; b = 2 }`, `(hash (kv a 1) (kv b 2))`},
	{"@{\n  Name = 'x'\n  Count = 3\n}", `(hash (kv Name 'x') (kv Count 3))`},
	{`@{ 'Content-Type' = 'json' }`, `(hash (kv 'Content-Type' 'json'))`},
	{`@{ 1 = 'one'; $k = 'v' }`, `(hash (kv 1 'one') (kv $k 'v'))`},
	{`@{ if = 1; in = 2 }`, `(hash (kv if 1) (kv in 2))`},
	{`@{ Date = Get-Date }`, `(hash (kv Date (cmd Get-Date)))`},
	{`@{ Name = 'Size'; Expression = { $_.Length / 1kb } }`, `(hash (kv Name 'Size') (kv Expression (sb (body (/ (. $_ Length) 1024)))))`},
	{"@{ a = if ($x) { 1 } else { 2 }\n b = 10 }", `(hash (kv a (if (clause $x (then 1)) (else 2))) (kv b 10))`},
	{`{ param($a) $a * 2 }`, `(sb (param ($a)) (body (* $a 2)))`},
	{`{}`, `(sb (body))`},
	{`(1 + 2)`, `(paren (+ 1 2))`},
	{"(1 +\n 2)", `(paren (+ 1 2))`},
	{`($x = 5)`, `(paren (= $x 5))`},
	{`(Get-VM | Select-Object -First 1)`, `(paren (pipe (cmd Get-VM) (cmd Select-Object -First 1)))`},
}

func TestExpressions(t *testing.T) {
	runGolden(t, expressionsCases)
}

var variablesCases = []golden{
	{`$x`, `$x`},
	{`$VM`, `$VM`},
	{`$global:x`, `$global:x`},
	{`$Script:Count`, `$script:Count`},
	{`$local:a`, `$local:a`},
	{`$private:p`, `$private:p`},
	{`$using:server`, `$using:server`},
	{`$env:PATH`, `$env:PATH`},
	{`$function:prompt`, `$function:prompt`},
	{`$variable:x`, `$variable:x`},
	{`${braced name}`, `${braced name}`},
	{`${env:ProgramFiles(x86)}`, `${env:ProgramFiles(x86)}`},
	{"${a`}b}", `${a}b}`},
	{`$$`, `$$`},
	{`$?`, `$?`},
	{`$^`, `$^`},
	{`$_`, `$_`},
	{`$a?`, `$a?`},
	{`$1`, `$1`},
	{`$données`, `$données`},
}

func TestVariables(t *testing.T) {
	runGolden(t, variablesCases)
}

var expandableStringsCases = []golden{
	{`"hello $name"`, `(xstr "hello " $name)`},
	{`"$a$b"`, `(xstr $a $b)`},
	{`"$vm.Name"`, `(xstr $vm ".Name")`},
	{`"$x[0]"`, `(xstr $x "[0]")`},
	{`"$($vm.Name) ok"`, `(xstr ($() (. $vm Name)) " ok")`},
	{`"${name}:"`, `(xstr ${name} ":")`},
	{`"$env:USERPROFILE\Desktop"`, `(xstr $env:USERPROFILE "\Desktop")`},
	{`"$global:x!"`, `(xstr $global:x "!")`},
	{`"cost: $5"`, `(xstr "cost: " $5)`},
	{`"price $ 5"`, `"price $ 5"`},
	{`"end $"`, `"end $"`},
	{"\"`$notvar\"", `"$notvar"`},
	{`"$(Get-Date -Format "yyyy")"`, `(xstr ($() (cmd Get-Date -Format "yyyy")))`},
	{`"a $(1 + 2) b"`, `(xstr "a " ($() (+ 1 2)) " b")`},
	{`"$($a; $b)"`, `(xstr ($() $a $b))`},
	{`"nested $("inner $x")"`, `(xstr "nested " ($() (xstr "inner " $x)))`},
	{`"[REKEY] Rekeying vSAN datastores in $cluster to $keyprovider ($date)"`,
		`(xstr "[REKEY] Rekeying vSAN datastores in " $cluster " to " $keyprovider " (" $date ")")`},
	{"@\"\nline $x\nnext\n\"@", "(xhere @\"line \"@ $x @\"\nnext\"@)"},
	{"@'\nverbatim $x\n'@", `@'verbatim $x'@`},
	{"@'\n'@", `@''@`},
	{"@\"\n\"quoted\" inside\n\"@", `@""quoted" inside"@`},
	{"@'\r\nwindows\r\nlines\r\n'@", "@'windows\r\nlines'@"},
	{"@\"  \nfirst\n  \"@ not end\n\"@", `@"first` + "\n" + `  "@ not end"@`},
	{"“smart”", `"smart"`},
	{"‘single’", `'single'`},
}

func TestExpandableStrings(t *testing.T) {
	runGolden(t, expandableStringsCases)
}
