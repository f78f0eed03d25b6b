& {
    param()
    $ErrorActionPreference = 'Stop'
    Write-Error 'non-advanced'
} 2>$null
'after non-advanced'
