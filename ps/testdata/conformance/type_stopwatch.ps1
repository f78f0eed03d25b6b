# [System.Diagnostics.Stopwatch] times a block of work.
$sw = [System.Diagnostics.Stopwatch]::StartNew()
$sw.IsRunning
$sw.Elapsed -is [timespan]
$sw.Stop()
$sw.IsRunning
$sw.ElapsedMilliseconds -ge 0
$sw.Reset()
$sw.ElapsedMilliseconds
$new = [System.Diagnostics.Stopwatch]::new()
$new.IsRunning
