#Requires -Version 8.0
'never'
