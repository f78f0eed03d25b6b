package engine

// ObjectKind says what an encryptable object is.
type ObjectKind string

// Object kinds.
const (
	ObjectVMHome        ObjectKind = "vm-home"
	ObjectVMDisk        ObjectKind = "vm-disk"
	ObjectVsanDiskGroup ObjectKind = "vsan-disk-group"
	// ObjectSnapshotLink is a snapshot's link in a VM home's or disk's
	// chain (SnapshotLinks); Verify checks links apart from objects.
	ObjectSnapshotLink ObjectKind = "snapshot-link"
)

// objectRef is one encryptable object with what names it; Verify and the
// inspection listing walk the same objects in the same order.
type objectRef struct {
	kind      ObjectKind
	owner     MoRef
	ownerName string
	label     string // "home", "Hard disk 1", "disk group esx01.lab.local"
	deviceKey int32
	obj       *objectRecord
}

func (o objectRef) name() string { return o.ownerName + " " + o.label }

// vmObjects lists a VM's home and disks.
func vmObjects(vm *vmRecord) []objectRef {
	owner := MoRef{TypeVM, vm.ID}
	out := make([]objectRef, 0, 1+len(vm.Disks))
	out = append(out, objectRef{kind: ObjectVMHome, owner: owner, ownerName: vm.Name, label: "home", obj: &vm.Home})
	for _, d := range vm.Disks {
		out = append(out, objectRef{kind: ObjectVMDisk, owner: owner, ownerName: vm.Name, label: d.Label, deviceKey: d.DeviceKey, obj: &d.Object})
	}
	return out
}

// vsanObjects lists a cluster's vSAN disk groups.
func (w *World) vsanObjects(c *clusterRecord) []objectRef {
	if c.Vsan == nil {
		return nil
	}
	owner := MoRef{TypeCluster, c.ID}
	out := make([]objectRef, 0, len(c.Vsan.DiskGroups))
	for _, g := range c.Vsan.DiskGroups {
		out = append(out, objectRef{kind: ObjectVsanDiskGroup, owner: owner, ownerName: c.Name, label: "disk group " + w.hostName(g.Host), obj: &g.Object})
	}
	return out
}

// allObjects lists every object: VMs in inventory order, then vSAN disk groups.
func (w *World) allObjects() []objectRef {
	var out []objectRef
	for _, vm := range w.st.VMs {
		out = append(out, vmObjects(vm)...)
	}
	for _, c := range w.st.Clusters {
		out = append(out, w.vsanObjects(c)...)
	}
	return out
}
