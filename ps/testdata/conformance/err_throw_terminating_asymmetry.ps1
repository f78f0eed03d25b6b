function Test-Asymmetry {
    [CmdletBinding()]
    param()
    $er = [System.Management.Automation.ErrorRecord]::new(
        [System.InvalidOperationException]::new('test error'),
        'TestError',
        [System.Management.Automation.ErrorCategory]::InvalidOperation,
        $null
    )
    $PSCmdlet.ThrowTerminatingError($er)
    'not reached'
}
Test-Asymmetry -ErrorAction SilentlyContinue
'after 1'
$ErrorActionPreference = 'SilentlyContinue'
Test-Asymmetry
'after 2'
$ErrorActionPreference = 'Continue'
try { Test-Asymmetry } catch { $_.FullyQualifiedErrorId; $_.Exception.Message; $_.CategoryInfo.Activity }
