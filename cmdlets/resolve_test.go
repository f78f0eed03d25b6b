package cmdlets_test

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/keyhost/keyhost/cmdlets"
	"github.com/keyhost/keyhost/engine"
	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
)

// TestResolveRoundTrip gets objects with the cmdlets, takes their
// references and resolves them again: the fresh object is the same
// PowerCLI object (type, name, id).
func TestResolveRoundTrip(t *testing.T) {
	tests := []struct {
		name, src, ref, typeName, str string
	}{
		{"vm", "Get-VM web01", "VirtualMachine-vm-101", "VMware.VimAutomation.ViCore.Impl.V1.VM.UniversalVirtualMachineImpl", "web01"},
		{"host", "Get-VMHost esx01.lab.local", "HostSystem-host-10", "VMware.VimAutomation.ViCore.Impl.V1.Inventory.VMHostImpl", "esx01.lab.local"},
		{"cluster", "Get-Cluster Prod", "ClusterComputeResource-domain-c8", "VMware.VimAutomation.ViCore.Impl.V1.Inventory.ClusterImpl", "Prod"},
		{"key provider", "Get-KeyProvider NKP-Secondary", "KeyProvider-NKP-Secondary", "VMware.VimAutomation.ViCore.Impl.V1.Security.KeyProviderImpl", "NKP-Secondary"},
		{"vsan configuration", "Get-VsanClusterConfiguration -Cluster Prod", "VsanClusterConfiguration-domain-c8", "VMware.VimAutomation.Storage.Impl.V1.Vsan.VsanClusterConfigurationImpl", "Prod"},
		{"hard disk", "Get-HardDisk -VM web01 | Select-Object -First 1", "VirtualMachine-vm-101/2000", "VMware.VimAutomation.ViCore.Impl.V1.VirtualDevice.FlatHardDiskImpl", "Hard disk 1"},
		{"vtpm", "Get-VTpm -VM app01", "VirtualMachine-vm-105/11000", "VMware.VimAutomation.Security.Impl.V1.Entity.VTpmImpl", "Virtual TPM"},
		{"datacenter", "Get-Datacenter DC1", "Datacenter-datacenter-2", "", "DC1"},
		{"datastore", "Get-Datastore | Select-Object -First 1", "Datastore-datastore-20", "", ""},
		{"folder", "Get-Folder vm | Select-Object -First 1", "Folder-group-v3", "", "vm"},
		{"kms", "Get-KeyManagementServer | Select-Object -First 1", "", "", ""},
		{"template", "Get-Template | Select-Object -First 1", "", "VMware.VimAutomation.ViCore.Impl.V1.Inventory.TemplateImpl", ""},
	}
	w, err := engine.NewDemo()
	require.NoError(t, err)
	r, s := cmdlets.NewRunner(w, &eval.Host{}, true)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := r.InvokeScript(context.Background(), "<test>", tt.src, nil)
			require.Nil(t, res.Terminating)
			require.Len(t, res.Output, 1)
			ref, ok := s.RefOf(res.Output[0])
			require.True(t, ok)
			if tt.ref != "" {
				assert.Equal(t, tt.ref, ref)
			}

			fresh, err := s.Resolve(ref)
			require.NoError(t, err)
			if tt.typeName != "" {
				assert.Equal(t, tt.typeName, value.TypeName(fresh))
			}
			assert.Equal(t, value.TypeName(res.Output[0]), value.TypeName(fresh))
			if tt.str != "" {
				assert.Equal(t, tt.str, value.ToString(fresh))
			}
			assert.Equal(t, value.ToString(res.Output[0]), value.ToString(fresh))
			again, ok := s.RefOf(fresh)
			assert.True(t, ok)
			assert.Equal(t, ref, again)
		})
	}
}

func TestResolveSnapshot(t *testing.T) {
	w, err := engine.NewDemo()
	require.NoError(t, err)
	r, s := cmdlets.NewRunner(w, &eval.Host{}, true)
	res := r.InvokeScript(context.Background(), "<test>", "Get-Snapshot -VM dev04", nil)
	require.Nil(t, res.Terminating)
	require.NotEmpty(t, res.Output)
	for _, snap := range res.Output {
		ref, ok := s.RefOf(snap)
		require.True(t, ok)
		assert.Regexp(t, `^VirtualMachine-vm-\d+/VirtualMachineSnapshot-snapshot-\d+$`, ref)
		fresh, err := s.Resolve(ref)
		require.NoError(t, err)
		assert.Equal(t, value.ToString(snap), value.ToString(fresh))
		id, _ := value.GetProperty(fresh, "Id")
		want, _ := value.GetProperty(snap, "Id")
		assert.Equal(t, want, id)
	}
}

func TestResolveErrors(t *testing.T) {
	w, err := engine.NewDemo()
	require.NoError(t, err)
	_, s := cmdlets.NewRunner(w, &eval.Host{}, true)
	tests := []struct {
		ref     string
		unknown bool
	}{
		{ref: "", unknown: true},
		{ref: "web01", unknown: true},
		{ref: "Network-network-1", unknown: true},
		{ref: "Datastore-datastore-99999"},
		{ref: "VirtualMachine-vm-101@vcsa99.lab.local"},
		{ref: "VirtualMachine-", unknown: true},
		{ref: "VirtualMachine-vm-101/disk", unknown: true},
		{ref: "KeyManagementServer-KMS-Standard/nosuch"},
		{ref: "VirtualMachine-vm-99999"},
		{ref: "HostSystem-host-99999"},
		{ref: "ClusterComputeResource-domain-c99999"},
		{ref: "KeyProvider-NoSuchProvider"},
		{ref: "VsanClusterConfiguration-domain-c99999"},
		{ref: "VirtualMachine-vm-101/9999"},
		{ref: "VirtualMachine-vm-101/11000"}, // web01 has no vTPM
		{ref: "VirtualMachine-vm-101/VirtualMachineSnapshot-snapshot-99999"},
	}
	for _, tt := range tests {
		t.Run(tt.ref, func(t *testing.T) {
			_, err := s.Resolve(tt.ref)
			require.Error(t, err)
			assert.Equal(t, tt.unknown, errors.Is(err, cmdlets.ErrUnknownReference), err.Error())
		})
	}
	_, ok := s.RefOf("web01")
	assert.False(t, ok, "a string has no reference")
	_, ok = s.RefOf(value.NewPSObject("VMware.Vim.VirtualMachine"))
	assert.False(t, ok, "a view has no reference")
}

// TestResolveOtherVCenter resolves objects of a second vCenter the session
// connected to: their references name it.
func TestResolveOtherVCenter(t *testing.T) {
	w, err := engine.NewDemo()
	require.NoError(t, err)
	r, s := cmdlets.NewRunner(w, &eval.Host{}, true)
	res := r.InvokeScript(context.Background(), "<test>", "$dr = Connect-VIServer vcsa02.lab.local; Get-VM -Server $dr | Select-Object -First 1", nil)
	require.Nil(t, res.Terminating)
	require.Len(t, res.Output, 1, "$dr = ... writes nothing")
	vm := res.Output[0]
	ref, ok := s.RefOf(vm)
	require.True(t, ok)
	assert.Regexp(t, `^VirtualMachine-vm-\d+@vcsa02\.lab\.local$`, ref)
	fresh, err := s.Resolve(ref)
	require.NoError(t, err)
	assert.Equal(t, value.ToString(vm), value.ToString(fresh))
	again, _ := s.RefOf(fresh)
	assert.Equal(t, ref, again)

	// The connection itself resolves to the same VIServer object.
	res = r.InvokeScript(context.Background(), "<test>", "$dr", nil)
	require.Len(t, res.Output, 1)
	ref, ok = s.RefOf(res.Output[0])
	require.True(t, ok)
	assert.Equal(t, "VIServer-vcsa02.lab.local", ref)
	srv, err := s.Resolve(ref)
	require.NoError(t, err)
	assert.Same(t, res.Output[0], srv)
	_, err = s.Resolve("VIServer-vcsa77")
	assert.ErrorIs(t, err, cmdlets.ErrObjectNotFound)

	// The primary's objects keep plain references.
	res = r.InvokeScript(context.Background(), "<test>", "Get-VM web01 -Server vcsa01.lab.local", nil)
	require.Nil(t, res.Terminating)
	ref, _ = s.RefOf(res.Output[0])
	assert.Equal(t, "VirtualMachine-vm-101", ref)
}
