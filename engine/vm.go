package engine

import "time"

// PowerState is a VM's runtime power state (vSphere API strings).
type PowerState string

// VM power states.
const (
	PoweredOn  PowerState = "poweredOn"
	PoweredOff PowerState = "poweredOff"
	Suspended  PowerState = "suspended"
)

// display is the state as vSphere's localized messages write it.
func (p PowerState) display() string {
	switch p {
	case PoweredOn:
		return "Powered on"
	case PoweredOff:
		return "Powered off"
	case Suspended:
		return "Suspended"
	}
	return string(p)
}

func (p PowerState) valid() bool { return p == PoweredOn || p == PoweredOff || p == Suspended }

// VM crypto states (VirtualMachineRuntimeInfo.cryptoState). An encrypted VM
// is locked while its host cannot use a key it needs: its provider is
// missing from the world (deleted, or never imported here), a Native
// provider was not pushed to the host, or the host lacks a Standard
// provider's KEK. It is unlocked otherwise.
const (
	VMCryptoUnlocked = "unlocked"
	VMCryptoLocked   = "locked"
)

// VM is a copy of one virtual machine or template.
type VM struct {
	ID              MoRef
	Name            string
	InstanceUUID    string
	BIOSUUID        string
	PowerState      PowerState
	NumCPU          int
	MemoryMB        int
	GuestID         string
	HardwareVersion string
	// Firmware is "efi" or "bios".
	Firmware   string
	Host       MoRef
	Cluster    MoRef
	Datacenter MoRef
	Datastore  MoRef
	// VMPathName is the .vmx path, "[datastore] name/name.vmx".
	VMPathName  string
	Template    bool
	LinkedClone bool
	// VTPM reports a virtual TPM; vSphere requires an encrypted home for it.
	VTPM bool
	// Snapshots is the root snapshot list; each snapshot carries its children.
	Snapshots []Snapshot
	// CurrentSnapshot is the MoRef value of the current snapshot, "" for none.
	CurrentSnapshot string
	Disks           []Disk
	// Key is the home's key (Config.KeyId); nil when the VM is not encrypted.
	Key *KeyRef
	// CryptoState is Runtime.CryptoState: "unlocked" or "locked" for an
	// encrypted VM, "" otherwise.
	CryptoState string
	// LockedBy names the key provider whose key keeps a locked VM locked
	// ("" when unlocked): missing from the world, or unusable on the VM's
	// host; LockReason says which.
	LockedBy   string
	LockReason string
	// KeyChainMixed reports disk chains that mix an old and a new KEK after
	// an interrupted shallow recrypt (snapshot_links.go).
	KeyChainMixed bool
}

// Encrypted reports whether the VM home is encrypted (Config.KeyId is set).
func (v VM) Encrypted() bool { return v.Key != nil }

// Disk is a copy of one virtual disk.
type Disk struct {
	// DeviceKey is the device key (2000, 2001, ...).
	DeviceKey  int32
	Label      string
	CapacityKB int64
	// FileName is "[datastore] vm/vm.vmdk".
	FileName  string
	Datastore MoRef
	// Key is Backing.KeyId; nil when the disk is not encrypted.
	Key *KeyRef
}

// Snapshot is a copy of one snapshot and its subtree.
type Snapshot struct {
	ID          MoRef
	Name        string
	Description string
	Created     time.Time
	Children    []Snapshot
	// Links counts the snapshot's links (the home's and each disk's).
	Links int
}

// VMs returns every VM and template in inventory order.
func (w *World) VMs() []VM {
	w.mu.RLock()
	defer w.mu.RUnlock()
	out := make([]VM, 0, len(w.st.VMs))
	for _, v := range w.st.VMs {
		out = append(out, w.vmCopy(v))
	}
	return out
}

// VMsWhere returns, in inventory order, the VMs and templates that keep
// accepts by name and template flag. Only those are copied, so looking a
// VM up by name in a 45,000-VM world costs a scan of names, not 45,000
// copies.
func (w *World) VMsWhere(keep func(name string, template bool) bool) []VM {
	w.mu.RLock()
	defer w.mu.RUnlock()
	var kept []*vmRecord
	for _, v := range w.st.VMs {
		if keep(v.Name, v.Template) {
			kept = append(kept, v)
		}
	}
	out := make([]VM, len(kept)) // VMs are large: copy each once
	for i, v := range kept {
		out[i] = w.vmCopy(v)
	}
	return out
}

// VM returns one VM by id ("vm-101" or "VirtualMachine-vm-101").
func (w *World) VM(id string) (VM, error) {
	w.mu.RLock()
	defer w.mu.RUnlock()
	v, err := w.vmLocked(id)
	if err != nil {
		return VM{}, err
	}
	return w.vmCopy(v), nil
}

func (w *World) vmCopy(v *vmRecord) VM {
	out := VM{
		ID:              MoRef{TypeVM, v.ID},
		Name:            v.Name,
		InstanceUUID:    v.InstanceUUID,
		BIOSUUID:        v.BIOSUUID,
		PowerState:      v.PowerState,
		NumCPU:          v.NumCPU,
		MemoryMB:        v.MemoryMB,
		GuestID:         v.GuestID,
		HardwareVersion: v.HardwareVersion,
		Firmware:        v.Firmware,
		Host:            MoRef{TypeHost, v.Host},
		Datastore:       MoRef{TypeDatastore, v.Datastore},
		Template:        v.Template,
		LinkedClone:     v.LinkedClone,
		VTPM:            v.VTPM,
		Snapshots:       copySnapshots(v.Snapshots),
		CurrentSnapshot: v.CurrentSnapshot,
		Key:             cloneKey(v.Home.Key),
	}
	if c := w.clusterOfHost(v.Host); c != nil {
		out.Cluster = MoRef{TypeCluster, c.ID}
		out.Datacenter = MoRef{TypeDatacenter, c.Datacenter}
	}
	if ds := w.datastores[v.Datastore]; ds != nil {
		out.VMPathName = "[" + ds.Name + "] " + v.Name + "/" + v.Name + ".vmx"
	}
	if v.Home.Key != nil {
		out.CryptoState = VMCryptoUnlocked
		if out.LockedBy, out.LockReason = w.vmLockedBy(v); out.LockedBy != "" {
			out.CryptoState = VMCryptoLocked
		}
		out.KeyChainMixed = keyChainMixed(v)
	}
	out.Disks = make([]Disk, len(v.Disks))
	for i, d := range v.Disks {
		out.Disks[i] = Disk{
			DeviceKey:  d.DeviceKey,
			Label:      d.Label,
			CapacityKB: d.CapacityKB,
			FileName:   d.FileName,
			Datastore:  MoRef{TypeDatastore, d.Datastore},
			Key:        cloneKey(d.Object.Key),
		}
	}
	return out
}

func copySnapshots(in []*snapshotRecord) []Snapshot {
	if len(in) == 0 {
		return nil
	}
	out := make([]Snapshot, len(in))
	for i, s := range in {
		out[i] = Snapshot{
			ID:          MoRef{TypeSnapshot, s.ID},
			Name:        s.Name,
			Description: s.Description,
			Created:     s.Created,
			Children:    copySnapshots(s.Children),
			Links:       len(s.Links),
		}
	}
	return out
}
