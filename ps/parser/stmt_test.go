package parser

import (
	"testing"
)

var commandsCases = []golden{
	{`Get-VM`, `(cmd Get-VM)`},
	{`Get-VM web01`, `(cmd Get-VM web01)`},
	{`Get-VM -Name web01`, `(cmd Get-VM -Name web01)`},
	{`Get-VM -Name a,b,c`, `(cmd Get-VM -Name (array a b c))`},
	{"Get-VM -Name a,\n  b", `(cmd Get-VM -Name (array a b))`},
	{`Set-VM -Confirm:$false`, `(cmd Set-VM (-Confirm: $false))`},
	{`Set-VM -Confirm: $false`, `(cmd Set-VM (-Confirm: $false))`},
	{`Set-VM -Force:$true -WhatIf`, `(cmd Set-VM (-Force: $true) -WhatIf)`},
	{`Write-Output 2+2`, `(cmd Write-Output 2+2)`},
	{`Write-Output 7z`, `(cmd Write-Output 7z)`},
	{`Write-Output 42`, `(cmd Write-Output 42)`},
	{`Write-Output -1`, `(cmd Write-Output -1)`},
	{`Write-Output 1.5gb`, `(cmd Write-Output 1.610612736e+09:double)`},
	{`Write-Output 0x10`, `(cmd Write-Output 16)`},
	{`7z a archive.zip`, `(cmd 7z a archive.zip)`},
	{`./script.ps1 -Verbose`, `(cmd ./script.ps1 -Verbose)`},
	{`.\script.ps1`, `(cmd .\script.ps1)`},
	{`..\x.ps1`, `(cmd ..\x.ps1)`},
	{`C:\tools\app.exe /s`, `(cmd C:\tools\app.exe /s)`},
	{`& $sb`, `(cmd& $sb)`},
	{`& $sb 1 2`, `(cmd& $sb 1 2)`},
	{`& 'C:\x y.ps1' -a`, `(cmd& 'C:\x y.ps1' -a)`},
	{`& { param($x) $x } 5`, `(cmd& (sb (param ($x)) (body $x)) 5)`},
	{`&$cmd`, `(cmd& $cmd)`},
	{`. ./file.ps1`, `(cmd. ./file.ps1)`},
	{`. $PSScriptRoot/x.ps1`, `(cmd. (xword $PSScriptRoot /x.ps1))`},
	{`. "$PSScriptRoot\lib.ps1"`, `(cmd. (xstr $PSScriptRoot "\lib.ps1"))`},
	{`.$sb`, `(cmd. $sb)`},
	{`echo $vm.name`, `(cmd echo (. $vm name))`},
	{`echo $vm .name`, `(cmd echo $vm .name)`},
	{`echo $name.txt`, `(cmd echo (. $name txt))`},
	{`echo $dir/file.txt`, `(cmd echo (xword $dir /file.txt))`},
	{`echo $env:TEMP\x`, `(cmd echo (xword $env:TEMP \x))`},
	{`echo 1.2.3`, `(cmd echo 1.2.3)`},
	{`echo 'abc'.ToUpper()`, `(cmd echo (call 'abc' ToUpper))`},
	{`echo $HOME.Length-more`, `(cmd echo (. $HOME Length) -more)`},
	{`echo a$b`, `(cmd echo (xword a $b))`},
	{`echo $a-b`, `(cmd echo (xword $a -b))`},
	{`echo "$x"done`, `(cmd echo (xstr $x) done)`}, // two arguments, as in pwsh
	{`echo a"$x"`, `(cmd echo (xword a $x))`},
	{`echo a'b c'd`, `(cmd echo ab cd)`},
	{"echo a`tb", "(cmd echo a\tb)"},
	{`echo $x[0]`, `(cmd echo (index $x 0))`},
	{`echo $x [0]`, `(cmd echo $x [0])`},
	{`echo (1 + 2)`, `(cmd echo (paren (+ 1 2)))`},
	{`echo $(1 + 2)`, `(cmd echo ($() (+ 1 2)))`},
	{`echo @(1, 2)`, `(cmd echo (@() (array 1 2)))`},
	{`echo @{a=1}`, `(cmd echo (hash (kv a 1)))`},
	{`echo { $_ }`, `(cmd echo (sb (body $_)))`},
	{`echo foreach if in`, `(cmd echo foreach if in)`},
	{`echo = + *`, `(cmd echo = + *)`},
	{`echo -- -x`, `(cmd echo -- -x)`},
	{`echo a,-b`, `(cmd echo (array a -b))`},
	{`echo user@example.com`, `(cmd echo user@example.com)`},
	{`echo a#b`, `(cmd echo a#b)`},
	{`echo a #comment`, `(cmd echo a)`},
	{`echo a <# block #> b`, `(cmd echo a b)`},
	{`Get-Thing @params -Force`, `(cmd Get-Thing @params -Force)`},
	{`Get-Thing @{ a = 1 }`, `(cmd Get-Thing (hash (kv a 1)))`},
	{`Get-Thing -Filter {Name -like 'x*'}`, `(cmd Get-Thing -Filter (sb (body (cmd Name -like 'x*'))))`},
	{`Get-Thing –Name x`, `(cmd Get-Thing -Name x)`},
	{`Get-Thing -Name'x'`, `(cmd Get-Thing -Namex)`},
	{`Get-Thing -Path:C:\x`, `(cmd Get-Thing (-Path: C:\x))`},
	{`git log --oneline`, `(cmd git log --oneline)`},
	{`icacls x --% /grant Users:(F)`, `(cmd icacls x --% /grant Users:(F))`},
	{`% { $_ }`, `(cmd % (sb (body $_)))`},
	{`? { $_ }`, `(cmd ? (sb (body $_)))`},
	{`'a' | % ToUpper`, `(pipe 'a' (cmd % ToUpper))`},
	{`Get-Process | Where-Object CPU -gt 10`, `(pipe (cmd Get-Process) (cmd Where-Object CPU -gt 10))`},
	{`[string]$x | Out-Host`, `(pipe (cast [string] $x) (cmd Out-Host))`},

	// Redirections.
	{`Get-X > out.txt`, `(cmd Get-X (1> out.txt))`},
	{`Get-X >> out.txt`, `(cmd Get-X (1>> out.txt))`},
	{`Get-X 2> err.txt`, `(cmd Get-X (2> err.txt))`},
	{`Get-X 2>&1`, `(cmd Get-X 2>&1)`},
	{`Get-X 3>&1 *> all.txt`, `(cmd Get-X 3>&1 (*> all.txt))`},
	{`Get-X *>&1`, `(cmd Get-X *>&1)`},
	{`Get-X 2>$null`, `(cmd Get-X (2> $null))`},
	{`Get-X >$null 2>&1`, `(cmd Get-X (1> $null) 2>&1)`},
	{`$x > file.txt`, `(expr $x (1> file.txt))`},
	{`echo hi>out.txt`, `(cmd echo hi>out.txt)`},
	{`Get-X 6>&1`, `(cmd Get-X 6>&1)`},

	// Pipelines.
	{`Get-VM | Select-Object Name`, `(pipe (cmd Get-VM) (cmd Select-Object Name))`},
	{"Get-VM |\n  Select-Object Name", `(pipe (cmd Get-VM) (cmd Select-Object Name))`},
	{"Get-VM\n  | Select-Object Name\n  | Sort-Object", `(pipe (cmd Get-VM) (cmd Select-Object Name) (cmd Sort-Object))`},
	{"Get-VM\n  # a comment\n  | Out-Null", `(pipe (cmd Get-VM) (cmd Out-Null))`},
	{`1..3 | ForEach-Object { $_ * 2 }`, `(pipe (.. 1 3) (cmd ForEach-Object (sb (body (* $_ 2)))))`},
	{`$list | foreach { $_ }`, `(pipe $list (cmd foreach (sb (body $_))))`},
	{`Start-Job { 1 } &`, `(pipe& (cmd Start-Job (sb (body 1))))`},
	{`a && b`, `(&& (cmd a) (cmd b))`},
	{`a || b`, `(|| (cmd a) (cmd b))`},
	{`a && b || c`, `(|| (&& (cmd a) (cmd b)) (cmd c))`},
	{"a &&\n  b", `(&& (cmd a) (cmd b))`},
	{`a && b &`, `(&&& (cmd a) (cmd b))`},
	{`$x = a && b`, `(= $x (&& (cmd a) (cmd b)))`},
	{"Get-A -B `\n  -C", `(cmd Get-A -B -C)`},
	{"Get-A -B ` \n  -C", `(cmd Get-A -B)` + "\n" + `(cmd -C)`},
	{"Get-A -B:`\n$true", `(cmd Get-A (-B: $true))`},
	{"Get-A; Get-B", `(cmd Get-A)` + "\n" + `(cmd Get-B)`},
}

func TestCommands(t *testing.T) {
	runGolden(t, commandsCases)
}

var assignmentsCases = []golden{
	{`$x = 1`, `(= $x 1)`},
	{`$x=1`, `(= $x 1)`},
	{`$x += 1`, `(+= $x 1)`},
	{`$x -= 1`, `(-= $x 1)`},
	{`$x *= 2`, `(*= $x 2)`},
	{`$x /= 2`, `(/= $x 2)`},
	{`$x %= 2`, `(%= $x 2)`},
	{`$x ??= 'd'`, `(??= $x 'd')`},
	{"$x =\n  5", `(= $x 5)`},
	{`$x = Get-VM | Where-Object PowerState -eq 'PoweredOn'`, `(= $x (pipe (cmd Get-VM) (cmd Where-Object PowerState -eq 'PoweredOn')))`},
	{`$x = if ($a) { 1 } else { 2 }`, `(= $x (if (clause $a (then 1)) (else 2)))`},
	{`$x = foreach ($i in 1..3) { $i }`, `(= $x (foreach $i (.. 1 3) (block $i)))`},
	{`$x = switch ($y) { 1 { 'one' } }`, `(= $x (switch $y (case 1 (block 'one'))))`},
	{`$x = try { 1 } catch { 2 }`, `(= $x (try (block 1) (catch (block 2))))`},
	{`$a, $b = 1, 2`, `(= (array $a $b) (array 1 2))`},
	{`$a, $b = $b, $a`, `(= (array $a $b) (array $b $a))`},
	{`$x.Prop = 5`, `(= (. $x Prop) 5)`},
	{`$x[0] = 5`, `(= (index $x 0) 5)`},
	{`$h['k'] = 'v'`, `(= (index $h 'k') 'v')`},
	{`[int]$x = '5'`, `(= (cast [int] $x) '5')`},
	{`[ValidateNotNull()][string]$x = 'a'`, `(= (attributed (attr ValidateNotNull) (cast [string] $x)) 'a')`},
	{`$global:count = 0`, `(= $global:count 0)`},
	{`$env:PATH += ';C:\x'`, `(+= $env:PATH ';C:\x')`},
	{`$x = $y = 3`, `(= $x (= $y 3))`},
	{`$null = Get-Thing`, `(= $null (cmd Get-Thing))`},
	{`$x = @{}`, `(= $x (hash))`},
	{`$x = ,1`, `(= $x (unary, 1))`},
	{`$x = -not $y`, `(= $x (-not $y))`},
	{`$x = [math]::Max(1, 2)`, `(= $x (call:: [math] Max 1 2))`},
}

func TestAssignments(t *testing.T) {
	runGolden(t, assignmentsCases)
}

var statementsCases = []golden{
	// if
	{`if ($a) { 1 }`, `(if (clause $a (then 1)))`},
	{`if ($a) { 1 } else { 2 }`, `(if (clause $a (then 1)) (else 2))`},
	{"if ($a) {\n 1\n}\nelseif ($b) {\n 2\n}\nelse {\n 3\n}", `(if (clause $a (then 1)) (clause $b (then 2)) (else 3))`},
	{`if (Test-Path $p) { }`, `(if (clause (cmd Test-Path $p) (then)))`},
	{`if ($x -and (Get-Y)) {}`, `(if (clause (-and $x (paren (cmd Get-Y))) (then)))`},
	{"if ($a) { 1 }\n2", `(if (clause $a (then 1)))` + "\n2"},
	{`IF ($a) { 1 } ELSE { 2 }`, `(if (clause $a (then 1)) (else 2))`},
	{"if\n($a)\n{1}", `(if (clause $a (then 1)))`},

	// loops
	{`foreach ($vm in Get-VM) { $vm }`, `(foreach $vm (cmd Get-VM) (block $vm))`},
	{`foreach ($x in $list) { }`, `(foreach $x $list (block))`},
	{`:outer foreach ($a in $b) { break outer }`, `(foreach:outer $a $b (block (break outer)))`},
	{`for ($i = 0; $i -lt 10; $i++) { $i }`, `(for (= $i 0) (-lt $i 10) (post++ $i) (block $i))`},
	{`for (;;) { break }`, `(for <nil> <nil> <nil> (block (break)))`},
	{"for ($i = 0\n $i -lt 3\n $i++) {}", `(for (= $i 0) (-lt $i 3) (post++ $i) (block))`},
	{`while ($true) { continue }`, `(while $true (block (continue)))`},
	{`:loop while ($x) { continue loop }`, `(while:loop $x (block (continue loop)))`},
	{`do { $i++ } while ($i -lt 3)`, `(do-while (block (post++ $i)) (-lt $i 3))`},
	{`do { $i++ } until ($i -ge 3)`, `(do-until (block (post++ $i)) (-ge $i 3))`},
	{"do {\n $i++\n}\nwhile ($i -lt 3)", `(do-while (block (post++ $i)) (-lt $i 3))`},

	// switch
	{"switch ($x) {\n 1 { 'one' }\n 'two' { 2 }\n default { 'other' }\n}",
		`(switch $x (case 1 (block 'one')) (case 'two' (block 2)) (default 'other'))`},
	{`switch -Regex ($s) { '^a' { 1 } }`, `(switch -regex $s (case '^a' (block 1)))`},
	{`switch -Wildcard -CaseSensitive ($s) { 'a*' { 1 } }`, `(switch -wildcard -casesensitive $s (case 'a*' (block 1)))`},
	{`switch -Exact ($s) { a { 1 } }`, `(switch -exact $s (case a (block 1)))`},
	{`switch -File $path { x { 1 } }`, `(switch -file $path (case x (block 1)))`},
	{`switch ($x) { { $_ -gt 5 } { 'big' } }`, `(switch $x (case (sb (body (-gt $_ 5))) (block 'big')))`},
	{`switch ($x) { $y { 1 }; Default { 2 } }`, `(switch $x (case $y (block 1)) (default 2))`},
	{`switch (1, 2) { 1 { 'a' } }`, `(switch (array 1 2) (case 1 (block 'a')))`},
	{`switch ($x) { 'default' { 1 } }`, `(switch $x (case 'default' (block 1)))`},

	// flow control
	{`return`, `(return)`},
	{`return 5`, `(return 5)`},
	{`return $x | Sort-Object`, `(return (pipe $x (cmd Sort-Object)))`},
	{`break`, `(break)`},
	{`continue outer`, `(continue outer)`},
	{`exit`, `(exit)`},
	{`exit 1`, `(exit 1)`},
	{`exit $LASTEXITCODE`, `(exit $LASTEXITCODE)`},
	{`throw`, `(throw)`},
	{`throw "bad thing"`, `(throw "bad thing")`},
	{`throw [System.ArgumentException]::new('x')`, `(throw (call:: [System.ArgumentException] new 'x'))`},

	// try / trap / data
	{`try { Get-X } catch { $_ }`, `(try (block (cmd Get-X)) (catch (block $_)))`},
	{`try { 1 } finally { 2 }`, `(try (block 1) (finally 2))`},
	{"try {\n 1\n}\ncatch [System.IO.IOException], [System.UnauthorizedAccessException] {\n 2\n}\ncatch {\n 3\n}\nfinally {\n 4\n}",
		`(try (block 1) (catch [System.IO.IOException] [System.UnauthorizedAccessException] (block 2)) (catch (block 3)) (finally 4))`},
	{`trap { continue }`, `(trap (block (continue)))`},
	{`trap [System.Management.Automation.RuntimeException] { break }`, `(trap [System.Management.Automation.RuntimeException] (block (break)))`},
	{`data texts { ConvertFrom-StringData 'a=b' }`, `(data texts (block (cmd ConvertFrom-StringData 'a=b')))`},
	{`data -SupportedCommand Format-X { 1 }`, `(data  Format-X (block 1))`},

	// Keywords are keywords only at statement start.
	{`foreach-object { $_ }`, `(cmd foreach-object (sb (body $_)))`},
	{"1\nprocess", "1\n(cmd process)"},
	{`param`, `(cmd param)`},
	{`$x | if`, `(pipe $x (cmd if))`},
	{`Write-Host -Object if`, `(cmd Write-Host -Object if)`},
}

func TestStatements(t *testing.T) {
	runGolden(t, statementsCases)
}

var functionsCases = []golden{
	{`function f { 1 }`, `(function f (sb (body 1)))`},
	{`function Get-Thing { param($Name) $Name }`, `(function Get-Thing (sb (param ($Name)) (body $Name)))`},
	{`function f($a, $b = 2) { $a + $b }`, `(function f (args ($a) ($b 2)) (sb (body (+ $a $b))))`},
	{`function f() {}`, `(function f (args) (sb (body)))`},
	{"function f\n{\n 1\n}", `(function f (sb (body 1)))`},
	{`filter Double { $_ * 2 }`, `(filter Double (sb (body (* $_ 2))))`},
	{`function global:Do-It { }`, `(function global:Do-It (sb (body)))`},
	{`function process { }`, `(function process (sb (body)))`},
	{"function f {\n begin { 1 }\n process { $_ }\n end { 3 }\n}", `(function f (sb (begin 1) (process $_) (end 3)))`},
	{"function f {\n param($x)\n process { $x }\n}", `(function f (sb (param ($x)) (process $x)))`},
	{"function f {\n process { }\n clean { 'x' }\n}", `(function f (sb (process) (clean 'x')))`},
	{"function f { dynamicparam { } end { } }", `(function f (sb (dynamicparam) (end)))`},
	{`function f { trap { 'x' } 1 }`, `(function f (sb (body 1) (trap (block 'x'))))`},
	{`function f { begin { trap { } 1 } }`, `(function f (sb (begin 1 (trap (block)))))`},
	{"function Test-It {\n [CmdletBinding(SupportsShouldProcess, ConfirmImpact='High')]\n param(\n  [Parameter(Mandatory, Position=0, ValueFromPipeline)]\n  [ValidateSet('a','b')]\n  [Alias('x')]\n  [string[]]$Name,\n  [int]$Count = 3,\n  [switch]$Force\n )\n $Name\n}",
		`(function Test-It (sb (attr CmdletBinding SupportsShouldProcess (ConfirmImpact= 'High')) (param ($Name (attr Parameter Mandatory (Position= 0) ValueFromPipeline) (attr ValidateSet 'a' 'b') (attr Alias 'x') [string[]]) ($Count [int] 3) ($Force [switch])) (body $Name)))`},
	{"[CmdletBinding()]\nparam([string]$Server = 'localhost')\nGet-X $Server",
		`(cmd Get-X $Server)`},
	{`{ [CmdletBinding()] param() }`, `(sb (attr CmdletBinding) (param) (body))`},
	{`param($a, [int]$b)`, ``},
	{"param(\n  [ValidateScript({ $_ -gt 0 })]\n  $n\n)", ``},
	{"param(\n  [ValidateRange(1, 10)] [int] $n\n)", ``},
}

func TestFunctions(t *testing.T) {
	runGolden(t, functionsCases)
}

var newlinesAndSeparatorsCases = []golden{
	{"\n\n1\n\n2\n", "1\n2"},
	{"1;;2;", "1\n2"},
	{"1 # c\n2", "1\n2"},
	{"<# header\n comment #>\n1", "1"},
	{"#requires -Version 7\n1", "1"},
	{"1 +\n2", `(+ 1 2)`},
	{"1 -eq\n1", `(-eq 1 1)`},
	{"$x = 1,\n 2,\n 3", `(= $x (array 1 2 3))`},
	{"Get-A |\n\n Get-B", `(pipe (cmd Get-A) (cmd Get-B))`},
	{"$a\r\n$b\r\n", "$a\n$b"},
	{"$a\r$b", "$a\n$b"},
	{"Write-Host 'x' `\n  -ForegroundColor Green", `(cmd Write-Host 'x' -ForegroundColor Green)`},
	{"\ufeffGet-X", "(cmd Get-X)"},
	{"\ufeff[CmdletBinding()]param($a)\n$a", "$a"},
}

func TestNewlinesAndSeparators(t *testing.T) {
	runGolden(t, newlinesAndSeparatorsCases)
}

var idiomsCases = []golden{
	{"$x = Get-VM -Name a |\n  Where-Object PowerState -eq 'PoweredOn'", `(= $x (pipe (cmd Get-VM -Name a) (cmd Where-Object PowerState -eq 'PoweredOn')))`},
	{"@{ a =\n  1 }", `(hash (kv a 1))`},
	{"if ($x) { 1 } # note\nelse { 2 }", `(if (clause $x (then 1)) (else 2))`},
	{"$a = @(\n  Get-A\n  Get-B\n)", `(= $a (@() (cmd Get-A) (cmd Get-B)))`},
	{`Get-Content f | ForEach-Object { $_ -replace 'a','b' }`, `(pipe (cmd Get-Content f) (cmd ForEach-Object (sb (body (-replace $_ (array 'a' 'b'))))))`},
	{`if ($null -eq $x) {}`, `(if (clause (-eq $null $x) (then)))`},
	{`Invoke-Thing @PSBoundParameters`, `(cmd Invoke-Thing @PSBoundParameters)`},
	{`$o | Add-Member -MemberType NoteProperty -Name X -Value 1`, `(pipe $o (cmd Add-Member -MemberType NoteProperty -Name X -Value 1))`},
	{`Get-ChildItem -Path C:\ -Filter *.log -Recurse | Remove-Item -WhatIf`, `(pipe (cmd Get-ChildItem -Path C:\ -Filter *.log -Recurse) (cmd Remove-Item -WhatIf))`},
	{`if ($PSCmdlet.ShouldProcess($vm, 'Rekey')) {}`, `(if (clause (call $PSCmdlet ShouldProcess $vm 'Rekey') (then)))`},
	{`-not (Test-Path $p)`, `(-not (paren (cmd Test-Path $p)))`},
	{`$x -and -not $y`, `(-and $x (-not $y))`},
	{`!($a -eq $b)`, `(! (paren (-eq $a $b)))`},
	{`$array += $item`, `(+= $array $item)`},
	{`[string]::IsNullOrEmpty($s)`, `(call:: [string] IsNullOrEmpty $s)`},
	{`Write-Output ("{0}" -f $x)`, `(cmd Write-Output (paren (-f "{0}" $x)))`},
	{`& "C:\Program Files\x.exe" /arg`, `(cmd& "C:\Program Files\x.exe" /arg)`},
	{`(Get-Date).AddDays(-1).ToString('yyyy-MM-dd')`, `(call (call (paren (cmd Get-Date)) AddDays -1) ToString 'yyyy-MM-dd')`},
	{`Get-VM | Sort-Object -Property @{Expression={$_.Name}; Ascending=$true}`, `(pipe (cmd Get-VM) (cmd Sort-Object -Property (hash (kv Expression (sb (body (. $_ Name)))) (kv Ascending $true))))`},
	{"param(\n  # the server\n  $Server,\n  <# the port #> $Port\n)\n1", `1`},
	{`@{a=1}.a`, `(. (hash (kv a 1)) a)`},
	{`$a.Count -gt 0`, `(-gt (. $a Count) 0)`},
	{"$x = 1 + `\n  2", `(= $x (+ 1 2))`},
	{`$s -match '^(\d+)$' | Out-Null; $Matches[1]`, "(pipe (-match $s '^(\\d+)$') (cmd Out-Null))\n(index $Matches 1)"},
	{`Get-X | Select-Object -ExpandProperty Name -First 5`, `(pipe (cmd Get-X) (cmd Select-Object -ExpandProperty Name -First 5))`},
	{`$vms | Group-Object { $_.VMHost.Name } | Sort-Object Count -Descending`, `(pipe $vms (cmd Group-Object (sb (body (. (. $_ VMHost) Name)))) (cmd Sort-Object Count -Descending))`},
	{`Write-Host ('-' * 40)`, `(cmd Write-Host (paren (* '-' 40)))`},
	{`$total = ($items | Measure-Object -Sum).Sum`, `(= $total (. (paren (pipe $items (cmd Measure-Object -Sum))) Sum))`},
	{`$env:Path -split ';' | Where-Object { $_ }`, `(pipe (-split $env:Path ';') (cmd Where-Object (sb (body $_))))`},
	{`New-Item -ItemType Directory -Path $dir -Force | Out-Null`, `(pipe (cmd New-Item -ItemType Directory -Path $dir -Force) (cmd Out-Null))`},
	{`$cred = Get-Credential -Message "Login to $Server"`, `(= $cred (cmd Get-Credential -Message (xstr "Login to " $Server)))`},
	{`Start-Sleep -Milliseconds 500`, `(cmd Start-Sleep -Milliseconds 500)`},
	{`$result = Invoke-Command -ComputerName $c -ScriptBlock { param($p) Get-Item $p } -ArgumentList $path`, `(= $result (cmd Invoke-Command -ComputerName $c -ScriptBlock (sb (param ($p)) (body (cmd Get-Item $p))) -ArgumentList $path))`},
	{`Invoke-Command { $using:x }`, `(cmd Invoke-Command (sb (body $using:x)))`},
	{`"{0:N2} GB" -f ($bytes / 1GB)`, `(-f "{0:N2} GB" (paren (/ $bytes 1073741824)))`},
	{`$list = New-Object System.Collections.ArrayList`, `(= $list (cmd New-Object System.Collections.ArrayList))`},
	{`$ht.GetEnumerator() | ForEach-Object { "$($_.Key)=$($_.Value)" }`, `(pipe (call $ht GetEnumerator) (cmd ForEach-Object (sb (body (xstr ($() (. $_ Key)) "=" ($() (. $_ Value)))))))`},
}

func TestIdioms(t *testing.T) {
	runGolden(t, idiomsCases)
}
