param($First, [int]$Second = 2)
"first=[$First] second=$Second args=$($args.Count)"
& ./lib/params.inc.ps1 -Name direct 5
. ./lib/params.inc.ps1 dotted
"after dot: $scriptParamSeen"
return
'not reached'
