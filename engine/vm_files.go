package engine

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"
)

// VMFiles is a virtual machine as its datastore holds it: what its .vmx
// and .vmsd say and its home and disk objects exactly as stored, encrypted
// objects as ciphertext with their wrapped DEKs and key ids. It carries no
// key. Moving these files to another vCenter and registering them there
// (RegisterVM) is how a VM, a replica or a restored backup arrives in a
// vCenter; it opens there only if that vCenter has the key providers its
// key ids name (the NKP FAQ: import the provider's backup at the DR site).
// VMFiles encodes as JSON, so tools can carry it between state files.
type VMFiles struct {
	Name            string `json:"name"`
	InstanceUUID    string `json:"instanceUuid"`
	BIOSUUID        string `json:"biosUuid"`
	NumCPU          int    `json:"numCpu"`
	MemoryMB        int    `json:"memoryMB"`
	GuestID         string `json:"guestId"`
	HardwareVersion string `json:"hardwareVersion"`
	Firmware        string `json:"firmware"`
	Template        bool   `json:"template,omitempty"`
	VTPM            bool   `json:"vtpm,omitempty"`
	// Snapshots is the snapshot tree; one snapshot may be Current.
	Snapshots []SnapshotFile `json:"snapshots,omitempty"`
	Home      ObjectFile     `json:"home"`
	Disks     []DiskFile     `json:"disks"`
}

// SnapshotFile is one snapshot of VMFiles and its children.
type SnapshotFile struct {
	Name        string         `json:"name"`
	Description string         `json:"description,omitempty"`
	Created     time.Time      `json:"created"`
	Current     bool           `json:"current,omitempty"`
	Children    []SnapshotFile `json:"children,omitempty"`
	// Links are the snapshot's links in the disk chains (its .vmsn and
	// delta disks), each with its own wrapped DEK copy.
	Links []LinkFile `json:"links,omitempty"`
}

// LinkFile is one snapshot link of VMFiles: Disk is the label of the disk
// whose chain it belongs to, "" for the home's.
type LinkFile struct {
	Disk   string     `json:"disk,omitempty"`
	Object ObjectFile `json:"object"`
}

// DiskFile is one virtual disk of VMFiles.
type DiskFile struct {
	Label      string     `json:"label"`
	CapacityKB int64      `json:"capacityKB"`
	Object     ObjectFile `json:"object"`
}

// ObjectFile is an object's stored bytes: plaintext, or ciphertext with the
// DEK wrapped by the KEK that Key names. SHA256 is the hex SHA-256 of the
// plaintext. None of it is secret without the key.
type ObjectFile struct {
	Data       []byte  `json:"data"`
	SHA256     string  `json:"sha256"`
	Key        *KeyRef `json:"key,omitempty"`
	WrappedDEK []byte  `json:"wrappedDek,omitempty"`
}

// ExportVM copies a VM's files. Linked clones are refused: their disks are
// deltas of a parent's, which the files would not carry.
func (w *World) ExportVM(vmID string) (VMFiles, error) {
	w.mu.RLock()
	defer w.mu.RUnlock()
	vm, err := w.vmLocked(vmID)
	if err != nil {
		return VMFiles{}, err
	}
	if vm.LinkedClone {
		return VMFiles{}, notSupported(MoRef{TypeVM, vm.ID}, "Virtual machine %s is a linked clone; its disks depend on its parent's and cannot be exported alone.", vm.Name)
	}
	return w.vmFiles(vm), nil
}

// vmFiles copies a VM's files; callers hold the lock.
func (w *World) vmFiles(vm *vmRecord) VMFiles {
	f := VMFiles{
		Name: vm.Name, InstanceUUID: vm.InstanceUUID, BIOSUUID: vm.BIOSUUID, NumCPU: vm.NumCPU, MemoryMB: vm.MemoryMB,
		GuestID: vm.GuestID, HardwareVersion: vm.HardwareVersion, Firmware: vm.Firmware, Template: vm.Template, VTPM: vm.VTPM,
		Snapshots: snapshotFiles(vm, vm.Snapshots), Home: objectFile(vm.Home),
	}
	for _, d := range vm.Disks {
		f.Disks = append(f.Disks, DiskFile{Label: d.Label, CapacityKB: d.CapacityKB, Object: objectFile(d.Object)})
	}
	return f
}

func objectFile(o objectRecord) ObjectFile {
	return ObjectFile{Data: bytes.Clone(o.Data), SHA256: o.SHA256, Key: cloneKey(o.Key), WrappedDEK: bytes.Clone(o.WrappedDEK)}
}

func snapshotFiles(vm *vmRecord, list []*snapshotRecord) []SnapshotFile {
	var out []SnapshotFile
	for _, s := range list {
		f := SnapshotFile{Name: s.Name, Description: s.Description, Created: s.Created, Current: s.ID == vm.CurrentSnapshot,
			Children: snapshotFiles(vm, s.Children)}
		for _, l := range s.Links {
			disk := ""
			if l.DeviceKey != homeLink {
				disk = vm.linkLabel(l.DeviceKey)
			}
			f.Links = append(f.Links, LinkFile{Disk: disk, Object: objectFile(l.Object)})
		}
		out = append(out, f)
	}
	return out
}

// RegisterVM registers a VM from its files on a host (vSphere's "register
// an existing virtual machine"), powered off, with new ids, its home and
// disks on the host's cluster's default datastore (the vSAN datastore, else
// the first one). The objects are stored exactly as given. vCenter pushes
// the host the Standard providers' KEKs the VM needs, as far as their KMS
// answers. If the host cannot use a key (its provider is missing, not
// pushed to the host, or its KMS did not answer) the VM is registered
// anyway and is locked, as vCenter shows it, until the key is available
// and the VM unlocked (UnlockVM; importing a missing provider does it). If
// the host can use every key, an incapable host is prepared for them. A
// name already in use is an AlreadyExists fault.
func (w *World) RegisterVM(files VMFiles, hostID string) (VM, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	host, err := w.hostLocked(hostID)
	if err != nil {
		return VM{}, err
	}
	if err := w.requireVCenter("register virtual machine " + files.Name); err != nil {
		return VM{}, err
	}
	for _, vm := range w.st.VMs {
		if vm.Name == files.Name {
			// vSphere's DuplicateName; exact wording UNVERIFIED.
			return VM{}, &Fault{Name: FaultAlreadyExists, Object: files.Name, Message: fmt.Sprintf("The name '%s' already exists.", files.Name)}
		}
	}
	if err := w.checkVMFiles(files); err != nil {
		return VM{}, &Fault{Name: FaultInvalidArgument, Object: files.Name, Message: fmt.Sprintf("Cannot register virtual machine %s: %v.", files.Name, err), Err: err}
	}
	ds := w.defaultDatastore(host.Cluster)
	if ds == nil {
		return VM{}, invalidState(MoRef{TypeHost, host.ID}, "Cannot register virtual machine %s: cluster of host %s has no datastore.", files.Name, host.Name)
	}
	vm := &vmRecord{
		ID: w.st.Counters.next(TypeVM), Name: files.Name, InstanceUUID: files.InstanceUUID, BIOSUUID: files.BIOSUUID,
		PowerState: PoweredOff, NumCPU: files.NumCPU, MemoryMB: files.MemoryMB, GuestID: files.GuestID,
		HardwareVersion: files.HardwareVersion, Firmware: files.Firmware, Host: host.ID, Datastore: ds.ID,
		Template: files.Template, VTPM: files.VTPM, Home: objectRecordOf(files.Home),
	}
	for i, d := range files.Disks {
		file := vm.Name + ".vmdk"
		if i > 0 {
			file = vm.Name + "_" + strconv.Itoa(i) + ".vmdk"
		}
		vm.Disks = append(vm.Disks, &diskRecord{
			DeviceKey: int32(firstDiskDeviceKey + i), Label: d.Label, CapacityKB: d.CapacityKB,
			FileName: "[" + ds.Name + "] " + vm.Name + "/" + file, Datastore: ds.ID, Object: objectRecordOf(d.Object),
		})
	}
	vm.Snapshots, vm.CurrentSnapshot = w.snapshotRecords(vm, files.Snapshots)
	w.st.VMs = append(w.st.VMs, vm)
	w.vms[vm.ID] = vm
	w.vmNames.add(vm)
	if vm.Home.Key != nil {
		w.pushStandardKeysTo(host)
		if who, _ := w.vmLockedBy(vm); who == "" {
			prepareHost(host)
		}
	}
	w.changed()
	return w.vmCopy(vm), nil
}

// UnregisterVM removes a powered-off VM from the inventory, as vSphere's
// "remove from inventory" does, and returns its files (its datastore keeps
// them; register them again with RegisterVM). The hosts of its cluster
// drop the KEKs only it used: "When a virtual machine is deleted or
// unregistered, the ESXi hosts in the cluster delete the KEK from their
// memory."
func (w *World) UnregisterVM(vmID string) (VMFiles, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	vm, err := w.vmLocked(vmID)
	if err != nil {
		return VMFiles{}, err
	}
	ref := MoRef{TypeVM, vm.ID}
	if err := w.requireVCenter("unregister virtual machine " + vm.Name); err != nil {
		return VMFiles{}, err
	}
	if vm.PowerState != PoweredOff {
		return VMFiles{}, invalidPowerState(ref, vm.PowerState)
	}
	if vm.LinkedClone {
		return VMFiles{}, notSupported(ref, "Virtual machine %s is a linked clone; keyhost keeps linked clones registered, since their disks depend on their parent's.", vm.Name)
	}
	files := w.vmFiles(vm)
	var used []KeyRef
	for _, o := range vmObjects(vm) {
		used = append(used, keyRefsOf(o.obj)...)
	}
	for _, l := range vmLinks(vm) {
		used = append(used, keyRefsOf(l.obj)...)
	}
	w.st.VMs = slices.DeleteFunc(w.st.VMs, func(r *vmRecord) bool { return r == vm })
	delete(w.vms, vm.ID)
	w.vmNames.remove(vm)
	if h := w.hosts[vm.Host]; h != nil {
		w.dropUnusedKEKs(h.Cluster, used)
	}
	w.changed()
	return files, nil
}

// checkVMFiles validates files as the state file loader validates a VM.
func (w *World) checkVMFiles(f VMFiles) error {
	switch {
	case f.Name == "":
		return errors.New("no name")
	case f.Firmware != "efi" && f.Firmware != "bios":
		return fmt.Errorf("unknown firmware %q", f.Firmware)
	case f.NumCPU < 1 || f.MemoryMB < 1:
		return errors.New("no CPUs or no memory")
	}
	home := objectRecordOf(f.Home)
	if err := w.validateObject(&home); err != nil {
		return fmt.Errorf("home: %w", err)
	}
	if f.VTPM && home.Key == nil {
		return errors.New("a vTPM needs an encrypted home")
	}
	labels := map[string]bool{}
	for _, d := range f.Disks {
		if d.Label == "" || labels[d.Label] {
			return fmt.Errorf("disk label %q is empty or used twice", d.Label)
		}
		labels[d.Label] = true
		o := objectRecordOf(d.Object)
		if err := w.validateObject(&o); err != nil {
			return fmt.Errorf("%s: %w", d.Label, err)
		}
		if o.Key != nil && home.Key == nil {
			return fmt.Errorf("%s is encrypted but the home is not", d.Label)
		}
	}
	current := 0
	var walk func([]SnapshotFile) error
	walk = func(list []SnapshotFile) error {
		for _, s := range list {
			if s.Name == "" {
				return errors.New("a snapshot has no name")
			}
			if err := w.checkLinkFiles(f, s); err != nil {
				return fmt.Errorf("snapshot %s: %w", s.Name, err)
			}
			if s.Current {
				current++
			}
			if err := walk(s.Children); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(f.Snapshots); err != nil {
		return err
	}
	if current > 1 {
		return errors.New("more than one current snapshot")
	}
	return nil
}

// checkLinkFiles validates a snapshot's links: each belongs to the home or
// a disk of the files, once, and is encrypted exactly when its object is.
func (w *World) checkLinkFiles(f VMFiles, s SnapshotFile) error {
	seen := map[string]bool{}
	for _, l := range s.Links {
		if seen[l.Disk] {
			return fmt.Errorf("two links of %q", l.Disk)
		}
		seen[l.Disk] = true
		base := f.Home
		if l.Disk != "" {
			i := slices.IndexFunc(f.Disks, func(d DiskFile) bool { return d.Label == l.Disk })
			if i < 0 {
				return fmt.Errorf("a link of disk %q, which the VM does not have", l.Disk)
			}
			base = f.Disks[i].Object
		}
		o := objectRecordOf(l.Object)
		if err := w.validateObject(&o); err != nil {
			return fmt.Errorf("link of %q: %w", l.Disk, err)
		}
		if (o.Key == nil) != (base.Key == nil) {
			return fmt.Errorf("the link of %q is encrypted and its object is not, or the other way round", l.Disk)
		}
	}
	return nil
}

func objectRecordOf(f ObjectFile) objectRecord {
	return objectRecord{Data: bytes.Clone(f.Data), SHA256: f.SHA256, Key: cloneKey(f.Key), WrappedDEK: bytes.Clone(f.WrappedDEK)}
}

// snapshotRecords rebuilds a snapshot tree with new ids, its links tied
// to vm's disks by label; callers hold the write lock.
func (w *World) snapshotRecords(vm *vmRecord, list []SnapshotFile) (roots []*snapshotRecord, current string) {
	var build func([]SnapshotFile) []*snapshotRecord
	build = func(in []SnapshotFile) []*snapshotRecord {
		var out []*snapshotRecord
		for _, s := range in {
			r := &snapshotRecord{ID: w.st.Counters.next(TypeSnapshot), Name: s.Name, Description: s.Description, Created: s.Created}
			for _, l := range s.Links {
				dk := int32(homeLink)
				for _, d := range vm.Disks {
					if d.Label == l.Disk && l.Disk != "" {
						dk = d.DeviceKey
					}
				}
				r.Links = append(r.Links, &linkRecord{DeviceKey: dk, Object: objectRecordOf(l.Object)})
			}
			if s.Current {
				current = r.ID
			}
			r.Children = build(s.Children)
			out = append(out, r)
		}
		return out
	}
	roots = build(list)
	return roots, current
}

// defaultDatastore is where a cluster's VMs go by default: its vSAN
// datastore, else its first datastore; nil when it has none.
func (w *World) defaultDatastore(clusterID string) *datastoreRecord {
	if c := w.clusters[clusterID]; c != nil && c.Vsan != nil && c.Vsan.Enabled {
		if d := w.datastores[c.Vsan.Datastore]; d != nil {
			return d
		}
	}
	for _, d := range w.st.Datastores {
		if w.datastoreInCluster(d, clusterID) {
			return d
		}
	}
	return nil
}
