package cmdlets

import (
	"github.com/keyhost/keyhost/engine"
	"github.com/keyhost/keyhost/ps/value"
)

// viObject is a PowerCLI inventory object: a property bag with PowerCLI's
// type names and property names, plus the managed object it stands for.
// Like PowerCLI's objects it is a snapshot taken when it was retrieved;
// cmdlets that act on it look the object up again by its MoRef.
type viObject struct {
	*value.PSObject
	ref engine.MoRef
	// s is the connection the object came from: cmdlets given the object
	// act on that vCenter.
	s *Session
}

// EqualTo implements value.Equaler: two objects for the same managed
// object of the same vCenter are equal.
func (o *viObject) EqualTo(other any) bool {
	x, ok := other.(*viObject)
	return ok && x.ref == o.ref && x.s.World == o.s.World
}

// newVIObject returns an empty object for ref on this connection with the
// given type names; it renders as its name in strings ("$vm"), as
// PowerCLI objects do.
func (s *Session) newVIObject(ref engine.MoRef, name string, typeNames ...string) *viObject {
	o := &viObject{PSObject: value.NewPSObject(typeNames...), ref: ref, s: s}
	o.ToStringFunc = func() string { return name }
	return o
}

// Type names of the objects keyhost's cmdlets return. The Impl class comes
// first (what GetType() reports), then the public interface names that
// scripts test with -is. Every list here and in the other files ends in
// System.Object, so NewPSObject keeps the list as it is instead of copying
// it for each of 45,000 objects.
var (
	vmTypeNames = []string{
		"VMware.VimAutomation.ViCore.Impl.V1.VM.UniversalVirtualMachineImpl",
		"VMware.VimAutomation.ViCore.Impl.V1.Inventory.InventoryItemImpl",
		"VMware.VimAutomation.ViCore.Types.V1.Inventory.VirtualMachine",
		"System.Object",
	}
	clusterTypeNames = []string{
		"VMware.VimAutomation.ViCore.Impl.V1.Inventory.ClusterImpl",
		"VMware.VimAutomation.ViCore.Impl.V1.Inventory.InventoryItemImpl",
		"VMware.VimAutomation.ViCore.Types.V1.Inventory.Cluster",
		"System.Object",
	}
	hostTypeNames = []string{
		"VMware.VimAutomation.ViCore.Impl.V1.Inventory.VMHostImpl",
		"VMware.VimAutomation.ViCore.Impl.V1.Inventory.InventoryItemImpl",
		"VMware.VimAutomation.ViCore.Types.V1.Inventory.VMHost",
		"System.Object",
	}
	keyProviderTypeNames = []string{
		"VMware.VimAutomation.ViCore.Impl.V1.Security.KeyProviderImpl",
		"VMware.VimAutomation.ViCore.Types.V1.Security.KeyProvider",
		"System.Object",
	}
	vsanConfigTypeNames = []string{
		"VMware.VimAutomation.Storage.Impl.V1.Vsan.VsanClusterConfigurationImpl",
		"VMware.VimAutomation.Storage.Types.V1.Vsan.VsanClusterConfiguration",
		"System.Object",
	}
)

// PowerCLI enums used in object properties.
var (
	powerStateType = &value.EnumType{
		Name:    "VMware.VimAutomation.ViCore.Types.V1.Inventory.PowerState",
		Members: []string{"PoweredOff", "PoweredOn", "Suspended"},
	}
	keyProviderKindType = &value.EnumType{
		Name:    "VMware.VimAutomation.ViCore.Types.V1.Security.KeyProviderType",
		Members: []string{"KeyProvider", "NativeKeyProvider", "TrustedKeyProvider"},
	}
	hostCryptoStateType = &value.EnumType{
		Name:    "VMware.VimAutomation.ViCore.Types.V1.Host.HostCryptoState",
		Members: []string{"Incapable", "PendingIncapable", "Prepared", "Safe"},
	}
	connectionStateType = &value.EnumType{
		Name:    "VMware.VimAutomation.ViCore.Types.V1.Host.VMHostState",
		Members: []string{"Connected", "Disconnected", "NotResponding", "Maintenance"},
	}
)

// powerState converts the engine's power state to PowerCLI's enum.
func powerState(p engine.PowerState) value.Enum {
	switch p {
	case engine.PoweredOn:
		return powerStateType.Member("PoweredOn")
	case engine.Suspended:
		return powerStateType.Member("Suspended")
	}
	return powerStateType.Member("PoweredOff")
}

// vmObject builds a PowerCLI VirtualMachine from the engine's copy of it.
// Its properties are added on first use (value.NewDeferredPSObject): a
// script looping over Get-VM's 45,000 VMs usually hands most of them to
// another cmdlet without reading a property. They come from vm, the
// snapshot taken now, so a late read sees what an early one would have.
func (s *Session) vmObject(vm engine.VM) *viObject {
	o := &viObject{PSObject: value.NewDeferredPSObject(func(o *value.PSObject) { s.addVMProperties(o, vm) }, vmTypeNames...), ref: vm.ID, s: s}
	name := vm.Name
	o.ToStringFunc = func() string { return name }
	return o
}

// addVMProperties adds a PowerCLI VirtualMachine's properties to o.
func (s *Session) addVMProperties(o *value.PSObject, vm engine.VM) {
	var provisionedKB int64
	datastores := []any{}
	seenDS := map[engine.MoRef]bool{}
	for _, d := range vm.Disks {
		provisionedKB += d.CapacityKB
		if !seenDS[d.Datastore] && !d.Datastore.IsZero() {
			seenDS[d.Datastore] = true
			datastores = append(datastores, d.Datastore.String())
		}
	}
	o.Grow(19).
		Add("Name", vm.Name).
		Add("PowerState", powerState(vm.PowerState)).
		Add("Notes", "").
		Add("NumCpu", int32(vm.NumCPU)).
		Add("CoresPerSocket", int32(1)).
		Add("MemoryMB", float64(vm.MemoryMB)).
		Add("MemoryGB", float64(vm.MemoryMB)/1024).
		Add("VMHostId", vm.Host.String()).
		Add("VMHost", value.Lazy(func() any { return s.hostObjectByID(vm.Host) })).
		Add("Version", "v"+trimVmx(vm.HardwareVersion)).
		Add("HardwareVersion", vm.HardwareVersion).
		Add("PersistentId", vm.InstanceUUID).
		Add("GuestId", vm.GuestID).
		Add("ProvisionedSpaceGB", float64(provisionedKB)/(1024*1024)).
		Add("DatastoreIdList", datastores).
		Add("ExtensionData", value.Lazy(func() any { return s.vmView(vm) })).
		Add("Id", vm.ID.String()).
		Add("Uid", s.uid("VirtualMachine", vm.ID.String()))
}

// trimVmx turns "vmx-20" into "20".
func trimVmx(hv string) string {
	if len(hv) > 4 && hv[:4] == "vmx-" {
		return hv[4:]
	}
	return hv
}

// hostObjectByID builds a VMHost object, or returns nil when the host is
// unknown.
func (s *Session) hostObjectByID(id engine.MoRef) any {
	h, err := s.World.Host(id.Value)
	if err != nil {
		return nil
	}
	return s.hostObject(h)
}

// hostObject builds a PowerCLI VMHost.
func (s *Session) hostObject(h engine.Host) *viObject {
	o := s.newVIObject(h.ID, h.Name, hostTypeNames...)
	state, err := hostCryptoStateType.Parse(string(h.CryptoState))
	if err != nil {
		state = hostCryptoStateType.Member("Incapable")
	}
	o.Add("Name", h.Name).
		Add("ConnectionState", connectionStateType.Member("Connected")).
		Add("PowerState", powerStateType.Member("PoweredOn")).
		Add("Version", h.Version).
		Add("Build", h.Build).
		Add("ParentId", h.Cluster.String()).
		Add("CryptoState", state).
		Add("ExtensionData", value.Lazy(func() any { return s.hostView(h) })).
		Add("Id", h.ID.String()).
		Add("Uid", s.uid("VMHost", h.ID.String()))
	return o
}

// clusterObject builds a PowerCLI Cluster.
func (s *Session) clusterObject(c engine.Cluster) *viObject {
	o := s.newVIObject(c.ID, c.Name, clusterTypeNames...)
	o.Add("Name", c.Name).
		Add("HAEnabled", true).
		Add("HAFailoverLevel", int32(1)).
		Add("DrsEnabled", true).
		Add("DrsAutomationLevel", "FullyAutomated").
		Add("VsanEnabled", c.VsanEnabled).
		Add("VsanEsaEnabled", c.VsanESA).
		Add("CryptoMode", "OnDemand").
		Add("ParentId", c.Datacenter.String()).
		Add("ExtensionData", value.Lazy(func() any { return s.clusterView(c) })).
		Add("Id", c.ID.String()).
		Add("Uid", s.uid("Cluster", c.ID.String()))
	return o
}

// keyProviderObject builds a PowerCLI KeyProvider. Its Name and Id are the
// provider name, which is also what vSphere stores as KeyProviderId.Id.
// IsActive is false while the provider cannot serve keys (a Native Key
// Provider that was never backed up). PowerCLI's KeyProvider has no
// property saying why, so keyhost adds its own, StatusMessage: "" when
// active, else vCenter's health message ("Key provider NKP-New requires
// backup."). Scripts written for PowerCLI never read it.
func (s *Session) keyProviderObject(p engine.KeyProvider) *viObject {
	o := s.newVIObject(engine.MoRef{Type: "KeyProvider", Value: p.Name}, p.Name, keyProviderTypeNames...)
	kind := keyProviderKindType.Member("KeyProvider")
	if p.Type == engine.ProviderNative {
		kind = keyProviderKindType.Member("NativeKeyProvider")
	}
	constraint := value.NewPSObject("VMware.VimAutomation.ViCore.Types.V1.Security.KeyProviderConstraint")
	constraint.Add("TpmRequired", p.TpmRequired)
	constraint.ToStringFunc = func() string { return "VMware.VimAutomation.ViCore.Types.V1.Security.KeyProviderConstraint" }
	defaults := []any{}
	for _, id := range p.DefaultForClusters {
		if c, err := s.World.Cluster(id); err == nil {
			defaults = append(defaults, s.clusterObject(c))
		}
	}
	o.Add("ClientCertificate", nil).
		Add("ClientCertificateExpiryDate", nil).
		Add("ClientCertificateInfo", nil).
		Add("Constraint", constraint).
		Add("DefaultForEntity", defaults).
		Add("DefaultForSystem", p.DefaultForSystem).
		Add("Id", p.Name).
		Add("IsActive", p.Health == engine.HealthOK).
		Add("IsRegistered", true).
		Add("Name", p.Name).
		Add("StatusMessage", providerStatus(p)).
		Add("Type", kind).
		Add("Uid", s.uid("KeyProvider", p.Name)).
		Add("UseAsDefaultKeyProvider", p.DefaultForSystem)
	return o
}

// providerStatus is the keyhost-only StatusMessage of a KeyProvider: ""
// when the provider is active, else why it is not (vCenter's REST health
// details, e.g. "Key provider NKP-New requires backup.").
func providerStatus(p engine.KeyProvider) string {
	if p.Health == engine.HealthOK {
		return ""
	}
	return p.Health
}

// vsanConfigObject builds a VsanClusterConfiguration (the encryption-
// related properties are the ones keyhost models; the rest carry vSAN's
// defaults).
func (s *Session) vsanConfigObject(c engine.Cluster, v engine.VsanConfig) *value.PSObject {
	o := value.NewPSObject(vsanConfigTypeNames...)
	var kp any
	if v.KeyProvider != "" {
		if p, err := s.World.KeyProvider(v.KeyProvider); err == nil {
			kp = s.keyProviderObject(p)
		}
	}
	o.Add("Cluster", s.clusterObject(c)).
		Add("VsanEnabled", v.Enabled).
		Add("VsanEsaEnabled", v.ESA).
		Add("EncryptionChanging", v.Changing).
		Add("EncryptionEnabled", v.EncryptionEnabled).
		Add("EraseDiskBeforeUse", v.EraseDisksBeforeUse).
		Add("KeyProvider", kp).
		Add("KmsCluster", kp).
		Add("HealthCheckEnabled", v.Enabled).
		Add("PerformanceServiceEnabled", v.Enabled).
		Add("SpaceCompressionEnabled", false).
		Add("SpaceEfficiencyEnabled", false).
		Add("Name", c.Name).
		Add("Id", c.ID.String()).
		Add("Uid", s.uid("VsanClusterConfiguration", c.ID.String()))
	o.ToStringFunc = func() string { return c.Name }
	return o
}
