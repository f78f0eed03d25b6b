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

// vmLockedBy returns the name of a provider one of vm's keys needs and the
// world lacks, or "" when every key's provider is there.
func (w *World) vmLockedBy(vm *vmRecord) string {
	for _, o := range vmObjects(vm) {
		if k := o.obj.Key; k != nil && w.providers[k.ProviderID] == nil {
			return k.ProviderID
		}
	}
	return ""
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
