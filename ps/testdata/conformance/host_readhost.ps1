$n = Read-Host -Prompt 'Name'
"hello $n"
$s = Read-Host 'Password' -AsSecureString
$s.GetType().Name
$s.Length
$choices = '&Yes', '&No', '&Maybe'
$c = $Host.UI.PromptForChoice('Pick', 'Choose one', $choices, 0)
"choice $c"
$line = $Host.UI.ReadLine()
"read [$line]"
