$Host.Name
$Host.Version.Major
$Host.UI.RawUI.WindowSize.Width
$Host.UI.WriteLine('direct line')
$Host.UI.Write('no newline')
''
$Host.CurrentCulture
