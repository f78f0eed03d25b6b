#
# Keyhost.PowerCLI: PowerCLI's cmdlets in a real pwsh, served by keyhost.
#
# Import-Module ./Keyhost.PowerCLI starts `keyhost serve --listen stdio`
# (or connects to the server $env:KEYHOST_SERVER names), asks it for its
# cmdlets and defines a function for each, with the same parameters, so
# that PowerCLI scripts run unchanged against keyhost's simulated vCenter.
# See README.md beside this file.
#
@{
    RootModule        = 'Keyhost.PowerCLI.psm1'
    ModuleVersion     = '1.0.0'
    GUID              = 'beef0e21-1b28-4b0d-92bb-0b91cb8cf29d'
    Author            = 'keyhost'
    CompanyName       = 'keyhost'
    Copyright         = '(c) keyhost contributors'
    Description       = "PowerCLI's cmdlets, served by keyhost (keyhost serve) over JSON-RPC 2.0."
    PowerShellVersion = '7.0'
    # The cmdlet functions are defined when the module loads, from the
    # server's cmdlet.list; the psm1 exports them by name.
    FunctionsToExport = '*'
    # PowerCLI's default table views (Name, PowerState, Num CPUs, MemoryGB
    # for a VM ...).
    FormatsToProcess  = @('Keyhost.PowerCLI.format.ps1xml')
    CmdletsToExport   = @()
    VariablesToExport = @()
    AliasesToExport   = @()
    PrivateData       = @{
        PSData = @{
            Tags = @('keyhost', 'PowerCLI', 'vSphere', 'encryption')
        }
    }
}
