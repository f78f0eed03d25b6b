# Integration tests: the script runs against keyhost's simulated vCenter
# (the demo inventory) and the tests check the world afterwards.
BeforeAll {
    . $PSScriptRoot/Invoke-VMRekey.ps1
}

Describe 'Invoke-VMRekey on the demo vCenter' -Tag Integration {
    BeforeAll {
        $before = @{}
        foreach ($vm in Get-VM) {
            $before[$vm.Name] = $vm.ExtensionData.Config.KeyId.KeyId
        }
        $result = Invoke-VMRekey -From NKP-Primary -To NKP-Secondary -Name web*, db01 -Confirm:$false
    }

    It 'moves <_> to NKP-Secondary' -ForEach 'web01', 'web02', 'db01' {
        (Get-VM -Name $_).ExtensionData.Config.KeyId.ProviderId.Id | Should -Be 'NKP-Secondary'
    }

    It 'gives <_> a new key' -ForEach 'web01', 'web02', 'db01' {
        (Get-VM -Name $_).ExtensionData.Config.KeyId.KeyId | Should -Not -Be $before[$_]
    }

    It 'leaves the other VMs where they were' {
        (Get-VM app01).ExtensionData.Config.KeyId.ProviderId.Id | Should -Be 'NKP-Primary'
        (Get-VM db02).ExtensionData.Config.KeyId.ProviderId.Id | Should -Be 'KMS-Standard'
        (Get-VM dev01).ExtensionData.Config.KeyId | Should -BeNullOrEmpty
    }

    It 'reports one record per VM' {
        $result | Should -HaveCount 3
        $result.VM | Should -Contain 'db01'
        $result.To | Should -Not -Contain 'NKP-Primary'
    }

    Context 'a VM vSphere refuses to rekey' {
        It 'fails on dev04, whose snapshots are on two branches' {
            { Invoke-VMRekey -From NKP-Secondary -To NKP-Primary -Name dev04 -Confirm:$false } |
                Should -Throw -ExpectedMessage '*single snapshot branch*'
            (Get-VM dev04).ExtensionData.Config.KeyId.ProviderId.Id | Should -Be 'NKP-Secondary'
        }
    }
}
