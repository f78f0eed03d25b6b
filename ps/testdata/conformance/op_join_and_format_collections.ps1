$items = 1, 'two', 3.5
$items -join ';'
'{0} and {1}' -f $items
"$items"
[string]$items
$OFS = '/'
[string]$items
