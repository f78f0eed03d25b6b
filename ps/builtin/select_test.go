package builtin_test

import "testing"

// vmObjects defines $vms, three VM-like objects, for the object cmdlet tests.
const vmObjects = `$vms = @([pscustomobject]@{Name='web01'; PowerState='PoweredOn'; Cpu=2; Tags=@('prod','web')},
[pscustomobject]@{Name='db01'; PowerState='PoweredOff'; Cpu=8; Tags=@('prod')},
[pscustomobject]@{Name='dev01'; PowerState='PoweredOn'; Cpu=1; Tags=$null}); `

func TestSelectObject(t *testing.T) {
	runCases(t, []scriptCase{
		{"first", `1..10 | Select-Object -First 3`, "1\n2\n3\n"},
		{"last", `1..10 | Select-Object -Last 2`, "9\n10\n"},
		{"skip", `1..10 | Select-Object -Skip 8`, "9\n10\n"},
		{"skip and first", `1..10 | Select-Object -Skip 1 -First 2`, "2\n3\n"},
		{"skip last", `1..10 | Select-Object -SkipLast 8`, "1\n2\n"},
		{"first stops the commands upstream", `$i = 0; 1..100 | ForEach-Object { $i++; $_ } | Select-Object -First 2; $i`, "1\n2\n2\n"},
		{"upstream end blocks do not run", `1..100 | ForEach-Object { $_ } -End { 'end' } | Select-Object -First 1 | ForEach-Object { "<$_>" } -End { 'tail' }`, "<1>\ntail\n"},
		{"index stops upstream after the last index", `$i = 0; 1..100 | ForEach-Object { $i++; $_ } | Select-Object -Index 1; $i`, "2\n2\n"},
		{"first inside a loop", `foreach ($n in 1..2) { 1..10 | Select-Object -First 1 }; 'after'`, "1\n1\nafter\n"},
		{"first zero", `@(1..3 | Select-Object -First 0).Count`, "0\n"},
		{"index keeps input order", `10..15 | Select-Object -Index 3,0`, "10\n13\n"},
		{"unique", `1,1,2,1 | Select-Object -Unique`, "1\n2\n"},
		{"unique strings are case-sensitive", `'a','A','a' | Select-Object -Unique`, "a\nA\n"},
		{"alias select", `1..5 | select -f 1`, "1\n"},
		{"properties", vmObjects + `$vms | Select-Object Name, Cpu`,
			"\nName  Cpu\n----  ---\nweb01   2\ndb01    8\ndev01   1\n\n"},
		{"wildcard property", vmObjects + `$vms[0] | Select-Object P*, C*`,
			"\nPowerState Cpu\n---------- ---\nPoweredOn    2\n\n"},
		{"star and exclude", vmObjects + `($vms[0] | Select-Object * -ExcludeProperty Tags, Cpu | Get-Member -MemberType NoteProperty).Name -join ','`, "Name,PowerState\n"},
		{"missing property is null", vmObjects + `$o = $vms[0] | Select-Object Name, Nope; $null -eq $o.Nope; ($o | Get-Member -MemberType NoteProperty).Name -join ','`, "True\nName,Nope\n"},
		{"type name", vmObjects + `($vms[0] | Select-Object Name).pstypenames[0]`, "Selected.System.Management.Automation.PSCustomObject\n"},
		{"calculated Name/Expression", vmObjects + `($vms | Select-Object Name, @{Name='Cores'; Expression={ $_.Cpu * 2 }})[1].Cores`, "16\n"},
		{"calculated N/E", vmObjects + `($vms | Select-Object @{N='VM'; E={ $_.Name.ToUpper() }}).VM -join ','`, "WEB01,DB01,DEV01\n"},
		{"calculated label and string expression", vmObjects + `($vms[0] | Select-Object @{l='State'; e='PowerState'}).State`, "PoweredOn\n"},
		{"expand property array", vmObjects + `$vms | Select-Object -ExpandProperty Tags`, "prod\nweb\nprod\n"},
		{"expand property scalar", vmObjects + `$vms | Select-Object -ExpandProperty Name -First 2`, "web01\ndb01\n"},
		{"expand with property adds notes", `$s = [pscustomobject]@{Name='x'; Inner=[pscustomobject]@{A=1}} | Select-Object -ExpandProperty Inner -Property Name; $s.A; $s.Name`, "1\nx\n"},
		{"hashtable keys are properties", `(@{a=1; b=2} | Select-Object a).a`, "1\n"},
		{"ordered dictionary keys are not", `$null -eq ([ordered]@{a=1} | Select-Object a).a`, "True\n"},
		{"input object is one object", `(Select-Object -InputObject 1,2,3 -First 1).Count`, "3\n"},
		{"last and skip last with objects", vmObjects + `($vms | Select-Object -Last 1).Name`, "dev01\n"},
	})
	runErrorCases(t, []errorCase{
		{"expand missing", `[pscustomobject]@{A=1} | Select-Object -ExpandProperty Missing`, "", "Property \"Missing\" cannot be found."},
		{"calculated without expression", `[pscustomobject]@{A=1} | Select-Object @{N='x'}`, "", "A mandatory entry for expression is missing."},
		{"unknown key", `1 | Select-Object @{N='x'; E={1}; Q=2}`, "", "The Q key is not valid."},
		{"negative first", `1 | Select-Object -First -1`, "", "Cannot validate argument on parameter 'First'. The -1 argument is less than the minimum allowed range of 0."},
	})
}

func TestSortObject(t *testing.T) {
	runCases(t, []scriptCase{
		{"numbers", `3,1,10,2 | Sort-Object`, "1\n2\n3\n10\n"},
		{"descending", `3,1,2 | Sort-Object -Descending`, "3\n2\n1\n"},
		{"strings ignore case", `'b','C','a' | Sort-Object`, "a\nb\nC\n"},
		{"case-sensitive puts lower case first", `'B','a','b','A' | Sort-Object -CaseSensitive`, "a\nA\nb\nB\n"},
		{"unique", `1,2,2,3,1 | Sort-Object -Unique`, "1\n2\n3\n"},
		{"unique ignores case", `@('a','A','b' | Sort-Object -Unique).Count`, "2\n"},
		{"alias sort", `2,1 | sort`, "1\n2\n"},
		{"property", vmObjects + `($vms | Sort-Object Cpu).Name -join ','`, "dev01,web01,db01\n"},
		{"property descending", vmObjects + `($vms | Sort-Object -Property Cpu -Descending).Name -join ','`, "db01,web01,dev01\n"},
		{"two properties", vmObjects + `($vms | Sort-Object PowerState, Name).Name -join ','`, "db01,dev01,web01\n"},
		{"hashtable keys", vmObjects + `($vms | Sort-Object @{Expression='PowerState'; Descending=$true}, @{e='Name'; Ascending=$true}).Name -join ','`, "dev01,web01,db01\n"},
		{"script block", `'ccc','a','bb' | Sort-Object { $_.Length }`, "a\nbb\nccc\n"},
		{"top", `5,3,1,4 | Sort-Object -Top 2`, "1\n3\n"},
		{"bottom", `5,3,1,4 | Sort-Object -Bottom 2`, "4\n5\n"},
		{"stable keeps input order of equals", `$o = 'b2','a1','b1','a2' | ForEach-Object { [pscustomobject]@{K=$_[0]; V=$_} }; ($o | Sort-Object K -Stable).V -join ','`, "a1,a2,b2,b1\n"},
		{"missing property sorts last", `([pscustomobject]@{N=2}, [pscustomobject]@{X=1}, [pscustomobject]@{N=1} | Sort-Object N | ForEach-Object { "$($_.N)$($_.X)" }) -join ','`, "1,2,1\n"},
		{"dates", `([datetime]'2021-01-01', [datetime]'2020-06-01' | Sort-Object | ForEach-Object Year) -join ','`, "2020,2021\n"},
		{"input object is one object", `(Sort-Object -InputObject 3,1,2).Count`, "3\n"},
	})
}

func TestGroupObject(t *testing.T) {
	runCases(t, []scriptCase{
		{"default view", `'a','b','a','c' | Group-Object`,
			"\nCount Name                      Group\n----- ----                      -----\n    2 a                         {a, a}\n    1 b                         {b}\n    1 c                         {c}\n\n"},
		{"no element", `'a','b','a' | Group-Object -NoElement`,
			"\nCount Name\n----- ----\n    2 a\n    1 b\n\n"},
		{"property", vmObjects + `$vms | Group-Object PowerState | ForEach-Object { "$($_.Name)=$($_.Count):$($_.Group.Name -join '+')" }`,
			"PoweredOff=1:db01\nPoweredOn=2:web01+dev01\n"},
		{"strings group ignoring case", `('a','A','b' | Group-Object | ForEach-Object Count) -join ','`, "2,1\n"},
		{"case-sensitive", `('a','A','a' | Group-Object -CaseSensitive | ForEach-Object Count) -join ','`, "2,1\n"},
		{"two properties name", `(1..6 | Group-Object { $_ % 2 }, { $_ % 3 } | ForEach-Object Name)[0]`, "0, 0\n"},
		{"values", `(1..4 | Group-Object { $_ % 2 })[0].Values[0]`, "0\n"},
		{"as hashtable", `$h = 1..5 | Group-Object { $_ % 2 } -AsHashTable; $h[1] -join ','; $h[0] -join ','`, "1,3,5\n2,4\n"},
		{"as hashtable as string", `$h = 1..4 | Group-Object { $_ % 2 } -AsHashTable -AsString; $h['1'] -join ','`, "1,3\n"},
		{"alias group", `(1,1 | group).Count`, "2\n"},
		{"group of hashtables by key", `(@{k='x'}, @{k='y'}, @{k='x'} | Group-Object k | ForEach-Object Count) -join ','`, "2,1\n"},
	})
}

func TestMeasureObject(t *testing.T) {
	runCases(t, []scriptCase{
		{"count", `1..4 | Measure-Object`,
			"\nCount             : 4\nAverage           : \nSum               : \nMaximum           : \nMinimum           : \nStandardDeviation : \nProperty          : \n\n"},
		{"stats", `1..4 | Measure-Object -Sum -Average -Maximum -Minimum`,
			"\nCount             : 4\nAverage           : 2.5\nSum               : 10\nMaximum           : 4\nMinimum           : 1\nStandardDeviation : \nProperty          : \n\n"},
		{"sum value", `(1..100 | Measure-Object -Sum).Sum`, "5050\n"},
		{"property", vmObjects + `$m = $vms | Measure-Object Cpu -Sum -Maximum; $m.Sum; $m.Maximum; $m.Property`, "11\n8\nCpu\n"},
		{"standard deviation", `[math]::Round((2,4,4,4,5,5,7,9 | Measure-Object -StandardDeviation).StandardDeviation, 4)`, "2.1381\n"},
		{"all stats", `$m = 1,2,3 | Measure-Object -AllStats; "$($m.Count) $($m.Sum) $($m.Average) $($m.Minimum) $($m.Maximum) $($m.StandardDeviation)"`, "3 6 2 1 3 1\n"},
		{"strings max and min", `$m = 'pear','apple' | Measure-Object -Maximum -Minimum; $m.Maximum; $m.Minimum`, "pear\napple\n"},
		{"text", "\"hello world`nfoo\" | Measure-Object -Line -Word -Character",
			"\nLines Words Characters Property\n----- ----- ---------- --------\n    2     3         15 \n\n"},
		{"alias measure", `(1,2 | measure).Count`, "2\n"},
		{"null values are not counted", `(1, $null, 3 | Measure-Object).Count`, "2\n"},
	})
	runErrorCases(t, []errorCase{
		{"not numeric", `$null = 'a' | Measure-Object -Sum`, "", "Input object \"a\" is not numeric."},
		{"missing property", `[pscustomobject]@{A=1} | Measure-Object -Property B`, "", "The property \"B\" cannot be found in the input for any objects."},
	})
}

func TestCompareObject(t *testing.T) {
	runCases(t, []scriptCase{
		{"differences", `Compare-Object 1,2,3 2,3,4`,
			"\nInputObject SideIndicator\n----------- -------------\n          4 =>\n          1 <=\n\n"},
		{"include equal", `(Compare-Object 1,2 2,3 -IncludeEqual | ForEach-Object { "$($_.InputObject)$($_.SideIndicator)" }) -join ' '`, "2== 3=> 1<=\n"},
		{"exclude different", `(Compare-Object 1,2 2,3 -IncludeEqual -ExcludeDifferent).InputObject`, "2\n"},
		{"strings ignore case", `@(Compare-Object 'a' 'A').Count`, "0\n"},
		{"case sensitive", `@(Compare-Object 'a' 'A' -CaseSensitive).Count`, "2\n"},
		{"pass thru", `$r = Compare-Object 'x' 'y' -PassThru; $r -join ','`, "y,x\n"},
		{"pass thru adds side indicator", `$r = Compare-Object ([pscustomobject]@{N=1}) ([pscustomobject]@{N=2}) -Property N -PassThru; $r.N -join ','; $r[0].SideIndicator`, "2,1\n=>\n"},
		{"property", vmObjects + `$new = [pscustomobject]@{Name='web01'; Cpu=4}; Compare-Object $vms[0] $new -Property Cpu | ForEach-Object { "$($_.Cpu)$($_.SideIndicator)" }`, "4=>\n2<=\n"},
		{"null reference is empty", `@(Compare-Object @() 1).Count`, "1\n"},
	})
	runErrorCases(t, []errorCase{
		{"null difference", `Compare-Object 1 $null`, "", "Cannot bind argument to parameter 'DifferenceObject' because it is null."},
	})
}

func TestTeeObject(t *testing.T) {
	runCases(t, []scriptCase{
		{"variable", `1,2 | Tee-Object -Variable v | ForEach-Object { $_ * 10 }; $v -join ','`, "10\n20\n1,2\n"},
		{"file", `'a','b' | Tee-Object -FilePath /work/t.txt | Out-Null; Get-Content /work/t.txt`, "a\nb\n"},
		{"file append", `'a' | Tee-Object t.txt | Out-Null; 'b' | Tee-Object t.txt -Append | Out-Null; Get-Content t.txt`, "a\nb\n"},
		{"file formats objects", `[pscustomobject]@{A=1} | tee t.txt | Out-Null; Get-Content t.txt -Raw`, "\nA\n-\n1\n\n\n"},
	})
}
