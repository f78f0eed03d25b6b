'a1b2' -replace '\d', { [int]$_.Value * 10 }
'hello world' -replace '(\w+)', { $_.Groups[1].Value.ToUpper() }
'x-y' -replace '-'
