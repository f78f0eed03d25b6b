$ErrorActionPreference = 'Stop'
'start'
[int]'x'
'never'
