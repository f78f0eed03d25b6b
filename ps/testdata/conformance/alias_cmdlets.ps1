Set-Alias -Name say -Value Write-Output
say 'hi'
New-Alias -Name say2 -Value Write-Output
say2 'there'
(Get-Alias say).Definition
(Get-Alias -Definition Write-Output | ForEach-Object Name) -contains 'echo'
function Inner { Set-Alias -Name tmp -Value Write-Output; tmp 'in scope' }
Inner
try { tmp 'x' } catch { 'alias was local' }
try { New-Alias -Name say -Value Write-Host -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }
(Get-Alias gcm).ResolvedCommandName
(Get-Command say).CommandType
