package cmdlets_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// Datacenters, datastores, folders, -Location, templates and the vSphere
// API views, on the demo inventory.
func TestInventoryContainers(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"datacenter", `$dc = Get-Datacenter; "$dc $($dc.Id) $($dc.ParentFolderId)"`, "DC1 Datacenter-datacenter-2 Folder-group-d1\n"},
		{"datacenter of a cluster", `(Get-Cluster Dev | Get-Datacenter).Name`, "DC1\n"},
		{"datacenter view", `(Get-View (Get-Datacenter DC1)).VmFolder.Value`, "group-v3\n"},
		{"datacenter not found", `Get-Datacenter DC9 -ErrorAction SilentlyContinue; $error[0].FullyQualifiedErrorId`, "Core_OutputHelper_WriteNotFoundError,VMware.VimAutomation.ViCore.Cmdlets.Commands.GetDatacenter\n"},
		{"datastores", `(Get-Datastore).Name -join ','`, "vsanDatastore,vsanDatastore (1),esx06-local\n"},
		{"datastore facts", `$d = Get-Datastore esx06-local; "$($d.Type) $($d.CapacityGB) $($d.FreeSpaceGB) $($d.Id)"`, "VMFS 1788 1712 Datastore-datastore-22\n"},
		{"datastores of a cluster", `(Get-Datastore -Location Mgmt).Name`, "esx06-local\n"},
		{"datastore is a Datastore", `(Get-Datastore vsanDatastore) -is [VMware.VimAutomation.ViCore.Types.V1.DatastoreManagement.Datastore]`, "True\n"},
		{"datastore table", `Get-Datastore esx06-local`,
			"\nName                                    FreeSpaceGB      CapacityGB\n----                                    -----------      ----------\nesx06-local                                1712.000        1788.000\n\n"},
		{"VMs on a datastore", `(Get-VM -Datastore esx06-local).Name -join ','`, "jump01,util01\n"},
		{"VMs on vSAN", `(Get-VM -Datastore 'vsanDatastore (1)').Name -join ','`, "dev01,dev02,dev03,dev04\n"},
		{"folders", `(Get-Folder | ForEach-Object { "$($_.Name):$($_.Type)" }) -join ' '`, "Datacenters:Datacenter vm:VM host:HostAndCluster datastore:Datastore network:Network\n"},
		{"folder by type", `(Get-Folder -Type VM).Id`, "Folder-group-v3\n"},
		{"VMs by folder", `(Get-VM -Location (Get-Folder vm)).Count`, "11\n"},
		{"VMs by cluster name", `(Get-VM -Location Mgmt).Name -join ','`, "jump01,util01\n"},
		{"VMs by host from the pipeline", `(Get-VMHost esx05* | Get-VM).Name -join ','`, "dev02,dev04\n"},
		{"VMs by datacenter", `(Get-Datacenter | Get-VM).Count`, "11\n"},
		{"clusters by datacenter", `(Get-Cluster -Location DC1).Count`, "3\n"},
		{"hosts by datacenter", `(Get-VMHost -Location (Get-Datacenter)).Count`, "6\n"},
		{"template not a VM", `(Get-VM tmpl-web -ErrorAction SilentlyContinue) -eq $null`, "True\n"},
		{"template", `$t = Get-Template tmpl-web; "$t $($t.Id) $($t.ExtensionData.Config.Template) $($t.ExtensionData.Config.KeyId.ProviderId.Id)"`,
			"tmpl-web VirtualMachine-vm-100 True NKP-Primary\n"},
		{"template disks", `(Get-HardDisk -Template tmpl-web).ExtensionData.Backing.KeyId.ProviderId.Id`, "NKP-Primary\n"},
		{"template disks from the pipeline", `(Get-Template tmpl-web | Get-HardDisk).Parent.Name`, "tmpl-web\n"},
		{"VMs and templates in one pipeline", `(@((Get-VM db02), (Get-Template tmpl-web)) | Get-HardDisk | ForEach-Object { "$($_.Parent)/$_" }) -join ' '`,
			"db02/Hard disk 1 db02/Hard disk 2 tmpl-web/Hard disk 1\n"},
		{"template by location", `(Get-Template -Location Prod).Name`, "tmpl-web\n"},
		{"template table", `Get-Template`, "\nName\n----\ntmpl-web\n\n"},
		{"get-view by id", `(Get-View -Id Datastore-datastore-22).Summary.Capacity`, "1919850381312\n"},
		{"view properties", `((Get-View (Get-VM web01)).PSObject.Properties | Select-Object -First 3 -ExpandProperty Name) -join ','`, "MoRef,Name,Config\n"},
		{"host view key", `(Get-VMHost esx02*).ExtensionData.Runtime.CryptoKeyId.ProviderId.Id`, "NKP-Primary\n"},
		{"vSAN ESA flag", `(Get-View (Get-Cluster Prod)).ConfigurationEx.VsanConfigInfo.VsanEsaEnabled`, "False\n"},
		{"disk groups of a host", `(Get-VsanDiskGroup -VMHost esx01.lab.local).DiskGroupType`, "AllFlash\n"},
		{"disk groups of a cluster", `(Get-VsanDiskGroup -Cluster Prod).Count`, "3\n"},
		{"disk group uuid", `$g = Get-VsanDiskGroup -VMHost esx01.lab.local; $g.ExtensionData.Ssd.VsanDiskInfo.VsanUuid -eq $g.Uuid`, "True\n"},
		{"no disk groups without vSAN", `(Get-VsanDiskGroup -Cluster Mgmt | Measure-Object).Count`, "0\n"},
		{"no first-class disks", `(Get-VDisk | Measure-Object).Count`, "0\n"},
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
