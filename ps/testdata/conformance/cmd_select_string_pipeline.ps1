# Select-String matches each piped object as one line, ignoring case
# unless -CaseSensitive is given. A MatchInfo from pipeline input has the
# Path and Filename "InputStream", the record number as its LineNumber
# and converts to its line.
$lines = 'Alpha one', 'beta two', 'GAMMA three', 'delta four'
$found = $lines | Select-String 'a t'
$found.Count
"$($found[0])"
$found[1].LineNumber
$found[1].Line
$found[1].Path
$found[1].Filename
$found[1].Pattern
$found[1].IgnoreCase
$found[1].Matches[0].Value
$found[1].Matches[0].Index
$null -eq $found[1].Context
$found[0].GetType().FullName
'-- case sensitive'
($lines | Select-String 'a t' -CaseSensitive).Line
'-- raw and notmatch'
$lines | Select-String 'two|four' -NotMatch -Raw
'-- simple match'
'1.5', '105' | Select-String '.' -SimpleMatch -Raw
'-- all matches'
('a1b22c333' | Select-String '\d+' -AllMatches).Matches.Value -join ','
('a1b22c333' | Select-String '\d+').Matches.Value -join ','
'-- several patterns'
($lines | Select-String 'zzz', 'three').Pattern
'-- quiet'
$lines | Select-String 'beta' -Quiet
$null -eq ($lines | Select-String 'omega' -Quiet)
'-- input object'
(Select-String -InputObject 'some stuff', 'other stuff' -Pattern 'other').Line
'-- context'
$c = 'one', 'two', 'three', 'four', 'five' | Select-String 'three' -Context 1, 2
$c.Context.PreContext
$c.Context.PostContext
'-- display'
$lines | Select-String 'beta|delta'
