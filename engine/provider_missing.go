package engine

import "fmt"

// A key reference may name a provider the world does not have: one that was
// deleted while objects still used it, or the provider of a VM registered
// from another vCenter that never imported it. vSphere keeps such objects
// and shows them locked; so does keyhost. Importing the provider (its .p12
// backup) unlocks them, since the key ids they carry derive the same KEKs
// again.

// errProviderMissing is the reason an object's key cannot be fetched: the
// world has no provider of that name.
type errProviderMissing struct{ name string }

func (e *errProviderMissing) Error() string {
	return fmt.Sprintf("key provider %s is missing", e.name)
}

// lockedFault is the fault an operation on a locked object raises. Exact
// vCenter wording UNVERIFIED.
func lockedFault(obj MoRef, subject, provider string) *Fault {
	return invalidState(obj, "Cannot use the keys of %s: key provider %s is missing, so it is locked. Import the key provider (its .p12 backup) to unlock it.", subject, provider)
}

// keyProviderOf returns the provider of an object's key, or lockedFault
// when the world does not have it; callers hold the lock.
func (w *World) keyProviderOf(obj MoRef, subject string, key *KeyRef) (*providerRecord, error) {
	if p, ok := w.providers[key.ProviderID]; ok {
		return p, nil
	}
	return nil, lockedFault(obj, subject, key.ProviderID)
}

// vmLockedBy returns the name of the provider of a key vm's host cannot
// use, and why, or "" when the host holds every key the VM's objects and
// snapshot links need: the provider is missing from the world, a Native
// provider was never pushed to the host (or its TPM lost it), or the host
// lacks a Standard provider's KEK (rebooted while vCenter or the KMS was
// down, or registered when the KMS could not be reached).
func (w *World) vmLockedBy(vm *vmRecord) (provider, reason string) {
	host := w.hosts[vm.Host]
	// The keys in vmObjects order (home, disks), then the links'. Every
	// VM copy asks this of an encrypted VM, so the objects are read in
	// place rather than listed.
	unusable := func(k *KeyRef) bool {
		if k != nil {
			if reason = w.keyUnusableOn(host, *k); reason != "" {
				provider = k.ProviderID
				return true
			}
		}
		return false
	}
	if unusable(vm.Home.Key) {
		return provider, reason
	}
	for _, d := range vm.Disks {
		if unusable(d.Object.Key) {
			return provider, reason
		}
	}
	for _, l := range vmLinks(vm) {
		if unusable(l.obj.Key) {
			return provider, reason
		}
	}
	return "", ""
}

// keyUnusableOn says why host cannot use key k, or "".
func (w *World) keyUnusableOn(host *hostRecord, k KeyRef) string {
	p := w.providers[k.ProviderID]
	if p == nil {
		return (&errProviderMissing{name: k.ProviderID}).Error()
	}
	if host == nil {
		return ""
	}
	switch p.Type {
	case ProviderNative:
		lacks := &errHostLacksProvider{host: host.Name, provider: p.Name, tpmRequired: p.TpmRequired && !host.TPM}
		if lacks.tpmRequired || !host.holds(p) {
			return lacks.Error()
		}
		if host.rt.kdks != nil && host.rt.kdks[p.Name] == nil {
			lacks.bootErr = host.rt.bootErr
			return lacks.Error()
		}
	case ProviderStandard:
		if !host.hasKEK(k) {
			return (&errKeyNotOnHost{host: host.Name, ref: k}).Error()
		}
	}
	return ""
}

// lockedVMFault is the fault of an operation a locked VM cannot do. Exact
// vCenter wording UNVERIFIED.
func lockedVMFault(obj MoRef, vmName, why string) *Fault {
	return invalidState(obj, "Virtual machine %s is locked: %s. Unlock it (Unlock-VM) once its keys are available again.", vmName, why)
}

// referencedProvider reports whether any object or host key refers to a
// provider named name; callers hold the lock.
func (w *World) referencedProvider(name string) bool {
	for _, o := range w.allObjects() {
		if o.obj.Key != nil && o.obj.Key.ProviderID == name {
			return true
		}
	}
	for _, h := range w.st.Hosts {
		if h.CryptoKey != nil && h.CryptoKey.ProviderID == name {
			return true
		}
	}
	for _, c := range w.st.Clusters {
		if v := c.Vsan; v != nil && v.Provider == name {
			return true
		}
	}
	return false
}
