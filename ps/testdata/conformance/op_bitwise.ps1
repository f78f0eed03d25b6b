10 -band 3
10 -bor 3
10 -bxor 3
-bnot 10
102 -shl 2
102 -shr 1
21 -shr 32
21 -shr 65
[int]::MaxValue -shr 1
[int]::MinValue -shr 1
-1 -shr 1
-21 -shr 2
