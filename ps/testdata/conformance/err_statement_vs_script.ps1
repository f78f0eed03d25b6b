'start'
Write-Error 'non-terminating'
'after non-terminating'
NoSuchCommand-Xyz
'after statement-terminating'
throw 'fatal'
'never'
