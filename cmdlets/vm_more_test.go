package cmdlets_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Set-VM -Name, New-VM, Get-SecurityInfo, Set-KeyProvider -KeyId and the
// *-KeyManagementServer cmdlets.
func TestMoreCmdlets(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"rename", `$vm = Set-VM dev01 -Name dev01-old -Confirm:$false; "$vm $((Get-VM dev01-old).Id)"`, "dev01-old VirtualMachine-vm-106\n"},
		{"to template with a new name", `(Set-VM db02 -ToTemplate -Name tmpl-db -Confirm:$false).Name`, "tmpl-db\n"},
		{"new VM encrypted", `$vm = New-VM -Name app02 -VMHost esx04.lab.local -DiskGB 40,10 -MemoryGB 8 -NumCpu 4 -KeyProvider NKP-Secondary; "$vm $($vm.MemoryGB) $($vm.NumCpu) $($vm.PowerState) $($vm.ExtensionData.Config.KeyId.ProviderId.Id) $(($vm | Get-HardDisk).CapacityGB -join '+')"`,
			"app02 8 4 PoweredOff NKP-Secondary 40+10\n"},
		{"new VM home only", `$vm = New-VM app03 -ResourcePool Prod -KeyProvider (Get-KeyProvider NKP-Primary) -SkipHardDisks; "$($vm.VMHost) $(($vm | Get-HardDisk).ExtensionData.Backing.KeyId -eq $null)"`,
			"esx01.lab.local True\n"},
		{"new VM plain", `(New-VM -Name app04 -VMHost esx06.lab.local -Datastore esx06-local).ExtensionData.Config.KeyId -eq $null`, "True\n"},
		{"security info of a VM", `$i = Get-SecurityInfo -Entity (Get-VM db02); "$($i.Name) $($i.KeyProviderId) $($i.KmsClusterId) $($i.EncryptionKeyId -eq (Get-VM db02).ExtensionData.Config.KeyId.KeyId)"`,
			"db02 KMS-Standard KMS-Standard True\n"},
		{"security info by name", `(Get-SecurityInfo dev01).KeyProviderId -eq $null`, "True\n"},
		{"security info of disks", `(Get-HardDisk -VM app01 | Get-SecurityInfo | ForEach-Object { "$($_.Name)=$($_.IsEncrypted)" }) -join ' '`, "Hard disk 1=False\n"},
		{"security info of a host", `(Get-VMHost esx04* | Get-SecurityInfo).EncryptionKeyId -eq $null`, "True\n"},
		{"key id of an unused native provider", `$kp = Set-KeyProvider -KeyProvider NKP-Unbacked -KeyId 0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9 -Confirm:$false; "$($kp.Name) $($kp.IsActive)"`,
			"NKP-Unbacked False\n"},
		{"kms servers", `$k = Get-KeyManagementServer; "$k $($k.Address):$($k.Port) $($k.KeyProvider)"`, "kms01 kms01.lab.local:5696 KMS-Standard\n"},
		{"kms of a provider", `(Get-KeyProvider KMS-Standard | Get-KeyManagementServer).Name`, "kms01\n"},
		{"kms provider positional", `(Get-KeyManagementServer KMS-Standard).Name`, "kms01\n"},
		{"kms by address", `(Get-KeyManagementServer -Address kms01*).Name`, "kms01\n"},
		{"add kms creates a standard provider", `$k = Add-KeyManagementServer -Address kms9.lab.local -Port 5696 -KeyProvider KMS-DR -TrustKeyManagementServer $true -Name kms9 -Confirm:$false; "$k $((Get-KeyProvider KMS-DR).Type)"`,
			"kms9 KeyProvider\n"},
		{"add kms old parameter name", `(Add-KeyManagementServer -Address kms9.lab.local -Port 5696 -KmsCluster KMS-Standard -TrustKeyManagementServer $true -Name kms9).KeyProvider.Name`, "KMS-Standard\n"},
		{"set kms", `(Get-KeyManagementServer -Name kms01 | Set-KeyManagementServer -Port 5697 -ProxyAddress proxy.lab.local -ProxyPort 3128).ProxyPort`, "3128\n"},
		{"remove kms", `Get-KeyManagementServer -Name kms01 | Remove-KeyManagementServer -Confirm:$false; (Get-KeyManagementServer | Measure-Object).Count; (Get-KeyProvider KMS-Standard).Name`, "0\nKMS-Standard\n"},
		{"credential given", `$c = Get-Credential -Credential ([pscredential]::new('u', (ConvertTo-SecureString p -AsPlainText -Force))); $c.UserName`, "u\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, res, w := session(t, tc.src)
			assert.Equal(t, tc.want, out)
			assert.Empty(t, errOut)
			assert.Equal(t, 0, res.ExitCode)
			assert.True(t, w.Verify().OK())
		})
	}
}

func TestMoreCmdletErrors(t *testing.T) {
	tests := []struct{ name, src, wantErr string }{
		{"rename to a name in use", `Set-VM dev01 -Name web01 -Confirm:$false`, "The operation for the entity \"dev01\" failed with the following message: \"The name 'web01' already exists.\""},
		{"new VM without placement", `New-VM -Name x`, "Specify a VMHost or a ResourcePool"},
		{"new VM with an unbacked provider", `New-VM -Name x -VMHost esx04.lab.local -KeyProvider NKP-Unbacked`, "Key provider NKP-Unbacked requires backup."},
		{"key id of a provider in use", `Set-KeyProvider -KeyProvider NKP-Primary -KeyId 0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9`, "Key provider NKP-Primary is in use by"},
		{"key id must be a GUID", `Set-KeyProvider -KeyProvider NKP-Unbacked -KeyId nope`, "Cannot convert value \"nope\" to type \"System.Guid\"."},
		{"key id and default do not mix", `Set-KeyProvider -KeyProvider NKP-Unbacked -KeyId 0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9 -DefaultForSystem`, "Parameter set cannot be resolved using the specified named parameters."},
		{"trust cannot be revoked", `Get-KeyManagementServer -Name kms01 | Set-KeyManagementServer -TrustKeyManagementServer $false`, "The trust of KMS server kms01 cannot be revoked."},
		{"kms needs a trust answer", `Add-KeyManagementServer -Address a -Port 1 -KeyProvider p`, "TrustKeyManagementServer"},
		{"kms on a native provider", `Add-KeyManagementServer -Address a -Port 5696 -KeyProvider NKP-Primary -TrustKeyManagementServer $true`, "Key provider NKP-Primary is a Native Key Provider"},
		{"remove kms prompts", `Get-KeyManagementServer -Name kms01 | Remove-KeyManagementServer`, "NonInteractive mode"},
		{"security info of a cluster", `Get-SecurityInfo -Entity (Get-Cluster Prod)`, "Get-SecurityInfo supports virtual machines, hosts and hard disks"},
		{"unknown first-class disk", `Get-VDisk fcd01`, "VDisk with name 'fcd01' was not found using the specified filter(s)."},
		{"credential without input", `Get-Credential`, "PowerShell is in NonInteractive mode."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, errOut, _, _ := session(t, tc.src)
			assert.Contains(t, errOut, tc.wantErr)
		})
	}
}

// PowerShell's own binder errors, with PowerCLI's cmdlet classes in the
// FullyQualifiedErrorIds.
func TestBinderErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"unknown parameter", `try { Set-VsanClusterConfiguration -EncryptionEnabled $true } catch { $_.FullyQualifiedErrorId }`, "CommandNotFoundException\n"},
		{"unknown parameter of a real cmdlet", `try { Get-VM -Nmae web01 } catch { "$($_.FullyQualifiedErrorId)|$($_.Exception.Message)" }`,
			"NamedParameterNotFound,VMware.VimAutomation.ViCore.Cmdlets.Commands.GetVM|A parameter cannot be found that matches parameter name 'Nmae'.\n"},
		{"ambiguous parameter", `try { Start-VsanEncryptionConfiguration -Cluster Prod -E $true -Confirm:$false } catch { $_.FullyQualifiedErrorId }`,
			"AmbiguousParameter,VMware.VimAutomation.Storage.Commands.Cmdlets.Vsan.StartVsanEncryptionConfiguration\n"},
		{"wrong type", `try { Set-VM -VM web01 -KeyProvider (Get-Cluster Prod) -Confirm:$false } catch { $_.FullyQualifiedErrorId }`,
			"ParameterArgumentTransformationError,VMware.VimAutomation.ViCore.Cmdlets.Commands.SetVM\n"},
		{"strings do not come down the pipeline", `'web01' | Start-VM -ErrorAction SilentlyContinue; $error[0].FullyQualifiedErrorId`,
			"InputObjectNotBound,VMware.VimAutomation.ViCore.Cmdlets.Commands.StartVM\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, _, _ := session(t, tc.src)
			assert.Equal(t, tc.want, out, errOut)
		})
	}
}

// -WhatIf, $WhatIfPreference and -Confirm with PowerShell's standard texts
// and each cmdlet's ConfirmImpact against $ConfirmPreference.
func TestShouldProcess(t *testing.T) {
	out, errOut, res, w := session(t, `
$WhatIfPreference = $true
Set-VM web01 -KeyProvider NKP-Secondary
Set-VM dev01 -Name x
Stop-VM util01
Start-VM dev01
New-Snapshot -VM dev01 -Name s1
Set-VMHost esx04.lab.local -KeyProvider NKP-Primary
Set-KeyProvider -KeyProvider NKP-Secondary -DefaultForSystem
Add-EntityDefaultKeyProvider -Entity Dev -KeyProvider NKP-Secondary
Start-VsanEncryptionConfiguration -Cluster Prod -DeepRekey
Set-Template tmpl-web -ToVM
New-VM -Name x -VMHost esx04.lab.local
Get-HardDisk -VM db02 | Select-Object -First 1 | Set-HardDisk -DisableEncryption
New-KeyhostNativeKeyProvider -Name NKP-X
Add-KeyManagementServer -Address a -Port 5696 -KeyProvider KMS-X -TrustKeyManagementServer $true
`)
	require.Equal(t, 0, res.ExitCode, errOut)
	assert.Equal(t, "What if: Performing the operation \"Reconfigure virtual machine\" on target \"web01\".\n"+
		"What if: Performing the operation \"Rename virtual machine\" on target \"dev01\".\n"+
		"What if: Performing the operation \"Power Off virtual machine\" on target \"util01\".\n"+
		"What if: Performing the operation \"Power On virtual machine\" on target \"dev01\".\n"+
		"What if: Performing the operation \"Create virtual machine snapshot\" on target \"dev01\".\n"+
		"What if: Performing the operation \"Configure crypto key\" on target \"esx04.lab.local\".\n"+
		"What if: Performing the operation \"Set default key provider\" on target \"NKP-Secondary\".\n"+
		"What if: Performing the operation \"Set default key provider NKP-Secondary\" on target \"Dev\".\n"+
		"What if: Performing the operation \"Deep rekey of vSAN encryption\" on target \"Prod\".\n"+
		"What if: Performing the operation \"Mark as virtual machine\" on target \"tmpl-web\".\n"+
		"What if: Performing the operation \"Create virtual machine\" on target \"x\".\n"+
		"What if: Performing the operation \"Reconfigure virtual machine\" on target \"Hard disk 1 of db02\".\n"+
		"What if: Performing the operation \"Create Native Key Provider\" on target \"NKP-X\".\n"+
		"What if: Performing the operation \"Add key management server a\" on target \"KMS-X\".\n", stripTables(out))
	assert.Equal(t, uint64(0), w.Generation(), "a whole script under $WhatIfPreference changes nothing")

	// Medium-impact cmdlets prompt once $ConfirmPreference is Medium;
	// -Confirm prompts whatever the impact.
	_, errOut, _, _ = session(t, `$ConfirmPreference = 'Medium'; Start-VM dev01`)
	assert.Contains(t, errOut, "NonInteractive mode")
	_, errOut, _, _ = session(t, `Start-VM dev01 -Confirm`)
	assert.Contains(t, errOut, "NonInteractive mode")
	_, errOut, _, w = session(t, `Start-VM dev01 | Out-Null`)
	assert.Empty(t, errOut, "Start-VM does not prompt by default (Medium)")
	assert.Equal(t, uint64(1), w.Generation())
}

// stripTables drops the table output of cmdlets that write objects under
// -WhatIf (Set-KeyProvider, Add-EntityDefaultKeyProvider), keeping their
// names.
func stripTables(s string) string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		switch {
		case line == "", strings.HasPrefix(line, "Name "), strings.HasPrefix(line, "----"):
			continue
		case strings.HasPrefix(line, "What if:"):
			out = append(out, line)
		default:
			out = append(out, strings.Fields(line)[0])
		}
	}
	return strings.Join(out, "\n") + "\n"
}
