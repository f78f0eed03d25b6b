$base = 10
function F { param($A = $base * 2, $B = $A + 1, [string[]]$List = @('x', 'y')) "$A $B $($List -join '+')" }
F
F -A 1
function G { param([int]$Count = '7') $Count.GetType().Name + " $Count" }
G
