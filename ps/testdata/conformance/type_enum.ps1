[ConsoleColor]::Red
[ConsoleColor]'green'
[ConsoleColor]::Red -eq 'red'
[int][ConsoleColor]::Red
[System.Management.Automation.ErrorCategory]::ObjectNotFound
[System.Enum]::GetNames([System.MidpointRounding]) -join ','
([ConsoleColor]::Blue).GetType().FullName
try { [ConsoleColor]'Purple' } catch { $_.Exception.Message }
