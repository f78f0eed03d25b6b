package cmdlets_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Several vCenters in one session: Connect-VIServer, -Server, objects that
// remember their server, $global:DefaultVIServer(s), Disconnect-VIServer.
func TestConnections(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"connect writes the VIServer", `$s = Connect-VIServer vcsa02 -User administrator@vsphere.local -Password x; "$s $($s.Name) $($s.Port) $($s.User) $($s.IsConnected)"`,
			"vcsa02 vcsa02 443 VSPHERE.LOCAL\\administrator True\n"},
		{"credential user", `$c = [pscredential]::new('svc-kms@lab.local', (ConvertTo-SecureString 'pw' -AsPlainText -Force)); (Connect-VIServer vcsa02.lab.local -Credential $c).User`,
			"LAB.LOCAL\\svc-kms\n"},
		{"defaults grow", `$null = Connect-VIServer vcsa02; "$($global:DefaultVIServers.Count) $global:DefaultVIServer $($global:DefaultVIServers[0])"`,
			"2 vcsa02 vcsa01.lab.local\n"},
		{"not default", `$null = Connect-VIServer vcsa02 -NotDefault; "$($global:DefaultVIServers.Count) $global:DefaultVIServer"; (Get-VM -Server vcsa02).Name -join ','`,
			"1 vcsa01.lab.local\ndr-web01,dr-util01\n"},
		{"reconnect counts references", `$null = Connect-VIServer vcsa02; (Connect-VIServer vcsa02).RefCount`, "2\n"},
		{"cmdlets run against every default server", `$null = Connect-VIServer vcsa02; (Get-Cluster).Name -join ','`, "Prod,Dev,Mgmt,DR\n"},
		{"-Server picks one", `$null = Connect-VIServer vcsa02; (Get-KeyProvider -Server vcsa02).Name -join ','`, "NKP-DR\n"},
		{"-Server takes the VIServer", `$dr = Connect-VIServer vcsa02; (Get-VMHost -Server $dr).Name -join ','`, "esx21.lab.local,esx22.lab.local\n"},
		{"same ids on two vCenters stay apart", `$null = Connect-VIServer vcsa02; $a = Get-VM web01; $b = Get-VM dr-web01; "$($a.Id) $($b.Id) $($a -eq $b)"`,
			"VirtualMachine-vm-101 VirtualMachine-vm-101 False\n"},
		{"an object acts on its own server", `$null = Connect-VIServer vcsa02; (Get-VM dr-web01 | Get-HardDisk).Filename`, "[vsanDatastore] dr-web01/dr-web01.vmdk\n"},
		{"uid names the server", `$null = Connect-VIServer vcsa02; (Get-VM dr-web01).Uid`, "/VIServer=vsphere.local\\administrator@vcsa02:443/VirtualMachine=VirtualMachine-vm-101/\n"},
		{"disconnect one", `$null = Connect-VIServer vcsa02; Disconnect-VIServer vcsa02 -Confirm:$false; "$($global:DefaultVIServers.Count) $global:DefaultVIServer"`,
			"1 vcsa01.lab.local\n"},
		{"disconnect without -Server closes the current default", `$null = Connect-VIServer vcsa02; Disconnect-VIServer -Confirm:$false; "$global:DefaultVIServer"`,
			"vcsa01.lab.local\n"},
		{"disconnect all", `$null = Connect-VIServer vcsa02; Disconnect-VIServer * -Confirm:$false; "[$global:DefaultVIServer] $($global:DefaultVIServers.Count)"`, "[] 0\n"},
		{"disconnect -WhatIf", `Disconnect-VIServer -WhatIf; $global:DefaultVIServers.Count`,
			"What if: Performing the operation \"Disconnect VIServer\" on target \"User: VSPHERE.LOCAL\\Administrator, Server: vcsa01.lab.local, Port: 443\".\n1\n"},
		{"server table", `Connect-VIServer vcsa02`, "\nName                           Port  User\n----                           ----  ----\nvcsa02                         443   VSPHERE.LOCAL\\Administrator\n\n"},
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

func TestConnectionErrors(t *testing.T) {
	tests := []struct{ name, src, wantErr string }{
		{"unknown server", `Connect-VIServer vcsa99.lab.local`, "Connect-VIServer\t\tCould not resolve the requested VC server."},
		{"unknown -Server", `Get-VM -Server vcsa02`, "Could not find VIServer with name 'vcsa02'."},
		{"after disconnecting everything", `Disconnect-VIServer * -Confirm:$false; Get-VM`, "You are not currently connected to any servers. Please connect first using a Connect cmdlet."},
		{"an object of a closed connection", `$null = Connect-VIServer vcsa02; $vm = Get-VM dr-web01; Disconnect-VIServer vcsa02 -Confirm:$false; Start-VM $vm`,
			"The object's server 'vcsa02' is not connected."},
		{"disconnect prompts (ConfirmImpact High)", `Disconnect-VIServer`, "NonInteractive mode"},
		{"import into two servers at once", `$null = Connect-VIServer vcsa02; Import-KeyProvider -FilePath x.p12`, "Connected to more than one server"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, errOut, _, _ := session(t, tc.src)
			assert.Contains(t, errOut, tc.wantErr)
		})
	}
}

// A Native Key Provider moves between vCenters through its backup, and
// the second vCenter then opens and rekeys what the first encrypted.
func TestCrossVCenterKeyProviderMigration(t *testing.T) {
	w, fsys := demoWorld(t), newWorkFS()
	out, errOut, res := run(t, w, fsys, `
$src = $global:DefaultVIServer
$dst = Connect-VIServer vcsa02.lab.local
$file = Export-KeyProvider -Server $src -KeyProvider (Get-KeyProvider NKP-Secondary -Server $src) -FilePath /work/nkp-secondary.p12 -Password (ConvertTo-SecureString 'S3cret!' -AsPlainText -Force)
$kp = Import-KeyProvider -Server $dst -FilePath $file.FullName -Password (ConvertTo-SecureString 'S3cret!' -AsPlainText -Force)
"$($kp.Name) on $dst, active=$($kp.IsActive)"
Set-VM -VM (Get-VM dr-web01 -Server $dst) -KeyProvider $kp -Confirm:$false | Out-Null
(Get-VM dr-web01 -Server $dst).ExtensionData.Config.KeyId.ProviderId.Id
(Get-KeyProvider -Server $src).Count
`)
	require.Equal(t, 0, res.ExitCode, errOut)
	assert.Equal(t, "NKP-Secondary on vcsa02.lab.local, active=True\nNKP-Secondary\n4\n", out)
}
