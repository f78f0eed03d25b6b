$r = [regex]'(?<word>\w+)@(?<host>\w+)'
$m = $r.Match('mail admin@vcsa now')
$m.Success
$m.Value
$m.Index
$m.Groups['host'].Value
$m.Groups[1].Value
$r.IsMatch('nothing here')
([regex]::Matches('a1b22c333', '\d+') | ForEach-Object Value) -join ','
[regex]::Replace('2024-01-15', '(\d+)-(\d+)-(\d+)', '$3/$2/$1')
[regex]::Escape('a.b*c')
[regex]::Split('a1b2c', '\d') -join '|'
[regex]::IsMatch('ABC', 'abc', 'IgnoreCase')
([regex]'\d').Replace('a1b2', 'X')
$r2 = [regex]::new('^web', [System.Text.RegularExpressions.RegexOptions]::IgnoreCase)
$r2.IsMatch('WEB01')
[regex]::Replace('abc', '[ac]', { param($m) $m.Value.ToUpper() })
$r.ToString()
