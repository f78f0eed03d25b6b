package engine

import "fmt"

// CreateSnapshot takes a snapshot (without memory) of a VM. It becomes a
// child of the current snapshot, or a root if there is none, and the new
// current snapshot. Snapshots do not change encryption: their links (the
// .vmsn, the delta disks) use the DEKs and KEKs of the objects they belong
// to, so for an encrypted VM the host must hold its keys (a locked VM
// cannot be snapshotted). It is the host's work: vCenter may be down.
func (w *World) CreateSnapshot(vmID, name string) (Snapshot, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	vm, err := w.vmLocked(vmID)
	if err != nil {
		return Snapshot{}, err
	}
	ref := MoRef{TypeVM, vm.ID}
	if vm.Template {
		return Snapshot{}, notSupported(ref, "Virtual machine %s is a template; templates cannot have snapshots.", vm.Name)
	}
	if name == "" {
		return Snapshot{}, invalidArgument(ref, "A snapshot name must not be empty.")
	}
	if err := checkChainWhole(vm); err != nil {
		return Snapshot{}, err
	}
	if who, why := w.vmLockedBy(vm); who != "" {
		return Snapshot{}, lockedVMFault(ref, vm.Name, why)
	}
	kr := w.hostKeyring(w.hosts[vm.Host], false)
	defer kr.close()
	links, err := newLinks(vm, name, kr)
	if err != nil {
		return Snapshot{}, runtimeFault(ref, fmt.Errorf("snapshot %s of %s: %w", name, vm.Name, err))
	}
	s := &snapshotRecord{ID: w.st.Counters.next(TypeSnapshot), Name: name, Created: w.cfg.now().UTC(), Links: links}
	if cur := findSnapshot(vm.Snapshots, vm.CurrentSnapshot); cur != nil {
		cur.node.Children = append(cur.node.Children, s)
	} else {
		vm.Snapshots = append(vm.Snapshots, s)
	}
	vm.CurrentSnapshot = s.ID
	w.changed()
	return copySnapshots([]*snapshotRecord{s})[0], nil
}

// RemoveSnapshot deletes a snapshot. With removeChildren its whole subtree
// goes; otherwise its children move up to its parent (their data is
// consolidated, as vSphere does). If the current snapshot goes, its parent
// becomes current.
func (w *World) RemoveSnapshot(vmID, snapshotID string, removeChildren bool) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	vm, err := w.vmLocked(vmID)
	if err != nil {
		return err
	}
	id := bareID(TypeSnapshot, snapshotID)
	loc := findSnapshot(vm.Snapshots, id)
	if loc == nil {
		return notFound("snapshot", snapshotID)
	}
	if err := checkChainWhole(vm); err != nil {
		return err
	}
	parentID := ""
	if loc.parent != nil {
		parentID = loc.parent.ID
	}
	currentGoes := vm.CurrentSnapshot == id || (removeChildren && findSnapshot(loc.node.Children, vm.CurrentSnapshot) != nil)

	list := &vm.Snapshots
	if loc.parent != nil {
		list = &loc.parent.Children
	}
	var repl []*snapshotRecord
	if !removeChildren {
		repl = loc.node.Children
	}
	next := make([]*snapshotRecord, 0, len(*list)-1+len(repl))
	next = append(next, (*list)[:loc.index]...)
	next = append(next, repl...)
	next = append(next, (*list)[loc.index+1:]...)
	if len(next) == 0 {
		next = nil
	}
	*list = next

	if currentGoes {
		vm.CurrentSnapshot = parentID
	}
	w.changed()
	return nil
}

// RevertToSnapshot makes a snapshot current. Snapshots carry no memory, so
// the VM is powered off afterwards. Reverting and then snapshotting is how a
// snapshot tree grows a second branch.
func (w *World) RevertToSnapshot(vmID, snapshotID string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	vm, err := w.vmLocked(vmID)
	if err != nil {
		return err
	}
	id := bareID(TypeSnapshot, snapshotID)
	if findSnapshot(vm.Snapshots, id) == nil {
		return notFound("snapshot", snapshotID)
	}
	if err := checkChainWhole(vm); err != nil {
		return err
	}
	vm.CurrentSnapshot = id
	vm.PowerState = PoweredOff
	w.changed()
	return nil
}

// snapshotLoc is where a snapshot sits in its tree.
type snapshotLoc struct {
	node   *snapshotRecord
	parent *snapshotRecord // nil for a root snapshot
	index  int             // position in the parent's (or the root) list
}

func findSnapshot(list []*snapshotRecord, id string) *snapshotLoc {
	if id == "" {
		return nil
	}
	var walk func(list []*snapshotRecord, parent *snapshotRecord) *snapshotLoc
	walk = func(list []*snapshotRecord, parent *snapshotRecord) *snapshotLoc {
		for i, s := range list {
			if s.ID == id {
				return &snapshotLoc{node: s, parent: parent, index: i}
			}
			if l := walk(s.Children, s); l != nil {
				return l
			}
		}
		return nil
	}
	return walk(list, nil)
}
