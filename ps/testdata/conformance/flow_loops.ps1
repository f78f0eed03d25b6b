for ($i = 0; $i -lt 3; $i++) { $i }
$n = 0
while ($n -lt 2) { $n++; "w$n" }
do { $n-- ; "d$n" } while ($n -gt 0)
do { $n++ } until ($n -ge 3)
$n
foreach ($x in 'a', 'b') { $x.ToUpper() }
foreach ($x in @()) { 'never' }
$sum = 0; foreach ($i in 1..100) { $sum += $i }; $sum
