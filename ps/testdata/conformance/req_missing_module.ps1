#Requires -Modules NoSuchModule
'never'
