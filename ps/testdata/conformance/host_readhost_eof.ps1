$first = Read-Host
"got $first"
try { Read-Host } catch { $_.Exception.Message }
