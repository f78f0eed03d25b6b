# $env: variables can be set, appended to and removed for the session
# (an empty value removes the variable, as the Env provider does).
$env:KEYHOST_DEMO = 'one'
$env:KEYHOST_DEMO
$env:KEYHOST_DEMO += ';two'
"[$env:KEYHOST_DEMO]"
[Environment]::GetEnvironmentVariable('KEYHOST_DEMO')
[Environment]::SetEnvironmentVariable('KEYHOST_OTHER', 'x')
"other=$env:KEYHOST_OTHER"
[Environment]::GetEnvironmentVariables().ContainsKey('KEYHOST_OTHER')
$env:KEYHOST_DEMO = ''
$null -eq $env:KEYHOST_DEMO
$null -eq [Environment]::GetEnvironmentVariable('KEYHOST_DEMO')
