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

// run runs src on w with an in-memory file system whose current folder is
// /work, and returns what it printed.
func run(t *testing.T, w *engine.World, fsys *eval.MemFS, src string) (stdout, stderr string, res eval.Result) {
	t.Helper()
	var out, errOut bytes.Buffer
	h := &eval.Host{
		Stdout: &out, Stderr: &errOut, FS: fsys,
		Now:   func() time.Time { return time.Date(2026, 11, 24, 3, 11, 8, 0, time.UTC) },
		Getwd: func() (string, error) { return "/work", nil },
	}
	r, _ := cmdlets.NewRunner(w, h, true)
	res = r.RunCommand(context.Background(), "<test>", src)
	return out.String(), errOut.String(), res
}

func newWorkFS() *eval.MemFS { return eval.NewMemFS(map[string]string{"/work/README": "x"}) }

func demoWorld(t *testing.T) *engine.World {
	t.Helper()
	w, err := engine.NewDemo()
	require.NoError(t, err)
	return w
}

func TestNewProviderNeedsBackupThenExportActivatesIt(t *testing.T) {
	w, fsys := demoWorld(t), newWorkFS()
	out, errOut, res := run(t, w, fsys, `
$kp = New-KeyhostNativeKeyProvider -Name NKP-New
"$($kp.Name) active=$($kp.IsActive) tpm=$($kp.Constraint.TpmRequired) status=$($kp.StatusMessage)"
$f = Get-KeyProvider NKP-New | Export-KeyProvider -FilePath backups/ -Force
"$($f.Name) $($f.FullName) $($f.Length -gt 500)"
$kp = Get-KeyProvider NKP-New
"active=$($kp.IsActive) status='$($kp.StatusMessage)'"
`)
	require.Equal(t, 0, res.ExitCode, errOut)
	assert.Equal(t, "WARNING: Key provider NKP-New requires backup: it serves no keys until it is backed up with Export-KeyProvider.\n"+
		"NKP-New active=False tpm=True status=Key provider NKP-New requires backup.\n"+
		"NKP-New.p12 /work/backups/NKP-New.p12 True\n"+
		"active=True status=''\n", out)
	data, err := fsys.ReadFile("/work/backups/NKP-New.p12")
	require.NoError(t, err)
	b, err := engine.NewDemo()
	require.NoError(t, err)
	res2, err := b.ImportNativeKeyProviderBackup(data, "", engine.ImportOptions{DryRun: true})
	require.NoError(t, err)
	assert.True(t, res2.Provider.TpmRequired)
}

func TestKeyProviderCmdletErrors(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"duplicate name", `New-KeyhostNativeKeyProvider -Name NKP-Primary`, []string{"A key provider named NKP-Primary already exists."}},
		{"export a standard provider", `Export-KeyProvider -KeyProvider KMS-Standard -FilePath kms.p12`, []string{"Key provider 'KMS-Standard' is not a Native Key Provider. Only Native Key Providers can be exported."}},
		{"existing file without -Force", `Export-KeyProvider -KeyProvider NKP-Primary -FilePath README`, []string{"The file '/work/README' already exists. Use -Force to overwrite it."}},
		{"missing folder without -Force", `Export-KeyProvider -KeyProvider NKP-Primary -FilePath no/such/dir/x.p12`, []string{"Could not find a part of the path '/work/no/such/dir/x.p12'. Use -Force to create missing folders."}},
		{"password as a plain string", `Export-KeyProvider -KeyProvider NKP-Primary -FilePath x.p12 -Password 'hunter2'`, []string{"Cannot bind parameter 'Password'.", "ConvertTo-SecureString"}},
		{"import a missing file", `Import-KeyProvider -FilePath nope.p12`, []string{"Could not find file '/work/nope.p12'."}},
		{"import a text file", `Import-KeyProvider -FilePath README`, []string{"Cannot import '/work/README': Cannot import the key provider backup: not a PKCS#12 (.p12) file, or a damaged one."}},
		{"remove an unknown provider", `Remove-KeyhostKeyProvider -Name Ghost -Confirm:$false`, []string{"KeyProvider with name 'Ghost' was not found"}},
		{"set default to unknown", `Set-KeyProvider -KeyProvider Ghost -DefaultForSystem`, []string{"KeyProvider with name 'Ghost' was not found"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := demoWorld(t)
			_, errOut, _ := run(t, w, newWorkFS(), tc.src)
			for _, s := range tc.want {
				assert.Contains(t, errOut, s)
			}
			assert.NotContains(t, errOut, "hunter2", "a password never shows in an error")
			assert.Equal(t, uint64(0), w.Generation(), "nothing changed")
		})
	}
}

func TestExportForceOverwritesAndCreatesFolders(t *testing.T) {
	w, fsys := demoWorld(t), newWorkFS()
	out, errOut, res := run(t, w, fsys, `
(Export-KeyProvider -KeyProvider NKP-Primary -FilePath README -Force).Length -gt 500
(Export-KeyProvider -KeyProvider (Get-KeyProvider NKP-Secondary) -FilePath a/b/c.p12 -Force).FullName
Export-KeyProvider NKP-Secondary -KeyProvider NKP-Secondary -WhatIf
`)
	require.Equal(t, 0, res.ExitCode, errOut)
	assert.Equal(t, "True\n/work/a/b/c.p12\nWhat if: Performing the operation \"Export key provider 'NKP-Secondary'\" on target \"/work/NKP-Secondary\".\n", out)
	_, err := fsys.Stat("/work/NKP-Secondary")
	assert.Error(t, err, "-WhatIf writes nothing")
}

// A backup moves a provider to another vCenter; a wrong or missing
// password, a dry run and a second import change nothing.
func TestExportImportWithPassword(t *testing.T) {
	a, fsys := demoWorld(t), newWorkFS()
	_, errOut, res := run(t, a, fsys, `
$pw = ConvertTo-SecureString -String 'S3cret!' -AsPlainText -Force
Export-KeyProvider -KeyProvider NKP-Secondary -FilePath /work/nkp2.p12 -Password $pw | Out-Null
`)
	require.Equal(t, 0, res.ExitCode, errOut)

	b, err := engine.NewFromInventory(engine.Inventory{VCenter: engine.InventoryVCenter{Name: "dr.lab.local"}})
	require.NoError(t, err)
	out, errOut, _ := run(t, b, fsys, `
Import-KeyProvider -FilePath nkp2.p12
Import-KeyProvider -FilePath nkp2.p12 -Password (ConvertTo-SecureString 'wrong' -AsPlainText -Force)
$dry = Import-KeyProvider -FilePath nkp2.p12 -Password (ConvertTo-SecureString 'S3cret!' -AsPlainText -Force) -DryRun
"dry: $($dry.Name) registered=$($dry.IsRegistered) count=$(@(Get-KeyProvider).Count)"
$kp = Import-KeyProvider -FilePath nkp2.p12 -Password (ConvertTo-SecureString 'S3cret!' -AsPlainText -Force) -TpmRequired
"imported: $($kp.Name) active=$($kp.IsActive) tpm=$($kp.Constraint.TpmRequired) type=$($kp.Type)"
`)
	assert.Contains(t, errOut, "Cannot import '/work/nkp2.p12': Cannot import the key provider backup: the file is password-protected; give its password.")
	assert.Contains(t, errOut, "wrong password, or the file is damaged.")
	assert.Equal(t, "dry: NKP-Secondary registered=False count=0\nimported: NKP-Secondary active=True tpm=True type=NativeKeyProvider\n", out)
	kpA, _ := a.KeyProvider("NKP-Secondary")
	kpB, err := b.KeyProvider("NKP-Secondary")
	require.NoError(t, err)
	assert.Equal(t, kpA.KeyID, kpB.KeyID)
}

func TestRemoveProviderReportsDependencies(t *testing.T) {
	w, fsys := demoWorld(t), newWorkFS()
	// Refused without -Force; -WhatIf shows the report and changes nothing.
	out, errOut, _ := run(t, w, fsys, `
Export-KeyProvider -KeyProvider NKP-Primary -FilePath primary.p12 | Out-Null
Remove-KeyhostKeyProvider -Name NKP-Primary -Confirm:$false
Remove-KeyhostKeyProvider -Name NKP-Primary -Force -WhatIf
`)
	report := "WARNING: Key provider NKP-Primary is still in use by 6 VMs (14 VM objects), 1 vSAN cluster (3 disk groups) and 4 hosts. Removing it locks them: they cannot be decrypted, powered on or rekeyed until the provider is imported again from a backup.\n" +
		"WARNING:   VM web01: home, Hard disk 1, Hard disk 2\n"
	assert.Contains(t, out, report)
	assert.Contains(t, out, "WARNING:   VM app01: home\n")
	assert.Contains(t, out, "WARNING:   VM tmpl-web: home, Hard disk 1\n", "templates are reported too")
	assert.Contains(t, out, "WARNING:   vSAN cluster Prod: KEK of 3 disk groups\n")
	assert.Contains(t, out, "WARNING:   host esx06.lab.local: host key\n")
	assert.Contains(t, out, "WARNING: Key provider NKP-Primary is the system default key provider; after its removal vCenter has no default key provider")
	assert.Contains(t, out, "WARNING: vCenter forgets the key derivation key of NKP-Primary: only its .p12 backups will hold it.")
	assert.Contains(t, out, "What if: Performing the operation \"Remove key provider\" on target \"NKP-Primary\".\n")
	assert.Equal(t, 2, strings.Count(out, report), "the report comes both times")
	assert.Contains(t, errOut, "Key provider NKP-Primary is still in use by 6 VMs (14 VM objects), 1 vSAN cluster (3 disk groups) and 4 hosts; it was not removed. Use -Force to remove it anyway")
	_, err := w.KeyProvider("NKP-Primary")
	require.NoError(t, err, "still there")

	// Without -Confirm:$false it prompts (ConfirmImpact High), even with -Force.
	_, errOut, _ = run(t, w, fsys, `Remove-KeyhostKeyProvider -Name NKP-Primary -Force`)
	assert.Contains(t, errOut, "NonInteractive mode")
	_, err = w.KeyProvider("NKP-Primary")
	require.NoError(t, err)

	out, errOut, res := run(t, w, fsys, `
Remove-KeyhostKeyProvider -Name NKP-Primary -Force -Confirm:$false -WarningAction SilentlyContinue
(Get-VM web01).ExtensionData.Runtime.CryptoState
@(Get-KeyProvider | Where-Object { $_.DefaultForSystem }).Count
Import-KeyProvider -FilePath primary.p12 | Out-Null
(Get-VM web01).ExtensionData.Runtime.CryptoState
`)
	require.Equal(t, 0, res.ExitCode, errOut)
	assert.Equal(t, "locked\n0\nunlocked\n", out)
	assert.True(t, w.Verify().OK())

	// An unused provider goes without -Force, with a warning that its key is gone for good.
	out, errOut, res = run(t, w, fsys, `Get-KeyProvider NKP-Unbacked | Remove-KeyhostKeyProvider -Confirm:$false`)
	require.Equal(t, 0, res.ExitCode, errOut)
	assert.Equal(t, "WARNING: Key provider NKP-Unbacked was never backed up: removing it destroys its key derivation key for good.\n", out)
}

func TestDefaultKeyProviderCmdlets(t *testing.T) {
	w := demoWorld(t)
	out, errOut, res := run(t, w, newWorkFS(), `
(Set-KeyProvider -KeyProvider NKP-Secondary -DefaultForSystem).DefaultForSystem
(Get-KeyProvider | Where-Object { $_.DefaultForSystem }).Name
Get-KeyProvider KMS-Standard | Add-EntityDefaultKeyProvider -Entity Dev | ForEach-Object { $_.DefaultForEntity.Name }
Add-EntityDefaultKeyProvider Mgmt -KmsCluster NKP-Secondary | Out-Null
(Get-KeyProvider NKP-Secondary).DefaultForEntity.Name
Remove-EntityDefaultKeyProvider -Entity (Get-Cluster Dev) -Confirm:$false
@((Get-KeyProvider KMS-Standard).DefaultForEntity).Count
Set-KeyProvider -KeyProvider NKP-Secondary -DefaultForSystem:$false | Out-Null
@(Get-KeyProvider | Where-Object { $_.DefaultForSystem }).Count
`)
	require.Equal(t, 0, res.ExitCode, errOut)
	assert.Equal(t, "True\nNKP-Secondary\nDev\nMgmt\n0\n0\n", out)
	assert.Equal(t, "", w.DefaultKeyProvider())
}

// Rotation as the NKP FAQ describes it, in PowerCLI: a new provider, backed
// up, made the default; a shallow rekey of every VM and the vSAN cluster.
// vSphere cannot tell whether the old provider is still used; keyhost's
// removal report catches the one VM the rekey could not move (jump01, a
// linked clone, which vSphere refuses to shallow-rekey).
func TestRotationScript(t *testing.T) {
	w, fsys := demoWorld(t), newWorkFS()
	out, errOut, res := run(t, w, fsys, `
$new = New-KeyhostNativeKeyProvider -Name NKP-2027 -WarningAction SilentlyContinue
Export-KeyProvider -KeyProvider $new -FilePath /vault/ -Force | Out-Null
Set-KeyProvider -KeyProvider NKP-2027 -DefaultForSystem | Out-Null
foreach ($vm in Get-VM) {
    $id = $vm.ExtensionData.Config.KeyId
    if ($id -and $id.ProviderId.Id -eq 'NKP-Primary') {
        # A VM with plaintext disks (vTPM only) keeps them so: -SkipHardDisks.
        $encryptedDisks = $vm.ExtensionData.Config.Hardware.Device | Where-Object { $_ -is [VMware.Vim.VirtualDisk] -and $_.Backing.KeyId }
        if ($encryptedDisks) {
            Set-VM -VM $vm -KeyProvider NKP-2027 -Confirm:$false -ErrorAction SilentlyContinue | Out-Null
        } else {
            Set-VM -VM $vm -KeyProvider NKP-2027 -SkipHardDisks -Confirm:$false -ErrorAction SilentlyContinue | Out-Null
        }
    }
}
# Templates change only as VMs: convert, rekey, convert back.
foreach ($t in Get-Template) {
    $vm = Set-Template -Template $t -ToVM
    Set-VM -VM $vm -KeyProvider NKP-2027 -Confirm:$false | Out-Null
    Set-VM -VM $vm -ToTemplate -Confirm:$false | Out-Null
}
Start-VsanEncryptionConfiguration -Cluster Prod -KeyProvider NKP-2027 -Confirm:$false | Out-Null
Remove-KeyhostKeyProvider -Name NKP-Primary -Confirm:$false -ErrorAction SilentlyContinue
(Get-Cluster Prod | Get-VsanClusterConfiguration).KeyProvider.Name
`)
	assert.Equal(t, 0, res.ExitCode, errOut)
	assert.Contains(t, out, "WARNING: Key provider NKP-Primary is still in use by 1 VM (2 VM objects) and 4 hosts.")
	assert.Contains(t, out, "WARNING:   VM jump01: home, Hard disk 1\n")
	assert.Contains(t, out, "NKP-2027\n")
	_, err := w.KeyProvider("NKP-Primary")
	require.NoError(t, err, "refused without -Force")
	_, err = fsys.Stat("/vault/NKP-2027.p12")
	require.NoError(t, err)
	for _, o := range w.CryptoObjects() {
		if o.ProviderID == "NKP-Primary" {
			assert.Equal(t, "jump01", o.OwnerName, o.Name)
		}
	}
	assert.True(t, w.Verify().OK())
}
