$s = 'abc'
$s[0]
$s[0].GetType().Name
$s[-1]
$s[0] -eq 'a'
[int]$s[0]
$s[0] + $s[1]
($s.ToCharArray() | ForEach-Object { [string]$_ }) -join ','
[char]'x'
[char]65
[int][char]'A'
[char]::IsDigit('5')
[char]::IsLetter([char]'q')
[char]::ToUpper([char]'q')
