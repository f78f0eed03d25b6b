# switch -File runs the clauses for each line of a file; the path is
# relative to the current location.
switch -File ./data/switch_input.txt {
    'beta' { 'found beta' }
    default { "line: $_" }
}
switch -Regex -File ./data/switch_input.txt {
    '(\d+)$' { "number $($Matches[1])" }
}
switch -File ./data/missing.txt { default { $_ } }
'after'
