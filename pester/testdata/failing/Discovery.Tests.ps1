# This file fails while Pester discovers its tests: the code in the
# Describe body runs at discovery, and it throws.
Describe 'Broken at discovery' {
    $vms = Get-VM -Name 'no-such-vm' -ErrorAction Stop

    It 'is never found' {
        $vms | Should -Not -BeNullOrEmpty
    }
}
