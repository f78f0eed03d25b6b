# using namespace lets type literals omit the namespace (about_Using);
# System is always searched.
using namespace System.Collections.Generic
using namespace System.Text

$list = [List[string]]::new()
$list.Add('a')
$list.Add('b')
"$($list.Count) $($list -join ',')"
$map = [Dictionary[string, int]]::new()
$map['x'] = 1
$map -is [Dictionary[string, int]]
$sb = [StringBuilder]::new()
[void]$sb.Append('built')
$sb.ToString()
function Get-Total {
    param([List[int]]$Numbers)
    ($Numbers | Measure-Object -Sum).Sum
}
Get-Total -Numbers 1, 2, 3
$list -is [List[string]]
[Math]::Max(2, 3)
