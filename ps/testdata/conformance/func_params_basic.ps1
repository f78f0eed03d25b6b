function Add($a, $b = 10) { $a + $b }
Add 1 2
Add 5
Add -b 1 -a 2
function Greet { param([string]$Name = 'world', [switch]$Loud) $s = "hello $Name"; if ($Loud) { $s.ToUpper() } else { $s } }
Greet
Greet -Name vm -Loud
Greet -Loud:$false vm
function Show-Args { "count=$($args.Count) first=$($args[0])" }
Show-Args x y z
function Typed([int]$n, [string]$s, [bool]$b) { "$($n.GetType().Name) [$s] $b" }
Typed '5'
Typed 1 $null
function Null-Check([string]$s) { $null -eq $s; $s.Length }
Null-Check
