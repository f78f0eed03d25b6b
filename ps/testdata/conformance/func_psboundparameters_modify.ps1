function Inner { param($A, $B) "A=$A B=$B" }
function Outer {
  [CmdletBinding()]
  param($A, $B, $Extra)
  $null = $PSBoundParameters.Remove('Extra')
  $PSBoundParameters['B'] = 'changed'
  Inner @PSBoundParameters
}
Outer -A 1 -B 2 -Extra 3
