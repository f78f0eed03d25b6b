# $foreach and $switch are the loops' enumerators: MoveNext() skips
# elements (about_Automatic_Variables).
foreach ($i in 1..6) {
    if ($i -eq 2) {
        [void]$foreach.MoveNext()
        "skipped to $($foreach.Current)"
        continue
    }
    "i=$i"
}
function Read-Options {
    switch ($args) {
        '-Name' { [void]$switch.MoveNext(); "name=$($switch.Current)" }
        '-Force' { 'force' }
        default { "positional $_" }
    }
}
Read-Options -Name web01 extra -Force
foreach ($w in 'a', 'b') { }
"loop variable after the loop: $w"
"outside a loop: [$foreach] [$switch]"
