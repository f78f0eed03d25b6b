$k = $Host.UI.RawUI.ReadKey('NoEcho,IncludeKeyDown')
$k.Character
$Host.UI.RawUI.WindowTitle = 'keyhost'
$Host.UI.RawUI.WindowTitle
