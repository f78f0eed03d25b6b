@{
    RootModule        = 'Counter.psm1'
    ModuleVersion     = '2.1.0'
    GUID              = '11111111-2222-3333-4444-555555555555'
    Description       = 'Counts, version two'
    NestedModules     = @('Helpers.psm1')
    FunctionsToExport = @('Get-Count', 'Get-HelpT*')
    VariablesToExport = @()
    AliasesToExport   = @()
}
