package engine

import (
	"bytes"
	"fmt"

	kcrypto "github.com/keyhost/keyhost/engine/crypto"
)

// Snapshot links. Taking a snapshot freezes, for the home and for each
// disk, a link of that object's chain (the .vmsn, a delta disk) which keeps
// its own copy of the object's wrapped DEK, as each delta disk's descriptor
// keeps its own keySafe. keyhost gives every link a small deterministic
// payload, encrypted like its object, so that verifying a chain really
// decrypts every link.
//
// A shallow recrypt rewraps the DEK of every link. vSphere documents what
// happens when one fails part-way: "If the shallow recrypt fails before
// updating all links in the chain with the new KEK, you can still access
// the encrypted virtual machine if you have the old and new KEKs. However,
// it is best to reissue the shallow recrypt operation before performing any
// snapshot operations." keyhost models exactly that: such a chain mixes
// KEKs (VM.KeyChainMixed), every link still opens with its own key, a new
// shallow recrypt rewraps them all, and snapshot operations are refused
// until then.

// linkPayloadBytes is the size of a link's payload.
const linkPayloadBytes = 512

// homeLink is the DeviceKey of a home's link (disks start at 2000).
const homeLink = 0

// linkRef is one link with what names it.
type linkRef struct {
	vm       *vmRecord
	snapshot *snapshotRecord
	link     *linkRecord
	obj      *objectRecord
	label    string // "home" or the disk label
}

// name is how reports name a link: "db01 Hard disk 1 @ snapshot 'pre-upgrade'".
func (l linkRef) name() string {
	return fmt.Sprintf("%s %s @ snapshot '%s'", l.vm.Name, l.label, l.snapshot.Name)
}

// vmLinks lists a VM's links, snapshot by snapshot from the newest to the
// oldest along the tree (depth first, children before their parent), and
// within a snapshot in link order.
func vmLinks(vm *vmRecord) []linkRef {
	if len(vm.Snapshots) == 0 {
		return nil // the common case, without building the walk
	}
	var out []linkRef
	var walk func([]*snapshotRecord)
	walk = func(list []*snapshotRecord) {
		for i := len(list) - 1; i >= 0; i-- {
			s := list[i]
			walk(s.Children)
			for _, l := range s.Links {
				out = append(out, linkRef{vm: vm, snapshot: s, link: l, obj: &l.Object, label: vm.linkLabel(l.DeviceKey)})
			}
		}
	}
	walk(vm.Snapshots)
	return out
}

// linkLabel names the object a link belongs to.
func (vm *vmRecord) linkLabel(deviceKey int32) string {
	if deviceKey == homeLink {
		return "home"
	}
	for _, d := range vm.Disks {
		if d.DeviceKey == deviceKey {
			return d.Label
		}
	}
	return fmt.Sprintf("disk %d", deviceKey)
}

// linkBase returns the object a link belongs to (nil if none).
func (vm *vmRecord) linkBase(deviceKey int32) *objectRecord {
	if deviceKey == homeLink {
		return &vm.Home
	}
	for _, d := range vm.Disks {
		if d.DeviceKey == deviceKey {
			return &d.Object
		}
	}
	return nil
}

// linkPlaintext is a link's deterministic payload.
func linkPlaintext(vmName, label, snapshot string) []byte {
	return sectorPayload("link "+vmName+"/"+label+"@"+snapshot, linkPayloadBytes)
}

// newLinks makes the links a new snapshot freezes: for the home and each
// disk, a payload encrypted (when the object is) with the object's DEK,
// which kr unwraps, and the object's wrapped DEK copied.
func newLinks(vm *vmRecord, snapshotName string, kr *keyring) ([]*linkRecord, error) {
	var out []*linkRecord
	add := func(deviceKey int32, label string, base *objectRecord) error {
		pt := linkPlaintext(vm.Name, label, snapshotName)
		obj := newPlainObject(pt)
		if base.Key != nil {
			dek, err := kr.unwrapDEK(base)
			if err != nil {
				return fmt.Errorf("%s: %w", label, err)
			}
			defer kcrypto.Wipe(dek)
			ct, err := kcrypto.EncryptSectors(dek, pt)
			if err != nil {
				return fmt.Errorf("%s: %w", label, err)
			}
			obj = objectRecord{Data: ct, SHA256: obj.SHA256, Key: cloneKey(base.Key), WrappedDEK: bytes.Clone(base.WrappedDEK)}
		}
		out = append(out, &linkRecord{DeviceKey: deviceKey, Object: obj})
		return nil
	}
	if err := add(homeLink, "home", &vm.Home); err != nil {
		return nil, err
	}
	for _, d := range vm.Disks {
		if err := add(d.DeviceKey, d.Label, &d.Object); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// keyChainMixed reports whether a link's key differs from its object's:
// a shallow recrypt that did not reach every link.
func keyChainMixed(vm *vmRecord) bool {
	for _, l := range vmLinks(vm) {
		if base := vm.linkBase(l.link.DeviceKey); base != nil && !sameKey(base.Key, l.obj.Key) {
			return true
		}
	}
	return false
}

// checkChainWhole refuses snapshot operations on a mixed chain.
func checkChainWhole(vm *vmRecord) error {
	if keyChainMixed(vm) {
		// keyhost's own rule, from vSphere's advice; wording keyhost's.
		return invalidState(MoRef{TypeVM, vm.ID},
			"The disk chains of virtual machine %s mix an old and a new KEK after an interrupted shallow recrypt. Reissue the shallow recrypt before any snapshot operation.", vm.Name)
	}
	return nil
}

// linksOf returns the links of the object with the given device key, in
// vmLinks order.
func linksOf(vm *vmRecord, deviceKey int32) []*objectRecord {
	var out []*objectRecord
	for _, l := range vmLinks(vm) {
		if l.link.DeviceKey == deviceKey {
			out = append(out, l.obj)
		}
	}
	return out
}
