function Rest {
  [CmdletBinding()]
  param([Parameter(Position = 0)]$First, [Parameter(ValueFromRemainingArguments)]$Others)
  "$First | $($Others -join ',')"
}
Rest a b c
function NoPos { [CmdletBinding(PositionalBinding = $false)] param($A) "A=$A" }
try { NoPos 1 } catch { $_.FullyQualifiedErrorId }
NoPos -A 2
function Pos { param([Parameter(Position = 1)]$B, [Parameter(Position = 0)]$A, $C) "A=$A B=$B C=$C" }
Pos 1 2
try { Pos 1 2 3 } catch { $_.FullyQualifiedErrorId }
