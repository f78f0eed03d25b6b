(2 + 3.1).GetType().Name
(512MB).GetType().Name
(512MB * 512MB).GetType().Name
([int]::MaxValue + 1).GetType().Name
([long]1 + 1).GetType().Name
5 / 2
(6 / 2).GetType().Name
7 % 3
-7 % 3
([int32]::minvalue + [uint32]::maxvalue).GetType().FullName
(9223372036854775807 + 2).GetType().FullName
