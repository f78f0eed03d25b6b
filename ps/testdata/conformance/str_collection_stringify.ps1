# Converting a collection to a string converts its elements without
# recursion (PSObject.ToStringEnumerable): nested collections show their
# type name, custom objects their (empty) base string.
$nested = (1, 2), 3
"expand: $nested"
"join: $($nested -join ',')"
"unary: $(-join $nested)"
"cast: $([string]$nested)"
$co = [pscustomobject]@{ a = 1 }
"alone: $co"
"in array: [$(@($co, 2))]"
"property array: $([pscustomobject]@{ a = 1, 2 })"
"method: [$($co.ToString())] psobject: [$($co.psobject.ToString())]"
"array method: $((1, 2).ToString()) $(@{}.ToString())"
$self = 1, 2, 3
$self[0] = $self
"self: $self"
$OFS = '/'
"ofs: $(1, 2, 3)"
