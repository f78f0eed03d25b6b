package cmdlets_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/keyhost/keyhost/engine"
)

// The cmdlets that read hosts, disks, vTPMs, snapshots and vSAN health, on
// the demo world.
func TestInventoryReadCmdlets(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"hosts in order", `(Get-VMHost).Name -join ','`, "esx01.lab.local,esx02.lab.local,esx03.lab.local,esx04.lab.local,esx05.lab.local,esx06.lab.local\n"},
		{"host wildcard positional", `(Get-VMHost esx0[45]*).Name -join ','`, "esx04.lab.local,esx05.lab.local\n"},
		{"hosts of a cluster from the pipeline", `(Get-Cluster Prod | Get-VMHost).Name -join ','`, "esx01.lab.local,esx02.lab.local,esx03.lab.local\n"},
		{"hosts by location", `(Get-VMHost -Location Dev).Name -join ','`, "esx04.lab.local,esx05.lab.local\n"},
		{"host by id", `(Get-VMHost -Id HostSystem-host-15).Name`, "esx06.lab.local\n"},
		{"crypto states", `(Get-VMHost | ForEach-Object { "$($_.Name.Substring(0,5))=$($_.CryptoState)" }) -join ' '`,
			"esx01=Safe esx02=Safe esx03=Safe esx04=Prepared esx05=Prepared esx06=Safe\n"},
		{"host key", `(Get-VMHost esx06*).ExtensionData.Runtime.CryptoKeyId.ProviderId.Id`, "NKP-Primary\n"},
		{"no host key when prepared", `$null -eq (Get-VMHost esx04*).ExtensionData.Runtime.CryptoKeyId`, "True\n"},
		{"runtime crypto state", `(Get-VMHost esx04*).ExtensionData.Runtime.CryptoState`, "prepared\n"},
		{"host facts", `$h = Get-VMHost esx01*; "$($h.ConnectionState) $($h.PowerState) $($h.Version) $($h.Build)"`, "Connected PoweredOn 8.0.3 24022510\n"},
		{"disks of a VM", `(Get-HardDisk -VM web01 | ForEach-Object { "$($_.Name)=$($_.CapacityGB)" }) -join ' '`, "Hard disk 1=40 Hard disk 2=100\n"},
		{"disk from the pipeline", `(Get-VM db02 | Get-HardDisk -Name 'Hard disk 2').Id`, "VirtualMachine-vm-104/2001\n"},
		{"disk key", `(Get-HardDisk -VM web01)[0].ExtensionData.Backing.KeyId.ProviderId.Id`, "NKP-Primary\n"},
		{"disk facts", `$d = (Get-HardDisk -VM web01)[0]; "$($d.Parent) $($d.ParentId) $($d.CapacityKB) $($d.Filename)"`,
			"web01 VirtualMachine-vm-101 41943040 [vsanDatastore] web01/web01.vmdk\n"},
		{"disk by id", `(Get-HardDisk -Id VirtualMachine-vm-105/2000).Parent.Name`, "app01\n"},
		{"vTPM", `$t = Get-VTpm -VM app01; "$($t.Name) $($t.Key) $($t.Id) $($t.Parent)"`, "Virtual TPM 11000 VirtualMachine-vm-105/11000 app01\n"},
		{"no vTPM", `(Get-VTpm -VM web01 | Measure-Object).Count`, "0\n"},
		{"snapshots", `(Get-Snapshot -VM dev04 | ForEach-Object { "$($_.Name):$($_.IsCurrent)" }) -join ' '`, "base:False feature-a:False feature-b:True\n"},
		{"snapshot by name", `(Get-VM dev04 | Get-Snapshot -Name feature-*).Count`, "2\n"},
		{"snapshot parent", `(Get-Snapshot -VM dev04 -Name feature-a).ParentSnapshot.Name`, "base\n"},
		{"vSAN health", `$r = Test-VsanClusterHealth -Cluster Prod; "$($r.OverallHealthStatus) $($r.EncryptionHealth.OverallHealth) $($r.EncryptionHealth.HostResult.Count)"`, "green green 3\n"},
		{"no OverallHealth property", `$null -eq (Test-VsanClusterHealth -Cluster Prod).OverallHealth`, "True\n"},
		{"nothing resyncing", `(Get-VsanResyncingComponent -Cluster Prod | Measure-Object).Count`, "0\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, res, _ := session(t, tc.src)
			assert.Equal(t, tc.want, out)
			assert.Empty(t, errOut)
			assert.Equal(t, 0, res.ExitCode)
		})
	}
}

func TestInventoryReadCmdletErrors(t *testing.T) {
	tests := []struct{ name, src, wantErr string }{
		{"host not found", `Get-VMHost nope`, "VMHost with name 'nope' was not found using the specified filter(s)."},
		{"host id not found", `Get-VMHost -Id HostSystem-host-99`, "VMHost with id 'HostSystem-host-99' was not found"},
		{"health without vSAN", `Test-VsanClusterHealth -Cluster Mgmt`, "vSAN is not enabled on cluster Mgmt."},
		{"disk of an unknown VM", `Get-HardDisk -VM nope`, "VM with name 'nope' was not found"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, errOut, _, _ := session(t, tc.src)
			assert.Contains(t, errOut, tc.wantErr)
		})
	}
}

func TestSetVMHostCrypto(t *testing.T) {
	out, errOut, res, w := session(t, `
$h = Set-VMHost -VMHost esx04.lab.local -KeyProvider NKP-Secondary -Confirm:$false
"$($h.CryptoState) $($h.ExtensionData.Runtime.CryptoKeyId.ProviderId.Id)"
$before = (Get-VMHost esx01*).ExtensionData.Runtime.CryptoKeyId.KeyId
Get-VMHost esx01* | Set-VMHost -KeyProvider NKP-Primary | Out-Null
$after = (Get-VMHost esx01*).ExtensionData.Runtime.CryptoKeyId.KeyId
"rekeyed=$($before -ne $after)"
(Set-VMHost -VMHost esx06.lab.local -DisableCryptoSafe).CryptoState
Set-VMHost -VMHost esx05.lab.local -DisableCryptoSafe
`)
	assert.Equal(t, "Safe NKP-Secondary\nrekeyed=True\nPendingIncapable\n", out)
	assert.Contains(t, errOut, "Host esx05.lab.local is not in crypto safe mode")
	assert.Equal(t, 1, res.ExitCode)
	require.NoError(t, w.RebootHost("host-15"))
	h, err := w.Host("host-15")
	require.NoError(t, err)
	assert.Equal(t, engine.HostCryptoIncapable, h.CryptoState)
}

func TestDiskVTpmPowerAndSnapshotCmdlets(t *testing.T) {
	out, errOut, res, w := session(t, `
Stop-VM -VM app01 -Confirm:$false | ForEach-Object { "$($_.Name) $($_.PowerState)" }
Get-HardDisk -VM app01 | Set-HardDisk -KeyProvider NKP-Secondary -Confirm:$false | ForEach-Object { $_.ExtensionData.Backing.KeyId.ProviderId.Id }
Get-HardDisk -VM app01 | Set-HardDisk -DisableEncryption -Confirm:$false | ForEach-Object { $null -eq $_.ExtensionData.Backing.KeyId }
Start-VM app01 | ForEach-Object { "$($_.Name) $($_.PowerState)" }

$t = New-VTpm -VM dev01
"$($t.Name) encrypted=$($null -ne (Get-VM dev01).ExtensionData.Config.KeyId)"
Get-VTpm -VM dev01 | Remove-VTpm -Confirm:$false
(Get-VTpm -VM dev01 | Measure-Object).Count

$s = New-Snapshot -VM dev01 -Name before-change
"$($s.Name) $($s.IsCurrent) $($s.VM)"
Get-Snapshot -VM dev01 -Name before-change | Remove-Snapshot -Confirm:$false
(Get-Snapshot -VM dev01 | Measure-Object).Count
`)
	require.Equal(t, 0, res.ExitCode, errOut)
	assert.Equal(t, "app01 PoweredOff\nNKP-Secondary\nTrue\napp01 PoweredOn\n"+
		"Virtual TPM encrypted=True\n0\n"+
		"before-change True dev01\n0\n", out)
	assert.True(t, w.Verify().OK())
}

func TestDiskAndPowerCmdletErrors(t *testing.T) {
	tests := []struct{ name, src, wantErr string }{
		{"a disk needs an encrypted home", `Get-HardDisk -VM dev01 | Set-HardDisk -KeyProvider NKP-Primary -Confirm:$false`, "the virtual machine home is not encrypted"},
		{"encrypting a running VM's disk", `Get-HardDisk -VM app01 | Set-HardDisk -KeyProvider NKP-Primary -Confirm:$false`, "(Powered on)"},
		{"Stop-VM prompts", `Stop-VM -VM web01`, "PowerShell is in NonInteractive mode."},
		{"a vTPM needs EFI", `Stop-VM util01 -Confirm:$false | Out-Null; New-VTpm -VM util01`, "uses bios firmware; a virtual TPM requires EFI"},
		{"Remove-Snapshot prompts", `Get-Snapshot -VM db01 | Remove-Snapshot`, "PowerShell is in NonInteractive mode."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, errOut, _, w := session(t, tc.src)
			assert.Contains(t, errOut, tc.wantErr)
			assert.True(t, w.Verify().OK())
		})
	}
}

// A VM locked because its host lost a Standard KEK (a reboot while the
// KMS was unreachable) does not start; Unlock-VM gets the key back once the
// KMS answers.
func TestUnlockVM(t *testing.T) {
	w := demoWorld(t)
	require.NoError(t, w.SetKMSReachable("KMS-Standard", false))
	require.NoError(t, w.RebootHost("host-10"))
	fsys := newWorkFS()
	out, errOut, _ := run(t, w, fsys, `
(Get-VM db02).ExtensionData.Runtime.CryptoState
Start-VM -VM db02
Unlock-VM -VM db02
`)
	assert.Equal(t, "locked\n", out)
	assert.Contains(t, errOut, "Virtual machine db02 is locked")
	assert.Contains(t, errOut, "cannot reach its key management server")

	require.NoError(t, w.SetKMSReachable("KMS-Standard", true))
	out, errOut, res := run(t, w, fsys, `
(Unlock-VM -VM db02).ExtensionData.Runtime.CryptoState
(Start-VM -VM db02).PowerState
`)
	require.Equal(t, 0, res.ExitCode, errOut)
	assert.Equal(t, "unlocked\nPoweredOn\n", out)
}

// While vCenter is down, PowerCLI cannot talk to it.
func TestVCenterDownFailsCmdlets(t *testing.T) {
	w := demoWorld(t)
	w.SetVCenterAvailable(false)
	_, errOut, res := run(t, w, newWorkFS(), `Get-VM`)
	assert.Equal(t, 1, res.ExitCode)
	assert.Contains(t, errOut, "The underlying connection to 'vcsa01.lab.local' was closed")
}

func TestVsanDeepRekeyWithReducedRedundancy(t *testing.T) {
	out, errOut, res, w := session(t, `
Start-VsanEncryptionConfiguration -Cluster Prod -DeepRekey -AllowReducedRedundancy $true -Confirm:$false | Out-Null
(Get-View (Get-Cluster Prod)).ConfigurationEx.VsanConfigInfo.DataEncryptionConfig.DekGenerationId
(Test-VsanClusterHealth -Cluster Prod).OverallHealthStatus
`)
	require.Equal(t, 0, res.ExitCode, errOut)
	assert.Equal(t, "1\ngreen\n", out)
	assert.True(t, w.Verify().OK())
}

// An encrypted template is rekeyed the way VMware's samples do it: convert
// it to a VM, rekey, convert it back.
func TestTemplateRekeyRoundTrip(t *testing.T) {
	out, errOut, res, w := session(t, `
$t = Set-VM -VM db02 -ToTemplate -Confirm:$false
"$t $($t.ExtensionData.Config.KeyId.ProviderId.Id) $((Get-Template).Name)"
$vm = Get-Template db02 | Set-Template -ToVM
Set-VM -VM $vm -KeyProvider NKP-Secondary -Confirm:$false | Out-Null
(Set-VM -VM $vm -ToTemplate -Confirm:$false).ExtensionData.Config.KeyId.ProviderId.Id
`)
	require.Equal(t, 0, res.ExitCode, errOut)
	assert.Equal(t, "db02 KMS-Standard db02 tmpl-web\nNKP-Secondary\n", out)
	assert.True(t, w.Verify().OK())
}
