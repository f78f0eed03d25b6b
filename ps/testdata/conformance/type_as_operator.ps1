('42' -as [int]) + 1
('x' -as [int]) -eq $null
(5 -as [string]).GetType().Name
([pscustomobject]@{} -as [hashtable]) -eq $null
('1.5' -as [decimal]).GetType().Name
('2020' -as [version]) -eq $null
('1.2' -as [version]).Minor
