$i = 0
:w while ($i -lt 10) {
  $i++
  if ($i % 2) { continue w }
  if ($i -gt 6) { break w }
  "even $i"
}
$j = 0
do { $j++; if ($j -eq 2) { continue }; "j$j" } while ($j -lt 3)
