function Count-It {
  begin { $n = 0; 'begin' }
  process { $n++; "item $_" }
  end { "end $n" }
}
1..3 | Count-It
filter Double { $_ * 2 }
(1..3 | Double) -join ','
function Get-Input { $input | ForEach-Object { $_ + 100 } }
(1, 2 | Get-Input) -join ','
function No-Process { "end sees $($input.Count)" }
'a', 'b' | No-Process
