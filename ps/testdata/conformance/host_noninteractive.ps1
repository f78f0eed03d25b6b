try { Read-Host 'x' } catch { $_.Exception.Message }
try { $Host.UI.PromptForChoice('c', 'm', @('&A','&B'), 0) } catch { $_.Exception.Message }
Read-Host 'Value'
'after'
