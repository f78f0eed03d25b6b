@{
    RootModule        = 'Counter.psm1'
    ModuleVersion     = '1.0.0'
    GUID              = '11111111-2222-3333-4444-555555555555'
    Description       = 'Counts, version one'
    FunctionsToExport = @('Get-Count')
}
