"file" + 16
$array = 1,2,3
($array + 16) -join ','
($array + "file") -join ','
($array * 2) -join ','
"file" * 3
+ '123'
'10' - 5
'6' / 4
