function Ask { [CmdletBinding()] param() if ($PSCmdlet.ShouldContinue('Query', 'Caption')) { 'yes' } }
try { Ask } catch { $_.Exception.Message }
