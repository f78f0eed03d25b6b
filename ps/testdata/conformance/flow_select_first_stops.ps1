# Select-Object -First stops the commands upstream of it, also when the
# objects come from an upstream end block (Sort-Object emits there).
$top = 5, 3, 9, 1 | Sort-Object -Descending | Select-Object -First 1
"top=$top"
function Get-Numbers {
    process { $_ * 10 }
    end { 'end of Get-Numbers' }
}
1..5 | Get-Numbers | Select-Object -First 2
$late = & { end { 'a'; 'b'; 'c' } } | ForEach-Object { $_.ToUpper() } | Select-Object -First 2
$late -join ','
$?
'after'
