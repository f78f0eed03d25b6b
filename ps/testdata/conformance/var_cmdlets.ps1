Set-Variable -Name a -Value 1
$a
New-Variable -Name b -Value 2
$b
try { New-Variable -Name b -Value 3 -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }
New-Variable -Name b -Value 4 -Force
$b
(Get-Variable -Name a).Value
Get-Variable -Name a -ValueOnly
Clear-Variable -Name a
$null -eq $a
Remove-Variable -Name a
Get-Variable -Name a -ErrorAction SilentlyContinue
try { Remove-Variable -Name nope -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }
Set-Variable -Name c -Value 5 -Option ReadOnly
try { $c = 6 } catch { $_.FullyQualifiedErrorId }
Set-Variable -Name c -Value 7 -Force
$c
try { Remove-Variable c -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }
Remove-Variable c -Force
New-Variable -Name k -Value 1 -Option Constant
try { Set-Variable k 2 -Force -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }
(Get-Variable k).Options
$pv = Set-Variable -Name d -Value 'passed' -PassThru
$pv.Name + '=' + $pv.Value
try { Get-Variable nope -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }
