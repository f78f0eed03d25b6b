'web01' -like 'web*'
'web01' -notlike 'db*'
'Web01' -clike 'web*'
'a[b]c' -like 'a`[b`]c'
'file7.txt' -like 'file[0-9].txt'
if ('vm-101-prod' -match 'vm-(\d+)-(?<env>\w+)') { $Matches[1]; $Matches.env; $Matches[0] }
('one','two','three' -match 't').Count
'ABC' -cmatch 'abc'
'abc' -notmatch 'x'
