$sb = [System.Text.StringBuilder]::new()
[void]$sb.Append('a')
$null = $sb.Append('b').Append(1)
$sb.AppendLine('!') | Out-Null
[void]$sb.AppendFormat('{0}-{1}', 'x', 'y')
$sb.ToString()
$sb.Length
