@{
    RootModule = 'Bad.psm1'
    ModuleVersion = (Get-Date).Year
}
