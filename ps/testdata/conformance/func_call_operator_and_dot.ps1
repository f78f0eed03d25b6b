$sb = { param($x) "got $x"; $local = 'inner' }
& $sb 5
$local
. $sb 6
$local
$name = 'Write-Output'
& $name 'via name'
$cmd = Get-Command Write-Output
& $cmd 'via command info'
function Helper { 'helper ran' }
& (Get-Command Helper)
$sb2 = { $args.Count }
& $sb2 1 2 3
$sb.Invoke(7)
