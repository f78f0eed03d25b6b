package engine

import (
	"slices"
	"strings"
)

// vmNameIndex finds VMs and templates by name without a scan of the
// inventory: PowerCLI scripts look VMs up by name (Get-VM -Name web01,
// Set-VM -VM web01) one at a time, and a world holds up to 45,000 of them.
// Keys are names folded as PowerShell's wildcard matching folds them
// (rune by rune to lower case); the lists keep inventory order. Callers
// hold the write lock to change it.
type vmNameIndex struct {
	byName map[string][]*vmRecord
	next   uint64 // the seq the next record added gets
}

func foldName(name string) string { return strings.ToLower(name) }

// add indexes vm as the last record of the inventory.
func (x *vmNameIndex) add(vm *vmRecord) {
	x.next++
	vm.seq = x.next
	x.insert(vm)
}

// insert files vm under its name, keeping the list in inventory order.
func (x *vmNameIndex) insert(vm *vmRecord) {
	if x.byName == nil {
		x.byName = map[string][]*vmRecord{}
	}
	k := foldName(vm.Name)
	list := x.byName[k]
	i, _ := slices.BinarySearchFunc(list, vm.seq, func(r *vmRecord, seq uint64) int { return cmpSeq(r.seq, seq) })
	x.byName[k] = slices.Insert(list, i, vm)
}

// rename gives vm a new name; its place in the inventory stays.
func (x *vmNameIndex) rename(vm *vmRecord, name string) {
	x.remove(vm)
	vm.Name = name
	x.insert(vm)
}

func cmpSeq(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// remove forgets vm under its current name.
func (x *vmNameIndex) remove(vm *vmRecord) {
	k := foldName(vm.Name)
	list := slices.DeleteFunc(x.byName[k], func(r *vmRecord) bool { return r == vm })
	if len(list) == 0 {
		delete(x.byName, k)
		return
	}
	x.byName[k] = list
}

// VMsNamed returns, in inventory order, the VMs and templates whose name
// is one of names, compared without regard to case as PowerCLI compares
// them. It is the lookup behind Get-VM -Name with names that have no
// wildcard.
func (w *World) VMsNamed(names []string) []VM {
	w.mu.RLock()
	defer w.mu.RUnlock()
	var found []*vmRecord
	for _, n := range names {
		for _, r := range w.vmNames.byName[foldName(n)] {
			if !slices.Contains(found, r) {
				found = append(found, r)
			}
		}
	}
	// seq follows st.VMs: records are appended with a growing seq and
	// removals keep the order of the rest.
	slices.SortFunc(found, func(a, b *vmRecord) int { return cmpSeq(a.seq, b.seq) })
	out := make([]VM, 0, len(found))
	for _, r := range found {
		out = append(out, w.vmCopy(r))
	}
	return out
}
