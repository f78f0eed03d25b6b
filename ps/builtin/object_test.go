package builtin_test

import "testing"

func TestNewObject(t *testing.T) {
	runCases(t, []scriptCase{
		{"psobject with properties", `$o = New-Object PSObject -Property @{Name='x'}; $o.Name`, "x\n"},
		{"pscustomobject keeps ordered keys", `New-Object -TypeName PSCustomObject -Property ([ordered]@{A=1; B=2})`, "\nA B\n- -\n1 2\n\n"},
		{"empty psobject", `$o = New-Object PSObject; $o.pstypenames[0]`, "System.Management.Automation.PSCustomObject\n"},
		{"hashtable", `$h = New-Object System.Collections.Hashtable; $h['a'] = 1; $h.Count`, "1\n"},
		{"array list", `$l = New-Object System.Collections.ArrayList; $null = $l.Add(1); $null = $l.Add(2); $l.Count`, "2\n"},
		{"generic list", `$l = New-Object 'System.Collections.Generic.List[string]'; $l.Add('a'); $l[0]`, "a\n"},
		{"constructor arguments", `(New-Object DateTime 2020, 1, 2).Year`, "2020\n"},
		{"argument list", `(New-Object -TypeName System.DateTime -ArgumentList 2021, 3, 4).Month`, "3\n"},
		{"property sets properties of a new object", `$h = New-Object Hashtable -Property @{}; $h.GetType().Name`, "Hashtable\n"},
	})
	runErrorCases(t, []errorCase{
		{"unknown type", `New-Object -TypeName Nope.Type`, "", "Cannot find type [Nope.Type]: verify that the assembly containing this type is loaded."},
	})
}

func TestAddMember(t *testing.T) {
	runCases(t, []scriptCase{
		{"note property names", `$o = [pscustomobject]@{A=1}; $o | Add-Member -NotePropertyName B -NotePropertyValue 2; $o.B`, "2\n"},
		{"member type name value", `$o = [pscustomobject]@{A=1}; Add-Member -InputObject $o -MemberType NoteProperty -Name C -Value 3; $o.C`, "3\n"},
		{"positional", `$o = [pscustomobject]@{A=1}; $o | Add-Member NoteProperty D 4; $o.D`, "4\n"},
		{"note property members", `$o = [pscustomobject]@{A=1}; $o | Add-Member -NotePropertyMembers ([ordered]@{E=5; F=6}); "$($o.E)$($o.F)"`, "56\n"},
		{"script property", `$o = [pscustomobject]@{A=21}; $o | Add-Member -MemberType ScriptProperty -Name Double -Value { $this.A * 2 }; $o.Double`, "42\n"},
		{"script property runs on every read", `$o = [pscustomobject]@{A=1}; $o | Add-Member ScriptProperty Double { $this.A * 2 }; $o.Double; $o.A = 5; $o.Double`, "2\n10\n"},
		{"alias property writes through", `$o = [pscustomobject]@{A=1}; $o | Add-Member AliasProperty Alpha A; $o.Alpha = 9; $o.A`, "9\n"},
		{"script method", `$o = [pscustomobject]@{A=1}; $o | Add-Member ScriptMethod Greet { param($n) "hi $n from $($this.A)" }; $o.Greet('x')`, "hi x from 1\n"},
		{"alias property", `$o = [pscustomobject]@{A=1}; $o | Add-Member AliasProperty Alias A; $o.Alias`, "1\n"},
		{"pass thru", `$o = [pscustomobject]@{} | Add-Member -NotePropertyName X -NotePropertyValue 1 -PassThru; $o.X`, "1\n"},
		{"no output without pass thru", `@([pscustomobject]@{} | Add-Member -NotePropertyName X -NotePropertyValue 1).Count`, "0\n"},
		{"force overwrites", `$o = [pscustomobject]@{A=1}; $o | Add-Member -NotePropertyName A -NotePropertyValue 2 -Force; $o.A`, "2\n"},
		{"type name", `$o = [pscustomobject]@{A=1}; $o | Add-Member -TypeName My.Type; $o.pstypenames[0]`, "My.Type\n"},
		{"new property shows in the table", `$o = [pscustomobject]@{A=1}; $o | Add-Member -NotePropertyName B -NotePropertyValue 'x'; $o`, "\nA B\n- -\n1 x\n\n"},
	})
	runErrorCases(t, []errorCase{
		{"existing member", `$o = [pscustomobject]@{A=1}; $o | Add-Member -NotePropertyName A -NotePropertyValue 2`, "",
			"Cannot add a member with the name \"A\" because a member with that name already exists. To overwrite the member anyway, add the Force parameter to your command."},
	})
}

func TestGetMember(t *testing.T) {
	runCases(t, []scriptCase{
		{"custom object view", `[pscustomobject]@{Name='x'; N=1} | Get-Member`,
			"\n   TypeName: System.Management.Automation.PSCustomObject\n\n" +
				"Name        MemberType   Definition\n" +
				"----        ----------   ----------\n" +
				"Equals      Method       bool Equals(System.Object obj)\n" +
				"GetHashCode Method       int GetHashCode()\n" +
				"GetType     Method       type GetType()\n" +
				"ToString    Method       string ToString()\n" +
				"N           NoteProperty int N=1\n" +
				"Name        NoteProperty string Name=x\n\n"},
		{"member type filter", `([pscustomobject]@{B=1; A=2} | Get-Member -MemberType NoteProperty).Name -join ','`, "A,B\n"},
		{"name filter", `('abc' | Get-Member -Name Length).Definition`, "int Length {get;}\n"},
		{"type name property", `('abc' | Get-Member -Name Length).TypeName`, "System.String\n"},
		{"one group per type", `(1, 'a', 2 | Get-Member -Name ToString).TypeName -join ','`, "System.Int32,System.String\n"},
		{"input object is the collection", `(Get-Member -InputObject @(1) -Name Count).TypeName`, "System.Object[]\n"},
		{"alias gm", `@('x' | gm -MemberType Property).Count`, "1\n"},
	})
	runErrorCases(t, []errorCase{
		{"no input", `Get-Member`, "", "You must specify an object for the Get-Member cmdlet."},
	})
}
