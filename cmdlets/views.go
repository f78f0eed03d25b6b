package cmdlets

import (
	"fmt"

	"github.com/keyhost/keyhost/engine"
	"github.com/keyhost/keyhost/ps/value"
)

// This file builds the vSphere API views (VMware.Vim.*) that Get-View and
// .ExtensionData return: the shapes scripts read, such as
// $vm.ExtensionData.Config.KeyId.ProviderId.Id and the disks'
// Backing.KeyId. Only the properties keyhost models are filled.

// vimType is the type-name list of a VMware.Vim type, with System.Object
// last so that value.NewPSObject shares it instead of copying it, and the
// string form of its managed objects. The types every VM view uses are
// built once (below) rather than once per view.
type vimType struct {
	names    []string
	toString func() string
}

// newVimType returns a data object type; bases lists the type's base
// classes (most derived first, without DynamicData).
func newVimType(typeName string, bases ...string) *vimType {
	names := make([]string, 0, len(bases)+3)
	names = append(names, "VMware.Vim."+typeName)
	for _, b := range bases {
		names = append(names, "VMware.Vim."+b)
	}
	names = append(names, "VMware.Vim.DynamicData", "System.Object")
	return &vimType{names: names}
}

// newManagedType returns a managed object type (a view), which renders
// as its type name.
func newManagedType(typeName string, bases ...string) *vimType {
	names := []string{"VMware.Vim." + typeName}
	for _, b := range bases {
		names = append(names, "VMware.Vim."+b)
	}
	names = append(names, "VMware.Vim.ManagedEntity", "VMware.Vim.ExtensibleManagedObject", "VMware.Vim.ViewBase", "System.Object")
	str := names[0]
	return &vimType{names: names, toString: func() string { return str }}
}

// The types of the parts of a VM view that scripts read for each VM.
var (
	vimVirtualMachine = newManagedType("VirtualMachine")
	vimConfigInfo     = newVimType("VirtualMachineConfigInfo")
	vimFileInfo       = newVimType("VirtualMachineFileInfo")
	vimKeyProviderID  = newVimType("KeyProviderId")
	vimCryptoKeyID    = newVimType("CryptoKeyId")
	moRefTypeNames    = []string{"VMware.Vim.ManagedObjectReference", "System.Object"}
)

// The number of properties of a VM view and of its Config, so that each
// is allocated at its size.
const (
	vmViewProperties   = 7
	vmConfigProperties = 12
)

// object returns an empty data object of the type with room for n
// properties.
func (t *vimType) object(n int) *value.PSObject {
	return value.NewPSObject(t.names...).Grow(n)
}

// managed returns a view of a managed object of the type with its MoRef
// and room for n more properties.
func (t *vimType) managed(ref engine.MoRef, n int) *value.PSObject {
	o := t.object(n + 1)
	o.ToStringFunc = t.toString
	o.Add("MoRef", moRef(ref))
	return o
}

// vimObject returns a view data object of a VMware.Vim type; bases lists
// the type's base classes (most derived first, without DynamicData).
func vimObject(typeName string, bases ...string) *value.PSObject {
	return newVimType(typeName, bases...).object(0)
}

// vSphere API enums that appear in views.
var (
	vmPowerStateType  = &value.EnumType{Name: "VMware.Vim.VirtualMachinePowerState", Members: []string{"poweredOff", "poweredOn", "suspended"}}
	vmCryptoStateType = &value.EnumType{Name: "VMware.Vim.VirtualMachineCryptoState", Members: []string{"unlocked", "locked"}}
)

// moRef builds a VMware.Vim.ManagedObjectReference.
func moRef(r engine.MoRef) *value.PSObject {
	o := value.NewPSObject(moRefTypeNames...).Grow(2)
	o.Add("Type", r.Type).Add("Value", r.Value)
	o.ToStringFunc = r.String
	return o
}

// cryptoKeyID builds a VMware.Vim.CryptoKeyId, or returns nil (a real
// $null, so `if ($vm.ExtensionData.Config.KeyId)` is false) for no key.
func cryptoKeyID(k *engine.KeyRef) any {
	if k == nil {
		return nil
	}
	provider := vimKeyProviderID.object(1)
	provider.Add("Id", k.ProviderID)
	id := vimCryptoKeyID.object(2)
	id.Add("KeyId", k.KeyID).Add("ProviderId", provider)
	return id
}

// managedObject returns a view of a managed object with its MoRef.
func managedObject(ref engine.MoRef, typeName string, bases ...string) *value.PSObject {
	return newManagedType(typeName, bases...).managed(ref, 0)
}

// vmView builds the VMware.Vim.VirtualMachine view of a VM.
func (s *Session) vmView(vm engine.VM) *value.PSObject {
	o := vimVirtualMachine.managed(vm.ID, vmViewProperties-1)
	// The parts are built on first read: a script looping over 45,000
	// views usually reads one property of each.
	o.Add("Name", vm.Name).
		Add("Config", value.Lazy(func() any { return vmConfigInfo(vm) })).
		Add("Runtime", value.Lazy(func() any { return vmRuntimeInfo(vm) })).
		Add("Snapshot", value.Lazy(func() any { return snapshotInfo(vm) })).
		Add("Datastore", value.Lazy(func() any { return datastoreRefs(vm) })).
		Add("Summary", value.Lazy(func() any { return vmSummary(vm) }))
	return o
}

// hw builds VirtualHardware with the device list.
func hw(vm engine.VM) *value.PSObject {
	h := vimObject("VirtualHardware")
	h.Add("NumCPU", int32(vm.NumCPU)).
		Add("NumCoresPerSocket", int32(1)).
		Add("MemoryMB", int32(vm.MemoryMB)).
		Add("Device", vmDevices(vm))
	return h
}

func vmConfigInfo(vm engine.VM) *value.PSObject {
	files := vimFileInfo.object(1)
	files.Add("VmPathName", vm.VMPathName)
	migrate := "opportunistic"
	if vm.Key != nil {
		migrate = "required" // encrypted VMs require encrypted vMotion
	}
	cfg := vimConfigInfo.object(vmConfigProperties)
	cfg.Add("Name", vm.Name).
		Add("Template", vm.Template).
		Add("VmxConfigChecksum", nil).
		Add("Uuid", vm.BIOSUUID).
		Add("InstanceUuid", vm.InstanceUUID).
		Add("GuestId", vm.GuestID).
		Add("Version", vm.HardwareVersion).
		Add("Firmware", vm.Firmware).
		Add("Files", files).
		Add("Hardware", value.Lazy(func() any { return hw(vm) })).
		Add("KeyId", cryptoKeyID(vm.Key)).
		Add("MigrateEncryption", migrate)
	return cfg
}

// vmDevices lists the VM's devices: its SCSI controller, disks and vTPM.
func vmDevices(vm engine.VM) []any {
	ctrl := vimObject("ParaVirtualSCSIController", "VirtualSCSIController", "VirtualController", "VirtualDevice")
	ctrl.Add("Key", int32(1000)).Add("DeviceInfo", description("SCSI controller 0", "VMware paravirtual SCSI"))
	devices := []any{ctrl}
	for i, d := range vm.Disks {
		devices = append(devices, diskView(d, i))
	}
	if vm.VTPM {
		devices = append(devices, vtpmView())
	}
	return devices
}

// diskView builds the VMware.Vim.VirtualDisk of a disk (unit is its unit
// number on the controller); Backing.KeyId is its key.
func diskView(d engine.Disk, unit int) *value.PSObject {
	backing := vimObject("VirtualDiskFlatVer2BackingInfo", "VirtualDeviceFileBackingInfo", "VirtualDeviceBackingInfo")
	backing.Add("FileName", d.FileName).
		Add("Datastore", moRef(d.Datastore)).
		Add("DiskMode", "persistent").
		Add("ThinProvisioned", true).
		Add("KeyId", cryptoKeyID(d.Key))
	disk := vimObject("VirtualDisk", "VirtualDevice")
	disk.Add("Key", d.DeviceKey).
		Add("DeviceInfo", description(d.Label, fmt.Sprintf("%s KB", groupDigits(d.CapacityKB)))).
		Add("Backing", backing).
		Add("ControllerKey", int32(1000)).
		Add("UnitNumber", int32(unit)).
		Add("CapacityInKB", d.CapacityKB).
		Add("CapacityInBytes", d.CapacityKB*1024)
	return disk
}

// vtpmKey is the device key vSphere gives a VM's virtual TPM.
const vtpmKey = int32(11000)

// vtpmView builds the VMware.Vim.VirtualTPM device.
func vtpmView() *value.PSObject {
	tpm := vimObject("VirtualTPM", "VirtualDevice")
	tpm.Add("Key", vtpmKey).Add("DeviceInfo", description("Virtual TPM", "Virtual TPM"))
	return tpm
}

// description builds a VMware.Vim.Description (DeviceInfo).
func description(label, summary string) *value.PSObject {
	d := vimObject("Description")
	d.Add("Label", label).Add("Summary", summary)
	return d
}

// groupDigits writes n with thousands separators, as vSphere's disk
// summaries do ("41,943,040 KB").
func groupDigits(n int64) string {
	s := fmt.Sprint(n)
	out := make([]byte, 0, len(s)+len(s)/3)
	for i := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	return string(out)
}

func vmRuntimeInfo(vm engine.VM) *value.PSObject {
	rt := vimObject("VirtualMachineRuntimeInfo")
	ps, _ := vmPowerStateType.Parse(string(vm.PowerState))
	var crypto any
	if vm.CryptoState != "" {
		if st, err := vmCryptoStateType.Parse(vm.CryptoState); err == nil {
			crypto = st
		}
	}
	rt.Add("Host", moRef(vm.Host)).
		Add("ConnectionState", "connected").
		Add("PowerState", ps).
		Add("CryptoState", crypto)
	return rt
}

// snapshotInfo builds VirtualMachineSnapshotInfo, or nil without snapshots.
func snapshotInfo(vm engine.VM) any {
	if len(vm.Snapshots) == 0 {
		return nil
	}
	info := vimObject("VirtualMachineSnapshotInfo")
	var current any
	if vm.CurrentSnapshot != "" {
		current = moRef(engine.MoRef{Type: engine.TypeSnapshot, Value: vm.CurrentSnapshot})
	}
	info.Add("CurrentSnapshot", current).Add("RootSnapshotList", snapshotTrees(vm, vm.Snapshots))
	return info
}

func snapshotTrees(vm engine.VM, list []engine.Snapshot) []any {
	out := make([]any, len(list))
	for i, sn := range list {
		t := vimObject("VirtualMachineSnapshotTree")
		ps, _ := vmPowerStateType.Parse(string(vm.PowerState))
		t.Add("Snapshot", moRef(sn.ID)).
			Add("Vm", moRef(vm.ID)).
			Add("Name", sn.Name).
			Add("Description", sn.Description).
			Add("CreateTime", sn.Created.UTC().Format("1/2/2006 3:04:05 PM")).
			Add("State", ps).
			Add("ChildSnapshotList", snapshotTrees(vm, sn.Children))
		out[i] = t
	}
	return out
}

func datastoreRefs(vm engine.VM) []any {
	out := []any{moRef(vm.Datastore)}
	for _, d := range vm.Disks {
		if d.Datastore != vm.Datastore && !d.Datastore.IsZero() {
			out = append(out, moRef(d.Datastore))
		}
	}
	return out
}

func vmSummary(vm engine.VM) *value.PSObject {
	cfg := vimObject("VirtualMachineConfigSummary")
	cfg.Add("Name", vm.Name).
		Add("Template", vm.Template).
		Add("VmPathName", vm.VMPathName).
		Add("NumCpu", int32(vm.NumCPU)).
		Add("MemorySizeMB", int32(vm.MemoryMB)).
		Add("Uuid", vm.BIOSUUID).
		Add("InstanceUuid", vm.InstanceUUID)
	sum := vimObject("VirtualMachineSummary")
	sum.Add("Config", cfg).Add("Runtime", vmRuntimeInfo(vm))
	return sum
}

// hostView builds the VMware.Vim.HostSystem view of a host.
func (s *Session) hostView(h engine.Host) *value.PSObject {
	o := managedObject(h.ID, "HostSystem")
	rt := vimObject("HostRuntimeInfo")
	rt.Add("ConnectionState", h.ConnectionState).
		Add("PowerState", "poweredOn").
		Add("CryptoState", string(h.CryptoState)).
		Add("CryptoKeyId", cryptoKeyID(h.CryptoKey))
	capability := vimObject("HostCapability")
	capability.Add("TpmSupported", h.HasTPM)
	o.Add("Name", h.Name).
		Add("Runtime", rt).
		Add("Capability", capability).
		Add("Parent", moRef(h.Cluster))
	return o
}

// clusterView builds the VMware.Vim.ClusterComputeResource view, with the
// vSAN configuration under ConfigurationEx.VsanConfigInfo (DataEncryption
// Config.KekId is where scripts read the cluster KEK).
func (s *Session) clusterView(c engine.Cluster) *value.PSObject {
	o := managedObject(c.ID, "ClusterComputeResource", "ComputeResource")
	v, _ := s.World.Vsan(c.ID.Value)
	enc := vimObject("VsanDataEncryptionConfig")
	var provider any
	if v.KeyProvider != "" {
		p := vimObject("KeyProviderId")
		p.Add("Id", v.KeyProvider)
		provider = p
	}
	enc.Add("EncryptionEnabled", v.EncryptionEnabled).
		Add("KmsProviderId", provider).
		Add("KekId", nilIfEmpty(v.KekID)).
		Add("HostKeyId", nilIfEmpty(v.HostKeyID)).
		Add("DekGenerationId", v.DekGeneration).
		Add("Changing", v.Changing).
		Add("EraseDisksBeforeUse", v.EraseDisksBeforeUse)
	vsan := vimObject("VsanClusterConfigInfo")
	vsan.Add("Enabled", v.Enabled).
		Add("VsanEsaEnabled", v.ESA).
		Add("DataEncryptionConfig", enc)
	ex := vimObject("ClusterConfigInfoEx", "ComputeResourceConfigInfo")
	ex.Add("VsanConfigInfo", vsan)
	hosts := make([]any, len(c.Hosts))
	for i, h := range c.Hosts {
		hosts[i] = moRef(h)
	}
	dss := make([]any, len(c.Datastores))
	for i, d := range c.Datastores {
		dss[i] = moRef(d)
	}
	o.Add("Name", c.Name).
		Add("ConfigurationEx", ex).
		Add("Host", hosts).
		Add("Datastore", dss).
		Add("Parent", moRef(c.Datacenter))
	return o
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}
