switch -Regex ('vm-101', 'db-7', 'x') {
  '^vm-(\d+)' { "vm $($Matches[1])" }
  '^db-(?<n>\d+)' { "db $($Matches.n)" }
  default { "no match $_" }
}
switch -Wildcard ('web01.lab.local') { 'web*' { 'web' } '*.local' { 'local' } 'db*' { 'db' } }
switch -Regex -CaseSensitive ('ABC') { 'abc' { 'lower' } 'ABC' { 'upper' } }
switch -Wildcard ('file.txt') { '*.TXT' { 'txt ci' } }
foreach ($n in 1..3) { switch ($n) { 2 { break } default { "n$n" } } }
