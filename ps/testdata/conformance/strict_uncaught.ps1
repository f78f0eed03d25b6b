Set-StrictMode -Version Latest
$missing
'after'
