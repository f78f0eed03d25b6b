(1).GetType().FullName
(1L).GetType().Name
(1.5).GetType().Name
'x'.GetType().Name
@(1).GetType().FullName
@{}.GetType().FullName
([ordered]@{}).GetType().FullName
[pscustomobject]@{} | ForEach-Object { $_.GetType().FullName }
{ 1 }.GetType().FullName
$true.GetType().Name
(1..2).GetType().Name
