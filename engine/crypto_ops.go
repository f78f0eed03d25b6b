package engine

import (
	"fmt"
	"slices"
)

// CryptoOp is what a reconfiguration does to one object (the VM home or one
// disk), after vSphere's CryptoSpec subtypes.
type CryptoOp int

// Crypto operations.
const (
	// CryptoNoOp leaves the object as it is (CryptoSpecNoOp).
	CryptoNoOp CryptoOp = iota
	// CryptoEncrypt encrypts a plaintext object (CryptoSpecEncrypt).
	CryptoEncrypt
	// CryptoDecrypt decrypts an encrypted object (CryptoSpecDecrypt).
	CryptoDecrypt
	// CryptoShallowRecrypt re-wraps the object's DEK with a new KEK, possibly
	// from another provider; the data is untouched (CryptoSpecShallowRecrypt).
	CryptoShallowRecrypt
	// CryptoDeepRecrypt replaces the DEK and the KEK and re-encrypts the data
	// (CryptoSpecDeepRecrypt).
	CryptoDeepRecrypt
)

// String returns the op's name.
func (o CryptoOp) String() string {
	switch o {
	case CryptoNoOp:
		return "NoOp"
	case CryptoEncrypt:
		return "Encrypt"
	case CryptoDecrypt:
		return "Decrypt"
	case CryptoShallowRecrypt:
		return "ShallowRecrypt"
	case CryptoDeepRecrypt:
		return "DeepRecrypt"
	}
	return fmt.Sprintf("CryptoOp(%d)", int(o))
}

func (o CryptoOp) valid() bool { return o >= CryptoNoOp && o <= CryptoDeepRecrypt }

// needsKey reports whether the op needs a new KEK.
func (o CryptoOp) needsKey() bool {
	return o == CryptoEncrypt || o == CryptoShallowRecrypt || o == CryptoDeepRecrypt
}

// verb is how messages name the op.
func (o CryptoOp) verb() string {
	switch o {
	case CryptoEncrypt:
		return "encrypt"
	case CryptoDecrypt:
		return "decrypt"
	case CryptoShallowRecrypt:
		return "shallow recrypt"
	case CryptoDeepRecrypt:
		return "deep recrypt"
	}
	return "reconfigure"
}

// CryptoChange is one crypto reconfiguration of a VM, modelled on
// ReconfigVM_Task with a CryptoSpec on the VM and on each disk.
type CryptoChange struct {
	// Home is the op for the VM home (configuration, NVRAM, vTPM state).
	Home CryptoOp
	// Disks maps a disk's device key to its op; disks not listed get NoOp.
	Disks map[int32]CryptoOp
	// Provider names the key provider of the new key; "" means the VM's
	// default (its cluster's default provider, else the system default).
	Provider string
}

// objectChange is one object an operation touches.
type objectChange struct {
	op        CryptoOp
	obj       *objectRecord
	label     string // "home" or the disk label, for messages and inspection
	disk      bool
	deviceKey int32 // the disk's device key; homeLink for the home
}

// ReconfigureCrypto applies change to a VM: all objects or none. One new KEK
// is minted per operation and shared by every object the operation encrypts
// or recrypts, so the home's and the disks' key ids then match (as in
// vSphere). A change with nothing but NoOps succeeds without changing anything.
func (w *World) ReconfigureCrypto(vmID string, change CryptoChange) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	vm, err := w.vmLocked(vmID)
	if err != nil {
		return err
	}
	if err := w.requireVCenter("reconfigure virtual machine " + vm.Name); err != nil {
		return err
	}
	plan, err := w.planVMCrypto(vm, change)
	if err != nil || len(plan) == 0 {
		return err
	}
	return w.applyVMCrypto(vm, plan, change.Provider)
}

// planVMCrypto checks vSphere's preconditions and returns the objects to change.
func (w *World) planVMCrypto(vm *vmRecord, ch CryptoChange) ([]objectChange, error) {
	ref := MoRef{TypeVM, vm.ID}
	if !ch.Home.valid() {
		return nil, invalidArgument(ref, "Invalid crypto operation %v for the home of virtual machine %s.", ch.Home, vm.Name)
	}
	keys := make([]int32, 0, len(ch.Disks))
	for k := range ch.Disks {
		keys = append(keys, k)
	}
	slices.Sort(keys) // deterministic: report the lowest bad device key
	for _, k := range keys {
		if !ch.Disks[k].valid() {
			return nil, invalidArgument(ref, "Invalid crypto operation %v for the disk with device key %d of virtual machine %s.", ch.Disks[k], k, vm.Name)
		}
		if !slices.ContainsFunc(vm.Disks, func(d *diskRecord) bool { return d.DeviceKey == k }) {
			return nil, invalidArgument(ref, "Virtual machine %s has no virtual disk with device key %d.", vm.Name, k)
		}
	}

	var plan []objectChange
	if ch.Home != CryptoNoOp {
		plan = append(plan, objectChange{op: ch.Home, obj: &vm.Home, label: "home", deviceKey: homeLink})
	}
	for _, d := range vm.Disks {
		if op := ch.Disks[d.DeviceKey]; op != CryptoNoOp {
			plan = append(plan, objectChange{op: op, obj: &d.Object, label: d.Label, disk: true, deviceKey: d.DeviceKey})
		}
	}
	if len(plan) == 0 {
		return nil, nil
	}
	if vm.Template {
		// Exact vCenter wording UNVERIFIED.
		return nil, notSupported(ref, "Virtual machine %s is a template. Convert it to a virtual machine before changing its encryption.", vm.Name)
	}
	for _, c := range plan {
		if err := checkObjectOp(vm, c); err != nil {
			return nil, err
		}
	}
	return plan, checkCrossObject(vm, ch)
}

// subject names an object in messages: "virtual machine web01" or
// "Hard disk 1 of virtual machine web01".
func subject(vm *vmRecord, c objectChange) string {
	if c.disk {
		return c.label + " of virtual machine " + vm.Name
	}
	return "virtual machine " + vm.Name
}

// checkObjectOp applies the per-object preconditions (powercli.md §8). Exact
// vCenter wording of every message but InvalidPowerState's is UNVERIFIED.
func checkObjectOp(vm *vmRecord, c objectChange) error {
	ref := MoRef{TypeVM, vm.ID}
	switch c.op {
	case CryptoEncrypt, CryptoDecrypt, CryptoDeepRecrypt:
		if vm.PowerState != PoweredOff {
			return invalidPowerState(ref, vm.PowerState)
		}
		if len(vm.Snapshots) > 0 {
			return invalidState(ref, "Cannot %s %s because the virtual machine has snapshots. Remove all snapshots first.", c.op.verb(), subject(vm, c))
		}
	case CryptoShallowRecrypt:
		if vm.LinkedClone {
			return notSupported(ref, "Cannot shallow recrypt %s: shallow recrypt is not supported on a linked clone.", subject(vm, c))
		}
		if why := snapshotBranching(vm); why != "" {
			return invalidState(ref, "Cannot shallow recrypt %s: shallow recrypt is supported only on a single snapshot branch, and %s.", subject(vm, c), why)
		}
	}
	encrypted := c.obj.Key != nil
	if c.op == CryptoEncrypt && encrypted {
		return invalidState(ref, "Cannot encrypt %s because it is already encrypted.", subject(vm, c))
	}
	if c.op != CryptoEncrypt && !encrypted {
		return invalidState(ref, "Cannot %s %s because it is not encrypted.", c.op.verb(), subject(vm, c))
	}
	return nil
}

// checkCrossObject applies the rules that tie disks to the home: an encrypted
// disk needs an encrypted home, and the home stays encrypted while a disk or
// a vTPM needs it.
func checkCrossObject(vm *vmRecord, ch CryptoChange) error {
	ref := MoRef{TypeVM, vm.ID}
	homeAfter := encryptedAfter(vm.Home.Key != nil, ch.Home)
	for _, d := range vm.Disks {
		op := ch.Disks[d.DeviceKey]
		if op == CryptoEncrypt && !homeAfter {
			return invalidState(ref, "Cannot encrypt %s of virtual machine %s because the virtual machine home is not encrypted. Encrypt the virtual machine as well.", d.Label, vm.Name)
		}
		if ch.Home == CryptoDecrypt && encryptedAfter(d.Object.Key != nil, op) {
			return invalidState(ref, "Cannot decrypt virtual machine %s while %s remains encrypted. Decrypt its disks as well.", vm.Name, d.Label)
		}
	}
	if ch.Home == CryptoDecrypt && vm.VTPM {
		return invalidState(ref, "Cannot decrypt virtual machine %s because it has a virtual TPM, which requires encryption. Remove the vTPM first.", vm.Name)
	}
	return nil
}

func encryptedAfter(now bool, op CryptoOp) bool {
	switch op {
	case CryptoEncrypt:
		return true
	case CryptoDecrypt:
		return false
	}
	return now
}

// snapshotBranching returns "" when the snapshots form a single chain, or why
// they do not. The running state counts as a branch below the current
// snapshot (its delta disk hangs there), so a current snapshot that has
// children is a branch point too.
func snapshotBranching(vm *vmRecord) string {
	if len(vm.Snapshots) > 1 {
		return fmt.Sprintf("the virtual machine has %d root snapshots", len(vm.Snapshots))
	}
	var walk func([]*snapshotRecord) string
	walk = func(list []*snapshotRecord) string {
		for _, s := range list {
			n := len(s.Children)
			if s.ID == vm.CurrentSnapshot {
				n++
			}
			if n > 1 {
				return fmt.Sprintf("snapshot '%s' has %d branches", s.Name, n)
			}
			if why := walk(s.Children); why != "" {
				return why
			}
		}
		return ""
	}
	return walk(vm.Snapshots)
}

// applyVMCrypto computes every new object (and snapshot link) first and
// commits only when all succeeded, so a failure leaves the VM, its keys,
// the KMS and the hosts' key caches as they were. The one exception is a
// shallow recrypt interrupted part-way through the disk chains
// (FaultShallowRecryptLink): the links rewrapped so far keep the new KEK,
// as in vSphere, and the VM's chains mix KEKs until the shallow recrypt is
// reissued.
//
// The work is the host's: it opens objects with its own copies of the
// keys (its unsealed KDKs) and derives new Native keys itself; vCenter
// sends it the Standard providers' KEKs, fetched from the KMS.
func (w *World) applyVMCrypto(vm *vmRecord, plan []objectChange, provider string) error {
	ref := MoRef{TypeVM, vm.ID}
	host := w.hosts[vm.Host]
	prepare, err := checkHostTakesKeys(host)
	if err != nil {
		return err
	}
	kr := w.hostKeyring(host, true)
	defer kr.close()

	// Every provider involved must be able to serve this host: the current
	// keys' providers (of the objects and of their links) to open them, the
	// new key's to seal them. All checks run before a key is minted, so a
	// refused operation costs no key.
	chains := make([][]*objectRecord, len(plan))
	for i, c := range plan {
		chains[i] = linksOf(vm, c.deviceKey)
		if c.op == CryptoEncrypt {
			continue
		}
		for _, o := range append([]*objectRecord{c.obj}, chains[i]...) {
			if o.Key == nil {
				continue
			}
			p, err := w.keyProviderOf(ref, subject(vm, c), o.Key)
			if err != nil {
				return err
			}
			if err := w.remediate([]*hostRecord{host}, p); err != nil {
				return err
			}
			if err := checkServe(p, host); err != nil {
				return err
			}
		}
	}
	var nk *newKey
	if slices.ContainsFunc(plan, func(c objectChange) bool { return c.op.needsKey() }) {
		p, err := w.resolveProvider(provider, host.Cluster, ref, "virtual machine "+vm.Name)
		if err != nil {
			return err
		}
		if err := w.remediate([]*hostRecord{host}, p); err != nil {
			return err
		}
		if err := checkServe(p, host); err != nil {
			return err
		}
		if nk, err = kr.mint(p); err != nil {
			return runtimeFault(ref, fmt.Errorf("reconfigure %s: %w", vm.Name, err))
		}
	}

	// The steps in the order the chains are rewritten: the objects, then
	// their links from the newest snapshot to the oldest.
	type step struct {
		obj    *objectRecord
		result objectRecord
	}
	var bases, links []step
	linkResult := map[*objectRecord]objectRecord{}
	for i, c := range plan {
		r, lr, err := kr.applyChain(c.op, c.obj, chains[i], nk)
		if err != nil {
			return runtimeFault(ref, fmt.Errorf("%s %s of %s: %w", c.op.verb(), c.label, vm.Name, err))
		}
		bases = append(bases, step{c.obj, r})
		for j, l := range chains[i] {
			linkResult[l] = lr[j]
		}
	}
	for _, l := range vmLinks(vm) {
		if r, ok := linkResult[l.obj]; ok {
			links = append(links, step{l.obj, r})
		}
	}
	steps := append(bases, links...)
	limit := len(steps)
	if slices.ContainsFunc(plan, func(c objectChange) bool { return c.op == CryptoShallowRecrypt }) {
		if after, armed := w.fire(FaultShallowRecryptLink); armed && after < len(steps) {
			limit = after
		}
	}
	interrupted := limit < len(steps)
	if interrupted && limit == 0 {
		return runtimeFault(ref, fmt.Errorf("shallow recrypt of %s: %w", vm.Name, &errInjected{point: FaultShallowRecryptLink}))
	}

	// Commit: nothing below can fail.
	kr.commit()
	var replaced []KeyRef
	for _, s := range steps[:limit] {
		replaced = append(replaced, keyRefsOf(s.obj)...)
		*s.obj = s.result
	}
	if prepare {
		prepareHost(host)
	}
	w.dropUnusedKEKs(host.Cluster, replaced)
	w.changed()
	if interrupted {
		cause := &errInjected{point: FaultShallowRecryptLink, after: limit}
		return &Fault{Name: FaultRuntime, Object: ref.String(), Err: cause, Message: fmt.Sprintf(
			"A general system error occurred: the shallow recrypt of %s stopped after %d of %d links of its disk chains (%v). The rewrapped links use the new KEK, the others the old one: the virtual machine opens with both. Reissue the shallow recrypt before any snapshot operation.",
			vm.Name, limit, len(steps), cause)}
	}
	return nil
}
