if ('False') { 'string False is true' }
if (@($false)) { 'no' } else { 'one-element false array is false' }
if (@($false, $false)) { 'two-element array is true' }
if (0.0) { 'no' } elseif ($null) { 'no' } elseif ('') { 'no' } else { 'all false' }
if (Get-Variable -Name nope -ErrorAction SilentlyContinue) { 'no' } else { 'no output is false' }
$x = if ($true) { 'assigned' } else { 'other' }
$x
