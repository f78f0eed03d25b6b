# Unit tests: every PowerCLI cmdlet the script calls is mocked, so no
# vCenter is needed and nothing changes.
BeforeAll {
    . $PSScriptRoot/Invoke-VMRekey.ps1
}

Describe 'Invoke-VMRekey' {
    BeforeAll {
        function New-TestVM([string]$Name, [string]$Provider) {
            $keyId = $null
            if ($Provider) {
                $keyId = [pscustomobject]@{ KeyId = "key-$Name"; ProviderId = [pscustomobject]@{ Id = $Provider } }
            }
            New-MockObject -Type 'VMware.VimAutomation.ViCore.Types.V1.Inventory.VirtualMachine' -Properties @{
                Name          = $Name
                ExtensionData = [pscustomobject]@{ Config = [pscustomobject]@{ KeyId = $keyId } }
            }
        }

        Mock Get-KeyProvider {
            New-MockObject -Type 'VMware.VimAutomation.ViCore.Types.V1.Security.KeyProvider' -Properties @{ Name = $Name }
        }
        Mock Get-VM {
            New-TestVM -Name web01 -Provider NKP-Primary
            New-TestVM -Name web02 -Provider NKP-Primary
            New-TestVM -Name dev01
            New-TestVM -Name dev04 -Provider NKP-Secondary
        }
        Mock Set-VM { }
    }

    Context 'shallow rekey' {
        BeforeAll {
            $result = Invoke-VMRekey -From NKP-Primary -To NKP-Secondary -Confirm:$false
        }

        It 'rekeys the VMs of the old provider' {
            $result.VM | Should -Be @('web01', 'web02')
        }

        It 'reports that <_> left NKP-Primary' -ForEach 'web01', 'web02' {
            ($result | Where-Object VM -EQ $_).From | Should -BeExactly 'NKP-Primary'
        }

        It 'keeps the disks keys' {
            Should -Invoke Set-VM -Times 2 -Exactly -Scope Context -ParameterFilter { $SkipHardDisks }
        }

        It 'leaves plain VMs and other providers alone' {
            Should -Invoke Set-VM -Times 0 -Exactly -Scope Context -ParameterFilter { $VM.Name -in 'dev01', 'dev04' }
        }

        It 'asks for the new provider once' {
            Should -Invoke Get-KeyProvider -Times 1 -Exactly -Scope Context -ParameterFilter { $Name -eq 'NKP-Secondary' }
        }
    }

    Context 'deep rekey' {
        It 'rekeys the disks too' {
            $r = Invoke-VMRekey -From NKP-Secondary -To NKP-Primary -Deep -Confirm:$false
            $r | Should -HaveCount 1
            $r.Deep | Should -BeTrue
            Should -Invoke Set-VM -Times 1 -Exactly -ParameterFilter { -not $SkipHardDisks -and $VM.Name -eq 'dev04' }
        }
    }

    Context 'a key provider that does not exist' {
        BeforeAll {
            Mock Get-KeyProvider { throw "Could not find KeyProvider with name '$Name'." } -ParameterFilter { $Name -eq 'Nope' }
        }

        It 'stops before it touches a VM' {
            { Invoke-VMRekey -From NKP-Primary -To Nope -Confirm:$false } |
                Should -Throw -ExpectedMessage "*name 'Nope'*"
            Should -Invoke Set-VM -Times 0 -Exactly
        }
    }

    It 'only says what it would do with -WhatIf' {
        Invoke-VMRekey -From NKP-Primary -To NKP-Secondary -WhatIf | Should -BeNullOrEmpty
        Should -Invoke Set-VM -Times 0 -Exactly
    }

    It 'calls the verifiable mocks' {
        Mock Get-VM { New-TestVM -Name web09 -Provider NKP-Primary } -Verifiable -ParameterFilter { $Name -eq 'web09' }
        Invoke-VMRekey -From NKP-Primary -To NKP-Secondary -Name web09 -Confirm:$false |
            Select-Object -ExpandProperty VM | Should -Be 'web09'
        Should -InvokeVerifiable
    }
}
