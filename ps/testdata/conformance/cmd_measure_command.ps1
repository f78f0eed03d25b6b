# Measure-Command runs its block in the caller's scope, discards what the
# block writes and returns a System.TimeSpan. The duration itself depends
# on the machine, so only its type and properties are checked.
$t = Measure-Command { 'discarded'; $inside = 42 }
$t.GetType().FullName
$t -is [timespan]
$t.TotalSeconds -ge 0
$t.TotalMilliseconds -ge 0
$t.Days
$inside
'-- pipeline input runs the block once per object'
$seen = @()
$r = 1, 2, 3 | Measure-Command -Expression { $seen += $_ * 10 }
$seen -join ','
$r.GetType().Name
'-- InputObject'
$n = 0
$null = Measure-Command -InputObject 'x' { $n = "$_$_" }
$n
