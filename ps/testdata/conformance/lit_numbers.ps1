1kb
0x1F
0b101
1e3
10L.GetType().Name
7uy.GetType().Name
1.5d.GetType().Name
100s.GetType().Name
-0x1
1mb / 1kb
(2147483648).GetType().Name
0.5e1
