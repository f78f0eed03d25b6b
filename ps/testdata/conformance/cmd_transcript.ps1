# Start-Transcript writes pwsh's header to the file and reports where;
# then every line the host shows goes to the file too (output as
# formatted, Write-Host, warnings, verbose messages shown), until
# Stop-Transcript writes the footer. The machine facts in the header are
# keyhost's: $env:HOSTNAME (here unset: localhost), $env:USER, $PID and
# $PSVersionTable; the clock is the host's.
Start-Transcript -Path ./out/session.log
'output line'
Write-Host 'host line'
Write-Warning 'careful'
Write-Verbose 'shown' -Verbose
Write-Verbose 'not shown'
'a', 'b' | ForEach-Object { "item $_  " }
Stop-Transcript
'-- file'
Get-Content ./out/session.log
'-- append with the minimal header'
Start-Transcript ./out/session.log -Append -UseMinimalHeader | Out-Null
'second'
$null = Stop-Transcript
(Get-Content ./out/session.log | Select-Object -Skip 30) -join '|'
'-- NoClobber'
try { Start-Transcript ./out/session.log -NoClobber } catch { $_.Exception.Message; $_.FullyQualifiedErrorId }
'-- a directory'
try { Start-Transcript -LiteralPath ./out } catch { $_.Exception.Message }
