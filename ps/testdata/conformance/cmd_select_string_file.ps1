# Select-String reads files line by line. A MatchInfo from a file has the
# full path and converts to "path:line:text"; the default view shows the
# path relative to the current location. A path that does not exist is
# an error; the script goes on.
$hits = Select-String -Path ./data/select_string.log -Pattern 'error'
$hits.Count
$hits[0].LineNumber
$hits[0].Filename
$hits[0].Path
"$($hits[1])"
'-- case sensitive and raw'
Select-String 'error' ./data/select_string.log -CaseSensitive -Raw
'-- list'
(Select-String 'disk' ./data/select_string.log -List).LineNumber
'-- quiet'
Select-String 'disk' ./data/select_string.log -Quiet
Select-String 'kernel' ./data/select_string.log -Quiet
'-- wildcard path'
(Select-String 'INFO' ./data/select_*.log).LineNumber
'-- literal path and pipeline'
(Select-String 'retrying' -LiteralPath ./data/select_string.log).Line
(Get-Item ./data/select_string.log | Select-String 'WARN').LineNumber
'-- missing file'
Select-String 'x' ./data/missing.log
'after'
'-- display'
Select-String 'disk' ./data/select_string.log
Select-String 'WARN' ./data/select_string.log -Context 1
