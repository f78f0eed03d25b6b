$v = 'script level'
function Outer { $v = 'outer level'; Inner }
function Inner {
  (Get-Variable v -Scope 1).Value
  (Get-Variable v -Scope 2).Value
  Set-Variable v 'set by inner' -Scope 1
  Get-Variable v -Scope 1 -ValueOnly
  (Get-Variable v -Scope Script).Value
}
Outer
$v
