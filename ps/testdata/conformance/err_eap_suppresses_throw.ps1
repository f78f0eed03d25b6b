$ErrorActionPreference = 'SilentlyContinue'
throw 'suppressed'
'continued after throw'
$Error[0].Exception.Message
NoSuchCommand-Quiet
'after quiet command'
