package engine

import (
	"strconv"
	"strings"

	kcrypto "github.com/keyhost/keyhost/engine/crypto"
)

// VMSpec describes a new virtual machine (CreateVM_Task's ConfigSpec, as
// New-VM builds it).
type VMSpec struct {
	Name string
	// Host is the host's id; the VM lands in its cluster.
	Host string
	// Datastore is the datastore's id ("" = the cluster's vSAN datastore,
	// else its first).
	Datastore string
	NumCPU    int
	MemoryMB  int
	GuestID   string
	// DisksKB are the capacities of the new VM's disks, in KB.
	DisksKB []int64
	// Encrypt encrypts the new VM's home, and its disks unless SkipDisks,
	// with a new key from Provider ("" = the default that applies in the
	// cluster), as CreateVM_Task with a CryptoSpecEncrypt does.
	Encrypt   bool
	SkipDisks bool
	Provider  string
}

// CreateVM creates a powered-off VM (EFI firmware, hardware version
// vmx-20) and returns it. The VM is created, and encrypted, whole or not
// at all. Names must be unique in the VM's datacenter.
func (w *World) CreateVM(spec VMSpec) (VM, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.requireVCenter("create virtual machine " + spec.Name); err != nil {
		return VM{}, err
	}
	h, err := w.hostLocked(spec.Host)
	if err != nil {
		return VM{}, err
	}
	c := w.clusters[h.Cluster]
	ref := MoRef{TypeHost, h.ID}
	if strings.TrimSpace(spec.Name) == "" || len(spec.Name) > 80 {
		return VM{}, invalidArgument(ref, "The name '%s' is not a valid virtual machine name.", spec.Name)
	}
	if err := w.checkVMNameFree(spec.Name, c.Datacenter, ""); err != nil {
		return VM{}, err
	}
	ds, err := w.vmDatastore(spec.Datastore, c)
	if err != nil {
		return VM{}, err
	}
	vm := &vmRecord{
		Name: spec.Name, PowerState: PoweredOff, NumCPU: max(spec.NumCPU, 1), MemoryMB: max(spec.MemoryMB, 4),
		GuestID: orDefault(spec.GuestID, "otherGuest64"), HardwareVersion: defaultHardwareVersion, Firmware: "efi",
		Host: h.ID, Datastore: ds.ID,
	}
	if vm.InstanceUUID, err = kcrypto.NewUUID(w.cfg.rand); err != nil {
		return VM{}, runtimeFault(ref, err)
	}
	if vm.BIOSUUID, err = kcrypto.NewUUID(w.cfg.rand); err != nil {
		return VM{}, runtimeFault(ref, err)
	}
	for i, kb := range spec.DisksKB {
		file := vm.Name + ".vmdk"
		if i > 0 {
			file = vm.Name + "_" + strconv.Itoa(i) + ".vmdk"
		}
		label := "Hard disk " + strconv.Itoa(i+1)
		vm.Disks = append(vm.Disks, &diskRecord{
			DeviceKey: int32(firstDiskDeviceKey + i), Label: label, CapacityKB: max(kb, 1024),
			FileName: "[" + ds.Name + "] " + vm.Name + "/" + file, Datastore: ds.ID,
			Object: newPlainObject(DiskPlaintext(vm.Name, label, defaultDiskBytes)),
		})
	}
	vm.Home = newPlainObject(homePlaintext(vm, defaultHomeBytes))
	if spec.Encrypt {
		plan := []objectChange{{op: CryptoEncrypt, obj: &vm.Home, label: "home", deviceKey: homeLink}}
		if !spec.SkipDisks {
			for _, d := range vm.Disks {
				plan = append(plan, objectChange{op: CryptoEncrypt, obj: &d.Object, label: d.Label, disk: true, deviceKey: d.DeviceKey})
			}
		}
		// applyVMCrypto commits only when everything succeeded; the VM is
		// not in the inventory yet, so a failure leaves no trace. It counts
		// one change, which the VM's addition below completes.
		if err := w.applyVMCrypto(vm, plan, spec.Provider); err != nil {
			return VM{}, err
		}
	}
	vm.ID = w.st.Counters.next(TypeVM)
	w.st.VMs = append(w.st.VMs, vm)
	w.vms[vm.ID] = vm
	w.vmNames.add(vm)
	w.changed()
	return w.vmCopy(vm), nil
}

// RenameVM renames a VM or template (Rename_Task, Set-VM -Name). Its
// files keep their names, as in vSphere.
func (w *World) RenameVM(vmID, name string) (VM, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	vm, err := w.vmLocked(vmID)
	if err != nil {
		return VM{}, err
	}
	ref := MoRef{TypeVM, vm.ID}
	if err := w.requireVCenter("rename virtual machine " + vm.Name); err != nil {
		return VM{}, err
	}
	if strings.TrimSpace(name) == "" || len(name) > 80 {
		return VM{}, invalidArgument(ref, "The name '%s' is not a valid virtual machine name.", name)
	}
	if name == vm.Name {
		return w.vmCopy(vm), nil
	}
	dc := ""
	if c := w.clusterOfHost(vm.Host); c != nil {
		dc = c.Datacenter
	}
	if err := w.checkVMNameFree(name, dc, vm.ID); err != nil {
		return VM{}, err
	}
	w.vmNames.rename(vm, name)
	w.changed()
	return w.vmCopy(vm), nil
}

// checkVMNameFree refuses a name another VM of the datacenter has
// (DuplicateName; vCenter's rule is per folder, and keyhost's datacenters
// have one VM folder).
func (w *World) checkVMNameFree(name, datacenter, except string) error {
	for _, o := range w.st.VMs {
		if o.ID == except || !strings.EqualFold(o.Name, name) {
			continue
		}
		if c := w.clusterOfHost(o.Host); c == nil || c.Datacenter == datacenter {
			return newFault(FaultAlreadyExists, MoRef{TypeVM, o.ID}, "The name '%s' already exists.", name)
		}
	}
	return nil
}

// vmDatastore finds a new VM's datastore: the named one, which the cluster
// must mount, or the cluster's default.
func (w *World) vmDatastore(id string, c *clusterRecord) (*datastoreRecord, error) {
	ref := MoRef{TypeCluster, c.ID}
	if id != "" {
		d, ok := w.datastores[bareID(TypeDatastore, id)]
		if !ok {
			return nil, notFound("datastore", id)
		}
		if !w.datastoreInCluster(d, c.ID) {
			return nil, invalidArgument(ref, "Datastore %s is not accessible from cluster %s.", d.Name, c.Name)
		}
		return d, nil
	}
	if c.Vsan != nil && c.Vsan.Datastore != "" {
		return w.datastores[c.Vsan.Datastore], nil
	}
	for _, d := range w.st.Datastores {
		if w.datastoreInCluster(d, c.ID) {
			return d, nil
		}
	}
	return nil, invalidState(ref, "Cluster %s has no datastore.", c.Name)
}
