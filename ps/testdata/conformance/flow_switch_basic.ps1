switch (2) { 1 { 'one' } 2 { 'two' } 2 { 'two again' } default { 'other' } }
switch (5) { 1 { 'one' } default { 'default' } }
switch ('B') { 'b' { 'case-insensitive' } }
switch -CaseSensitive ('B') { 'b' { 'lower' } 'B' { 'upper' } }
switch (1, 2, 3) { 2 { 'two' } default { "d$_" } }
switch (1..5) { { $_ % 2 } { "odd $_"; continue } 3 { 'never' } }
switch ('abc') { 'abc' { 'first'; break } 'abc' { 'second' } }
switch (@()) { default { 'never' } }
$r = switch (3) { 3 { 'three' } }
$r
switch -Exact ('a*') { 'a*' { 'exact' } }
