0.1d + 0.2d -eq 0.3d
1.50d
1.5d * 2
10d / 4
1d / 3
([decimal]0.1).GetType().Name
(1d + 1).GetType().Name
[decimal]'2.50' + 1
