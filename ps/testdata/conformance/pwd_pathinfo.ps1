# $PWD is a PathInfo: it renders as its path and has a Path property.
"$($PWD.GetType().Name) $($PWD.Path -eq "$PWD")"
