package cmdlets_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/keyhost/keyhost/cmdlets"
	"github.com/keyhost/keyhost/engine"
	"github.com/keyhost/keyhost/ps/eval"
)

// session runs a command string on a fresh demo world.
func session(t *testing.T, src string) (stdout, stderr string, res eval.Result, w *engine.World) {
	t.Helper()
	w, err := engine.NewDemo()
	require.NoError(t, err)
	var out, errOut bytes.Buffer
	h := &eval.Host{Stdout: &out, Stderr: &errOut, Now: func() time.Time { return time.Date(2026, 11, 24, 3, 11, 8, 0, time.UTC) }}
	r, _ := cmdlets.NewRunner(w, h, true)
	res = r.RunCommand(context.Background(), "<test>", src)
	return out.String(), errOut.String(), res, w
}

func TestCmdletOutput(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"get-vm order", `(Get-VM).Name -join ' '`, "web01 web02 db01 db02 app01 dev01 dev02 dev03 dev04 jump01 util01\n"},
		{"get-vm wildcard positional", `(Get-VM dev0*).Count`, "4\n"},
		{"vm renders as its name", `$vm = Get-VM web01; "vm=$vm"`, "vm=web01\n"},
		{"vm id", `(Get-VM web01).Id`, "VirtualMachine-vm-101\n"},
		{"vm is VirtualMachine", `(Get-VM web01) -is [VMware.VimAutomation.ViCore.Types.V1.Inventory.VirtualMachine]`, "True\n"},
		{"power state", `(Get-VM db02).PowerState`, "PoweredOff\n"},
		{"power state compares to string", `(Get-VM db02).PowerState -eq 'PoweredOff'`, "True\n"},
		{"config keyid of encrypted vm", `(Get-VM web01).ExtensionData.Config.KeyId.ProviderId.Id`, "NKP-Primary\n"},
		{"config keyid null when plain", `$null -eq (Get-VM dev01).ExtensionData.Config.KeyId`, "True\n"},
		{"get-view same shape", `(Get-View (Get-VM db02)).Config.KeyId.ProviderId.Id`, "KMS-Standard\n"},
		{"get-view by id", `(Get-View -Id VirtualMachine-vm-105).Name`, "app01\n"},
		{"disks are VirtualDisk", `((Get-VM web01).ExtensionData.Config.Hardware.Device | Where-Object { $_ -is [VMware.Vim.VirtualDisk] }).Count`, "2\n"},
		{"disk backing keyid", `((Get-VM web01).ExtensionData.Config.Hardware.Device | Where-Object { $_ -is [VMware.Vim.VirtualDisk] })[0].Backing.KeyId.ProviderId.Id`, "NKP-Primary\n"},
		{"vtpm only vm has no disk keys", `$d = (Get-VM app01).ExtensionData.Config.Hardware.Device | Where-Object { $_ -is [VMware.Vim.VirtualDisk] }; $null -eq $d[0].Backing.KeyId`, "True\n"},
		{"vtpm device", `((Get-VM app01).ExtensionData.Config.Hardware.Device | Where-Object { $_ -is [VMware.Vim.VirtualTPM] }).DeviceInfo.Label`, "Virtual TPM\n"},
		{"runtime crypto state", `(Get-VM web01).ExtensionData.Runtime.CryptoState`, "unlocked\n"},
		{"snapshot tree", `(Get-VM dev04).ExtensionData.Snapshot.RootSnapshotList[0].ChildSnapshotList.Count`, "2\n"},
		{"key providers", `(Get-KeyProvider).Name -join ','`, "NKP-Primary,NKP-Secondary,KMS-Standard,NKP-Unbacked\n"},
		{"key provider renders as name", `$kp = Get-KeyProvider -Name NKP-Secondary; "to $kp"`, "to NKP-Secondary\n"},
		{"key provider type filter", `(Get-KeyProvider -Type KeyProvider).Name`, "KMS-Standard\n"},
		{"unbacked provider inactive", `(Get-KeyProvider NKP-Unbacked).IsActive`, "False\n"},
		{"default for system", `(Get-KeyProvider | Where-Object { $_.DefaultForSystem }).Name`, "NKP-Primary\n"},
		{"clusters", `(Get-Cluster).Name -join ','`, "Prod,Dev,Mgmt\n"},
		{"vsan encryption", `(Get-Cluster | Get-VsanClusterConfiguration | ForEach-Object { "$($_.Cluster):$($_.EncryptionEnabled):$($_.KeyProvider)" }) -join ' '`, "Prod:True:NKP-Primary Dev:False: Mgmt:False:\n"},
		{"cluster view kek", `$null -ne (Get-View (Get-Cluster Prod)).ConfigurationEx.VsanConfigInfo.DataEncryptionConfig.KekId`, "True\n"},
		{"default viserver", `"$global:DefaultVIServer $($global:DefaultVIServers.Count)"`, "vcsa01.lab.local 1\n"},
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

func TestCmdletErrors(t *testing.T) {
	tests := []struct {
		name, src string
		wantErr   string
	}{
		{"vm not found", `Get-VM nope`, "Get-VM: 11/24/2026 3:11:08 AM\tGet-VM\t\tVM with name 'nope' was not found using the specified filter(s).\n"},
		{"wildcard matching nothing is no error", `Get-VM nope*; 'ok'`, ""},
		{"key provider not found", `Get-KeyProvider -Name NoSuch`, "KeyProvider with name 'NoSuch' was not found using the specified filter(s)."},
		{"encrypt powered-on vm", `Set-VM -VM util01 -KeyProvider NKP-Primary -Confirm:$false`, "The operation for the entity \"util01\" failed with the following message: \"The attempted operation cannot be performed in the current state (Powered on).\""},
		{"unbacked provider", `Set-VM -VM dev01 -KeyProvider NKP-Unbacked -Confirm:$false`, "Key provider NKP-Unbacked requires backup."},
		{"linked clone", `Set-VM -VM jump01 -KeyProvider NKP-Secondary -SkipHardDisks -Confirm:$false`, "jump01"},
		{"null key provider", `Set-VM -VM web01 -KeyProvider $null -Confirm:$false`, "Cannot validate argument on parameter 'KeyProvider'. The argument is null or empty."},
		{"bool parameter refuses strings", `Start-VsanEncryptionConfiguration -Cluster Prod -EncryptionEnabled 'false' -Confirm:$false`, "Cannot bind parameter 'EncryptionEnabled'."},
		{"allowreducedredundancy is not a switch", `Start-VsanEncryptionConfiguration -Cluster Prod -DeepRekey -AllowReducedRedundancy -Confirm:$false`, "Missing an argument for parameter 'AllowReducedRedundancy'."},
		{"sets cannot mix", `Start-VsanEncryptionConfiguration -Cluster Prod -ShallowRekey -DeepRekey -Confirm:$false`, "Parameter set cannot be resolved using the specified named parameters."},
		{"rekey of unencrypted vsan", `Start-VsanEncryptionConfiguration -Cluster Dev -ShallowRekey -Confirm:$false`, "The operation for the entity \"Dev\" failed"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, errOut, _, _ := session(t, tc.src)
			if tc.wantErr == "" {
				assert.Empty(t, errOut)
				return
			}
			assert.Contains(t, errOut, tc.wantErr)
		})
	}
}

func TestSetVMEncryptsDecryptsAndRekeys(t *testing.T) {
	_, errOut, res, w := session(t, `
Set-VM -VM dev01 -KeyProvider NKP-Secondary -Confirm:$false | Out-Null
Set-VM -VM db02 -DisableEncryption -Confirm:$false | Out-Null
Set-VM -VM dev04 -KeyProvider NKP-Primary -SkipHardDisks -Confirm:$false -ErrorAction SilentlyContinue
`)
	require.Equal(t, 0, res.ExitCode, errOut)
	byName := map[string]engine.ObjectCrypto{}
	for _, o := range w.CryptoObjects() {
		byName[o.Name] = o
	}
	assert.Equal(t, "NKP-Secondary", byName["dev01 home"].ProviderID)
	assert.Equal(t, "NKP-Secondary", byName["dev01 Hard disk 1"].ProviderID, "without -SkipHardDisks the disks are encrypted too")
	assert.Equal(t, byName["dev01 home"].KeyID, byName["dev01 Hard disk 1"].KeyID, "one key per operation")
	assert.False(t, byName["db02 home"].Encrypted)
	assert.False(t, byName["db02 Hard disk 1"].Encrypted)
	assert.Equal(t, "NKP-Secondary", byName["dev04 home"].ProviderID, "refused rekey leaves dev04 as it was")
	assert.True(t, w.Verify().OK())
}

func TestWhatIfChangesNothing(t *testing.T) {
	out, errOut, res, w := session(t, `Set-VM -VM web01 -KeyProvider NKP-Secondary -WhatIf; Start-VsanEncryptionConfiguration -Cluster Prod -ShallowRekey -WhatIf`)
	require.Equal(t, 0, res.ExitCode, errOut)
	assert.Equal(t, "What if: Performing the operation \"Reconfigure virtual machine\" on target \"web01\".\n"+
		"What if: Performing the operation \"Shallow rekey of vSAN encryption\" on target \"Prod\".\n", out)
	assert.Equal(t, uint64(0), w.Generation())
}

func TestVsanChangeProviderThenShallowRekey(t *testing.T) {
	_, errOut, res, w := session(t, `
$kp = Get-KeyProvider -Name NKP-Secondary
Start-VsanEncryptionConfiguration -Cluster (Get-Cluster Prod) -KeyProvider $kp -Confirm:$false | Out-Null
$first = (Get-View (Get-Cluster Prod)).ConfigurationEx.VsanConfigInfo.DataEncryptionConfig.KekId
Start-VsanEncryptionConfiguration -Cluster Prod -ShallowRekey -Confirm:$false | Out-Null
$second = (Get-View (Get-Cluster Prod)).ConfigurationEx.VsanConfigInfo.DataEncryptionConfig.KekId
if ($first -eq $second) { throw 'the shallow rekey did not change the KEK' }
(Get-VsanClusterConfiguration -Cluster Prod).KeyProvider.Name
`)
	require.Equal(t, 0, res.ExitCode, errOut)
	v, err := w.Vsan(w.Clusters()[0].ID.Value)
	require.NoError(t, err)
	assert.Equal(t, "NKP-Secondary", v.KeyProvider)
	assert.True(t, w.Verify().OK())
}

func TestNotConnected(t *testing.T) {
	w, err := engine.NewDemo()
	require.NoError(t, err)
	var out, errOut bytes.Buffer
	r, _ := cmdlets.NewRunner(w, &eval.Host{Stdout: &out, Stderr: &errOut}, false)
	res := r.RunCommand(context.Background(), "<test>", `Get-VM`)
	assert.Equal(t, 1, res.ExitCode)
	assert.True(t, strings.Contains(errOut.String(), "You are not currently connected to any servers."), errOut.String())
}
