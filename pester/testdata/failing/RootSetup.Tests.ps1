# The top-level BeforeAll fails: the file fails, its tests do not run.
BeforeAll {
    . $PSScriptRoot/Missing-Script.ps1
}

Describe 'Depends on a missing script' {
    It 'is not run' {
        Get-Missing | Should -Be 1
    }
}
