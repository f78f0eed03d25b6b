foreach ($i in 1..5) { if ($i -eq 2) { continue }; if ($i -eq 4) { break }; $i }
:outer foreach ($a in 1..3) {
  foreach ($b in 1..3) {
    if ($b -eq 2) { continue outer }
    if ($a -eq 3) { break outer }
    "$a$b"
  }
}
$k = 0
:loop while ($true) { $k++; for (;;) { if ($k -gt 2) { break loop }; break } }
"k=$k"
