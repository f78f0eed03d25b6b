[int]2.5
[int]3.5
[int]-2.5
[int]'42'
[int]' 7 '
[int]''
[int]$null
[int]$true
[long]'9000000000'
[double]'1.5'
[byte]255
[int]'0x1F'
[int]'1kb'
[decimal]'1.10'
[float]0.1
[single](1/3)
