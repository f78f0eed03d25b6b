package builtin_test

import "testing"

func TestWhereObject(t *testing.T) {
	const vms = `$vms = @([pscustomobject]@{Name='web01'; PowerState='PoweredOn'; Cpu=2; Tags=@('prod','web')},
[pscustomobject]@{Name='db01'; PowerState='PoweredOff'; Cpu=8; Tags=@('prod')},
[pscustomobject]@{Name='dev01'; PowerState='PoweredOn'; Cpu=1; Tags=$null}); `
	runCases(t, []scriptCase{
		{"script block", `1..6 | Where-Object { $_ % 2 -eq 0 }`, "2\n4\n6\n"},
		{"alias ?", `1..4 | ? { $_ -gt 2 }`, "3\n4\n"},
		{"simplified eq", vms + `($vms | Where-Object PowerState -eq PoweredOn).Name -join ','`, "web01,dev01\n"},
		{"simplified EQ upper and alias", vms + `($vms | ? PowerState -EQ poweredon).Name -join ','`, "web01,dev01\n"},
		{"case-sensitive ceq", vms + `@($vms | where PowerState -ceq poweredon).Count`, "0\n"},
		{"ne", vms + `($vms | Where-Object Name -ne 'db01').Name -join ','`, "web01,dev01\n"},
		{"gt converts the value", vms + `($vms | Where-Object Cpu -gt '1').Name -join ','`, "web01,db01\n"},
		{"ge le lt", vms + `(($vms | ? Cpu -ge 2).Count, ($vms | ? Cpu -le 2).Count, ($vms | ? Cpu -lt 2).Count) -join ','`, "2,2,1\n"},
		{"like", vms + `($vms | Where-Object Name -like 'd*').Name -join ','`, "db01,dev01\n"},
		{"notlike", vms + `($vms | Where-Object Name -notlike 'd*').Name`, "web01\n"},
		{"clike", vms + `@($vms | Where-Object Name -clike 'D*').Count`, "0\n"},
		{"match", vms + `($vms | Where-Object Name -match '^d.\d+$').Name -join ','`, "db01\n"},
		{"notmatch", vms + `($vms | Where-Object Name -notmatch '01$').Count`, "0\n"},
		{"contains", vms + `($vms | Where-Object Tags -contains 'web').Name`, "web01\n"},
		{"notcontains", vms + `($vms | Where-Object Tags -notcontains 'web').Name -join ','`, "db01,dev01\n"},
		{"in", vms + `($vms | Where-Object Name -in 'db01','dev01').Name -join ','`, "db01,dev01\n"},
		{"notin", vms + `($vms | Where-Object Name -notin 'db01','dev01').Name`, "web01\n"},
		{"is with type", `(1,'a',2.5 | Where-Object { $true } | Where-Object -Property Length -Is -Value ([int])) -join ','`, "1,a,2.5\n"},
		{"is with bracketed string", `(1,'a' | ForEach-Object { [pscustomobject]@{V=$_} } | Where-Object V -is '[string]').V`, "a\n"},
		{"isnot", `(1,'a' | ForEach-Object { [pscustomobject]@{V=$_} } | Where-Object V -IsNot int).V`, "a\n"},
		{"truthy property", vms + `($vms | Where-Object Tags).Name -join ','`, "web01,db01\n"},
		{"not", vms + `($vms | Where-Object -Not Tags).Name`, "dev01\n"},
		{"property of string", `'abc','' | Where-Object Length`, "abc\n"},
		{"hashtable key", `(@{a=1},@{a=2} | Where-Object a -eq 2).a`, "2\n"},
		{"collection on the left filters", vms + `($vms | Where-Object Tags -eq 'prod').Name -join ','`, "web01,db01\n"},
		{"named parameters", vms + `($vms | Where-Object -Property Cpu -Value 8 -EQ).Name`, "db01\n"},
		{"input object is one object", `(Where-Object -InputObject 1,2,3 -FilterScript { $_.Count -eq 3 }).Count`, "3\n"},
	})
	runErrorCases(t, []errorCase{
		{"operator without value", `1 | Where-Object Name -EQ`, "", "The specified operator requires both the -Property and -Value parameters. Provide values for both parameters, and then try the command again."},
		{"value without operator", `1 | Where-Object -Property Name -Value x`, "", "An operator is required to compare the two specified values."},
		{"two operators", `1 | Where-Object Name -EQ x -GT y`, "", "Parameter set cannot be resolved using the specified named parameters."},
	})
}

func TestForEachObject(t *testing.T) {
	runCases(t, []scriptCase{
		{"process", `1..3 | ForEach-Object { $_ * 2 }`, "2\n4\n6\n"},
		{"alias %", `1..2 | % { "n$_" }`, "n1\nn2\n"},
		{"begin process end named", `1..3 | ForEach-Object -Begin { 'b' } -Process { $_ } -End { 'e' }`, "b\n1\n2\n3\ne\n"},
		{"two positional blocks are begin and process", `1..2 | ForEach-Object { 'b' } { $_ }`, "b\n1\n2\n"},
		{"three positional blocks", `1..2 | % { $s = 0 } { $s += $_ } { $s }`, "3\n"},
		{"four blocks: two process blocks", `1..2 | % { 'b' } { "p$_" } { "q$_" } { 'e' }`, "b\np1\nq1\np2\nq2\ne\n"},
		{"begin with positional process and end", `1..2 | % -Begin { 'b' } { $_ } { 'x' }`, "b\n1\n2\nx\n"},
		{"member name property", `'a','bb' | ForEach-Object Length`, "1\n2\n"},
		{"member name parameter", `'a','bb' | ForEach-Object -MemberName Length`, "1\n2\n"},
		{"member method", `'a','b' | ForEach-Object ToUpper`, "A\nB\n"},
		{"member method with arguments", `'a-b','c-d' | ForEach-Object Replace '-' '+'`, "a+b\nc+d\n"},
		{"member method -ArgumentList", `'a-b' | ForEach-Object -MemberName Split -ArgumentList '-'`, "a\nb\n"},
		{"member wildcard", `[pscustomobject]@{Name='x'; Count=1} | ForEach-Object Nam*`, "x\n"},
		{"member unrolls collections", `[pscustomobject]@{L=1,2} | ForEach-Object L`, "1\n2\n"},
		{"member on hashtable", `@{k='v'} | ForEach-Object k`, "v\n"},
		{"missing member writes null", `@('a' | ForEach-Object Nope).Count`, "1\n"},
		{"null input writes null", `@($null | ForEach-Object Length).Count`, "1\n"},
		{"no input, no run", `@(@() | ForEach-Object { 'x' }).Count`, "0\n"},
		{"runs in caller scope", `$n = 0; 1..3 | ForEach-Object { $n += $_ }; $n`, "6\n"},
		{"input object is one object", `ForEach-Object -InputObject 1,2 -Process { $_.Count }`, "2\n"},
	})
	runErrorCases(t, []errorCase{
		{"method not found with args", `'a' | ForEach-Object Nope 1`, "", "Input name \"Nope\" cannot be resolved to a method."},
	})
}
