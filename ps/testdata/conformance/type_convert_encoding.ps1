[Convert]::ToInt32('ff', 16)
[Convert]::ToString(10, 2)
[Convert]::ToInt32('42')
$b = [System.Text.Encoding]::UTF8.GetBytes('Hi')
$b -join ','
$b64 = [Convert]::ToBase64String($b)
$b64
[System.Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($b64))
[BitConverter]::ToString([byte[]](1, 255))
