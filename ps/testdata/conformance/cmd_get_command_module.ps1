(Get-Command -Module Microsoft.PowerShell.Core -Name Get-Command).Name
(Get-Command -CommandType Alias -Name gcm).Definition
@(Get-Command -Verb Get -Noun Variable).Count
(Get-Command Get-Variable).Verb
(Get-Command Get-Variable).Noun
(Get-Command Get-Help).ImplementingType.FullName
