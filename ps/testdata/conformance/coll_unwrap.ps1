function One { return ,@(1) }
function Two { 1; 2 }
function None { }
function Single { 'a' }
(One).GetType().Name
(Two).GetType().Name
$n = None
$null -eq $n
@(None).Count
(Single).GetType().Name
@(Single).Count
$x = Write-Output -NoEnumerate @(1, 2)
$x.Count
foreach ($i in $null) { 'never' }
'done'
