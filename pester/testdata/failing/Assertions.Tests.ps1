# Failing tests, to show how failures are reported.
BeforeAll {
    function Get-VMKeyProvider([string]$Name) {
        $vm = Get-VM -Name $Name -ErrorAction Stop
        $vm.ExtensionData.Config.KeyId.ProviderId.Id
    }
}

Describe 'Failing assertions' {
    It 'compares strings' {
        Get-VMKeyProvider web01 | Should -Be 'NKP-Secondary'
    }

    It 'compares numbers, with a reason' {
        (Get-VM).Count | Should -Be 12 -Because 'the demo has twelve VMs'
    }

    It 'counts' {
        Get-VM -Name web* | Should -HaveCount 3
    }

    It 'looks into collections' {
        (Get-KeyProvider).Name | Should -Contain 'KMS-Backup'
    }

    It 'checks types' {
        (Get-VM web01).NumCpu | Should -BeOfType [string]
    }

    It 'matches patterns' {
        'NKP-Primary' | Should -Match '^KMS-'
    }

    It 'expects an error' {
        { Get-VM web01 } | Should -Throw
    }

    It 'expects another error message' {
        { Get-VM nosuchvm -ErrorAction Stop } | Should -Throw -ExpectedMessage 'VM * was not found*'
    }

    It 'fails in a function it calls' {
        Get-VMKeyProvider nosuchvm | Should -BeNullOrEmpty
    }

    It 'collects several failures with -ErrorAction Continue' {
        1 | Should -Be 2 -ErrorAction Continue
        'a' | Should -BeExactly 'A' -ErrorAction Continue
        $true | Should -BeTrue
    }

    It 'expects a call that was not made' {
        Mock Set-VM { }
        Should -Invoke Set-VM -Times 1
    }

    It 'expects verifiable mocks to be called' {
        Mock Get-VM { } -Verifiable -ParameterFilter { $Name -eq 'web01' }
        Should -InvokeVerifiable
    }
}

Describe 'A block whose setup fails' {
    BeforeAll {
        $script:kp = Get-KeyProvider -Name 'NKP-Missing' -ErrorAction Stop
    }

    It 'does not run' {
        $kp | Should -Not -BeNullOrEmpty
    }

    Context 'nested' {
        It 'does not run either' {
            $true | Should -BeTrue
        }
    }
}

Describe 'A block whose teardown fails' {
    AfterAll {
        throw 'cleanup failed'
    }

    It 'passes' {
        1 | Should -Be 1
    }
}

Describe 'Teardown after a failure' {
    AfterEach {
        Write-Host 'AfterEach ran'
    }

    It 'throws' {
        throw 'boom'
    }
}
