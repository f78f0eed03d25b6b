# A script with parameters, run with & and dot-sourced by flow cases.
param([string]$Name, [int]$Count = 1)
$scriptParamSeen = $Name
"name=$Name count=$Count"
