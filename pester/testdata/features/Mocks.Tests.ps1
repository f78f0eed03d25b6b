# Mock and Should -Invoke, as Pester 5 scopes them.
Import-Module $PSScriptRoot/VMInventory.psm1 -Force

BeforeAll {
    function Get-Thing {
        param([Alias('Label')][string]$Name)
        "real $Name"
    }
}

Describe 'Mock' {
    BeforeAll {
        Mock Get-Thing { "mocked $Name" } -ParameterFilter { $Name -eq 'a' }
    }

    It 'answers the calls its filter selects' {
        Get-Thing a | Should -Be 'mocked a'
    }

    It 'lets the real command answer the others' {
        Get-Thing b | Should -Be 'real b'
    }

    It 'prefers the newest mock whose filter matches' {
        Mock Get-Thing { 'newest' } -ParameterFilter { $Name -like '*' }
        Get-Thing a | Should -Be 'newest'
    }

    It 'forgets the mocks of the previous test' {
        Get-Thing c | Should -Be 'real c'
    }

    It 'falls back to a mock without a filter' {
        Mock Get-Thing { 'default' }
        Get-Thing b | Should -Be 'default'
        Get-Thing a | Should -Be 'mocked a'
    }

    It 'gives the mock the bound parameters, by name and alias' {
        Mock Get-Thing { "$($PesterBoundParameters['Name'])/$Label" }
        Get-Thing -Name z | Should -Be 'z/z'
    }

    It 'binds pipeline input like the real cmdlet' {
        Mock Set-VM { "set $($VM.Name)" }
        $out = Get-VM web01, web02 | Set-VM -KeyProvider NKP-Secondary -Confirm:$false
        $out | Should -Be 'set web01', 'set web02'
        Should -Invoke Set-VM -Times 2 -Exactly
        (Get-VM web01).ExtensionData.Config.KeyId.ProviderId.Id | Should -Be 'NKP-Primary'
    }

    It 'relaxes typed parameters with -RemoveParameterType' {
        Mock Set-VM { 'relaxed' } -RemoveParameterType VM
        Set-VM -VM ([pscustomobject]@{ Name = 'stub' }) -KeyProvider NKP-Secondary -Confirm:$false | Should -Be 'relaxed'
    }

    It 'refuses to mock a command that does not exist' {
        { Mock Get-Nothing { } } | Should -Throw -ExpectedMessage 'Could not find Command Get-Nothing'
    }
}

Describe 'Should -Invoke scopes' {
    BeforeAll {
        Mock Get-Thing { 'mocked' }
        $null = Get-Thing x
    }

    It 'counts this test only with -Scope It, and by default' {
        $null = Get-Thing y
        Should -Invoke Get-Thing -Times 1 -Exactly -Scope It
        Should -Invoke Get-Thing -Times 1 -Exactly
    }

    Context 'inner' {
        BeforeAll {
            $null = Get-Thing z
        }

        It 'counts the Context and its tests with -Scope Context' {
            $null = Get-Thing w
            Should -Invoke Get-Thing -Times 2 -Exactly -Scope Context
        }

        It 'counts the whole Describe with -Scope Describe' {
            Should -Invoke Get-Thing -Times 4 -Exactly -Scope Describe
        }

        It 'counts by level with a number' {
            Should -Invoke Get-Thing -Times 2 -Exactly -Scope 1
        }
    }

    It 'filters the calls' {
        $null = Get-Thing a
        $null = Get-Thing b
        Should -Invoke Get-Thing -Times 1 -Exactly -ParameterFilter { $Name -eq 'a' }
        Should -Invoke Get-Thing -ExclusiveFilter { $Name -in 'a', 'b' }
        Should -Not -Invoke Get-Thing -ParameterFilter { $Name -eq 'c' }
        Assert-MockCalled Get-Thing -Times 2 -Exactly -Scope It
    }

    It 'fails with Pester''s messages' {
        { Should -Invoke Get-Thing -Times 3 -Exactly } |
            Should -Throw -ExpectedMessage 'Expected Get-Thing to be called 3 times exactly, but was called 0 times'
        $null = Get-Thing a
        { Should -Invoke Get-Thing -Times 2 } |
            Should -Throw -ExpectedMessage 'Expected Get-Thing to be called at least 2 times, but was called 1 times'
        { Should -Invoke Get-Thing -ExclusiveFilter { $Name -eq 'b' } } |
            Should -Throw -ExpectedMessage 'Expected Get-Thing to be called at least 1 times, but was called 0 times'
        { Should -Not -Invoke Get-Thing } |
            Should -Throw -ExpectedMessage 'Expected Get-Thing not to be called exactly 1 times, but it was'
        { Should -Not -Invoke Get-Thing -Times 1 } |
            Should -Throw -ExpectedMessage 'Expected Get-Thing to be called less than 1 times, but was called 1 times'
        { Should -Invoke Get-Unmocked } |
            Should -Throw -ExpectedMessage 'Should -Invoke: Could not find Mock for command Get-Unmocked in script scope.*'
    }

    It 'checks verifiable mocks' {
        Mock Get-Thing { 'v' } -Verifiable -ParameterFilter { $Name -eq 'v' }
        { Should -InvokeVerifiable } | Should -Throw -ExpectedMessage "*Command Get-Thing with { `$Name -eq 'v' }"
        $null = Get-Thing v
        Should -InvokeVerifiable
        Assert-VerifiableMock
    }
}

Describe 'Mocks and modules' {
    It 'does not reach calls made inside a module without -ModuleName' {
        Mock Get-VM { [pscustomobject]@{ Name = 'fake' } }
        Get-VMReport -Name web01 | Should -Be 'web01: internal'
        Get-VM web01 | Select-Object -ExpandProperty Name | Should -Be 'fake'
    }

    It 'reaches them with -ModuleName' {
        Mock Get-VM { [pscustomobject]@{ Name = 'fake' } } -ModuleName VMInventory
        Get-VMReport | Should -Be 'fake: internal'
        Should -Invoke Get-VM -ModuleName VMInventory -Times 1 -Exactly
    }

    It 'mocks the module''s private functions' {
        Mock Get-PrivateVMName { 'mocked' } -ModuleName VMInventory
        Get-VMReport -Name web01 | Should -Be 'web01: mocked'
    }

    It 'runs code in the module with InModuleScope' {
        InModuleScope VMInventory { Get-PrivateVMName } | Should -Be 'internal'
        InModuleScope VMInventory -Parameters @{ Suffix = '!' } { "$(Get-PrivateVMName)$Suffix" } | Should -Be 'internal!'
    }

    It 'cannot call private functions from outside' {
        { Get-PrivateVMName } | Should -Throw
    }
}

InModuleScope VMInventory {
    Describe 'Inside the module' {
        It 'sees its private functions' {
            Get-PrivateVMName | Should -Be 'internal'
        }

        It 'mocks inside the module' {
            Mock Get-PrivateVMName { 'inside' }
            Get-VMReport -Name web01 | Should -Be 'web01: inside'
            Should -Invoke Get-PrivateVMName -Times 1 -Exactly
        }
    }
}
