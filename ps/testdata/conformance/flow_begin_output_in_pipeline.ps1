# What a command writes in its begin block goes down the pipeline too: it
# waits in the next command's input until every begin block has run.
function Get-Header {
  begin { 'header' }
  process { "item $_" }
  end { 'footer' }
}
Get-Header | ForEach-Object { "[$_]" }
1, 2 | Get-Header | ForEach-Object { "[$_]" }
function Get-Two { begin { 'one'; 'two' } }
Get-Two | Select-Object -First 1
(Get-Two | Measure-Object).Count
function Show-In { begin { Write-Host 'show-in begins' } process { "got $_" } }
Get-Two | Show-In
