package engine

import (
	"errors"
	"fmt"
	"strconv"

	kcrypto "github.com/keyhost/keyhost/engine/crypto"
)

func (b *builder) vm(iv InventoryVM, c *clusterRecord) (*vmRecord, error) {
	w := b.w
	if iv.Name == "" {
		return nil, errors.New("name is required")
	}
	h, ok := b.hosts[iv.Host]
	if !ok || h.Cluster != c.ID {
		return nil, fmt.Errorf("host %q is not in cluster %s", iv.Host, c.Name)
	}
	ds, err := b.clusterDatastore(iv.Datastore, c)
	if err != nil {
		return nil, err
	}
	power := iv.PowerState
	if power == "" {
		power = PoweredOff
	} else if !power.valid() {
		return nil, fmt.Errorf("unknown power state %q", power)
	}
	firmware := orDefault(iv.Firmware, "efi")
	if firmware != "efi" && firmware != "bios" {
		return nil, fmt.Errorf("unknown firmware %q", firmware)
	}
	if iv.VTPM && (iv.Encryption == nil || firmware != "efi") {
		return nil, errors.New("a vTPM needs EFI firmware and an encrypted home")
	}
	if iv.Template && (power != PoweredOff || len(iv.Snapshots) > 0) {
		return nil, errors.New("a template is powered off and has no snapshots")
	}
	homeSize, err := objectSize(iv.HomeBytes, defaultHomeBytes)
	if err != nil {
		return nil, fmt.Errorf("home size: %w", err)
	}
	id, err := b.id(TypeVM, iv.ID)
	if err != nil {
		return nil, err
	}
	vm := &vmRecord{
		ID: id, Name: iv.Name, PowerState: power,
		NumCPU: max(iv.NumCPU, 1), MemoryMB: max(iv.MemoryMB, 4),
		GuestID: orDefault(iv.GuestID, "otherGuest64"), HardwareVersion: orDefault(iv.HardwareVersion, defaultHardwareVersion),
		Firmware: firmware, Host: h.ID, Datastore: ds.ID,
		Template: iv.Template, LinkedClone: iv.LinkedClone, VTPM: iv.VTPM,
	}
	if vm.InstanceUUID, err = b.uuid(iv.InstanceUUID); err != nil {
		return nil, fmt.Errorf("instance UUID: %w", err)
	}
	if vm.BIOSUUID, err = b.uuid(iv.BIOSUUID); err != nil {
		return nil, fmt.Errorf("BIOS UUID: %w", err)
	}
	for i, idisk := range iv.Disks {
		size, err := objectSize(idisk.DataBytes, defaultDiskBytes)
		if err != nil {
			return nil, fmt.Errorf("disk %d size: %w", i+1, err)
		}
		dds := ds
		if idisk.Datastore != "" {
			if dds, err = b.clusterDatastore(idisk.Datastore, c); err != nil {
				return nil, fmt.Errorf("disk %d: %w", i+1, err)
			}
		}
		file := vm.Name + ".vmdk"
		if i > 0 {
			file = vm.Name + "_" + strconv.Itoa(i) + ".vmdk"
		}
		label := "Hard disk " + strconv.Itoa(i+1)
		vm.Disks = append(vm.Disks, &diskRecord{
			DeviceKey: int32(firstDiskDeviceKey + i), Label: label, CapacityKB: max(idisk.CapacityGB, 1) * 1024 * 1024,
			FileName: "[" + dds.Name + "] " + vm.Name + "/" + file, Datastore: dds.ID,
			Object: newPlainObject(DiskPlaintext(vm.Name, label, size)),
		})
	}
	names := map[string]string{}
	if vm.Snapshots, err = b.snapshots(iv.Snapshots, names); err != nil {
		return nil, err
	}
	vm.CurrentSnapshot = defaultCurrentSnapshot(vm.Snapshots)
	if iv.CurrentSnapshot != "" {
		id, ok := names[iv.CurrentSnapshot]
		if !ok || id == "" {
			return nil, fmt.Errorf("current snapshot %q is not a (uniquely named) snapshot of the VM", iv.CurrentSnapshot)
		}
		vm.CurrentSnapshot = id
	}
	vm.Home = newPlainObject(homePlaintext(vm, homeSize))
	addPlainLinks(vm, vm.Snapshots)
	w.st.VMs = append(w.st.VMs, vm)
	return vm, nil
}

func (b *builder) uuid(given string) (string, error) {
	if given == "" {
		return kcrypto.NewUUID(b.w.cfg.rand)
	}
	if _, err := kcrypto.ParseUUID(given); err != nil {
		return "", err
	}
	return given, nil
}

// snapshots builds a snapshot tree; names maps each name to its id ("" when
// the name is used twice, so it cannot pick the current snapshot).
func (b *builder) snapshots(in []InventorySnapshot, names map[string]string) ([]*snapshotRecord, error) {
	var out []*snapshotRecord
	for _, is := range in {
		if is.Name == "" {
			return nil, errors.New("a snapshot name is required")
		}
		id, err := b.id(TypeSnapshot, is.ID)
		if err != nil {
			return nil, err
		}
		created := is.Created
		if created.IsZero() {
			created = b.w.cfg.now().UTC()
		}
		if _, dup := names[is.Name]; dup {
			names[is.Name] = ""
		} else {
			names[is.Name] = id
		}
		s := &snapshotRecord{ID: id, Name: is.Name, Description: is.Description, Created: created}
		if s.Children, err = b.snapshots(is.Children, names); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// defaultCurrentSnapshot follows the last branch to its newest snapshot.
func defaultCurrentSnapshot(list []*snapshotRecord) string {
	id := ""
	for len(list) > 0 {
		s := list[len(list)-1]
		id, list = s.ID, s.Children
	}
	return id
}

// addPlainLinks gives the snapshots of a new (plaintext) VM their links;
// encrypting the VM encrypts them with its objects.
func addPlainLinks(vm *vmRecord, list []*snapshotRecord) {
	for _, s := range list {
		s.Links = []*linkRecord{{DeviceKey: homeLink, Object: newPlainObject(linkPlaintext(vm.Name, "home", s.Name))}}
		for _, d := range vm.Disks {
			s.Links = append(s.Links, &linkRecord{DeviceKey: d.DeviceKey, Object: newPlainObject(linkPlaintext(vm.Name, d.Label, s.Name))})
		}
		addPlainLinks(vm, s.Children)
	}
}
