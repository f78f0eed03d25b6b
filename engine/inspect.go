package engine

import (
	kcrypto "github.com/keyhost/keyhost/engine/crypto"
)

// ObjectCrypto describes the cryptographic state of one object for tests and
// tools. It shows fingerprints and hashes (hex SHA-256), never keys.
type ObjectCrypto struct {
	Kind ObjectKind
	// Owner is the VM or (for disk groups) the cluster.
	Owner     MoRef
	OwnerName string
	// Object is "home", the disk label ("Hard disk 1") or "disk group HOST".
	Object string
	// Name is OwnerName + " " + Object, as in VerifyReport.
	Name      string
	DeviceKey int32 // disks only
	Size      int   // bytes of data
	Encrypted bool
	// ProviderID and KeyID name the KEK (empty when not encrypted).
	ProviderID string
	KeyID      string
	// DEKFingerprint is the SHA-256 of the unwrapped DEK ("" when not
	// encrypted or when the DEK cannot be unwrapped; Error then says why).
	DEKFingerprint string
	// WrappedDEKHash is the SHA-256 of the wrapped DEK blob.
	WrappedDEKHash string
	// CiphertextHash is the SHA-256 of the stored ciphertext ("" when not encrypted).
	CiphertextHash string
	// PlaintextHash is the recorded SHA-256 of the plaintext.
	PlaintextHash string
	Error         string
}

// CryptoObjects lists every object: each VM's home and disks in inventory
// order, then each cluster's vSAN disk groups.
func (w *World) CryptoObjects() []ObjectCrypto {
	w.mu.RLock()
	defer w.mu.RUnlock()
	return w.describe(w.allObjects())
}

// VMCryptoObjects lists one VM's home and disks.
func (w *World) VMCryptoObjects(vmID string) ([]ObjectCrypto, error) {
	w.mu.RLock()
	defer w.mu.RUnlock()
	vm, err := w.vmLocked(vmID)
	if err != nil {
		return nil, err
	}
	return w.describe(vmObjects(vm)), nil
}

// VsanCryptoObjects lists one cluster's vSAN disk groups.
func (w *World) VsanCryptoObjects(clusterID string) ([]ObjectCrypto, error) {
	w.mu.RLock()
	defer w.mu.RUnlock()
	c, err := w.clusterLocked(clusterID)
	if err != nil {
		return nil, err
	}
	return w.describe(w.vsanObjects(c)), nil
}

func (w *World) describe(objs []objectRef) []ObjectCrypto {
	kr := w.newKeyring()
	defer kr.close()
	out := make([]ObjectCrypto, len(objs))
	for i, o := range objs {
		d := ObjectCrypto{
			Kind: o.kind, Owner: o.owner, OwnerName: o.ownerName, Object: o.label, Name: o.name(),
			DeviceKey: o.deviceKey, Size: len(o.obj.Data), PlaintextHash: o.obj.SHA256,
		}
		if k := o.obj.Key; k != nil {
			d.Encrypted, d.ProviderID, d.KeyID = true, k.ProviderID, k.KeyID
			d.WrappedDEKHash = kcrypto.Fingerprint(o.obj.WrappedDEK)
			d.CiphertextHash = kcrypto.Fingerprint(o.obj.Data)
			if dek, err := kr.unwrapDEK(o.obj); err != nil {
				d.Error = err.Error()
			} else {
				d.DEKFingerprint = kcrypto.Fingerprint(dek)
				kcrypto.Wipe(dek)
			}
		}
		out[i] = d
	}
	return out
}

// SnapshotLinks lists one VM's snapshot links (Kind ObjectSnapshotLink;
// Object is "Hard disk 1 @ snapshot 'pre-upgrade'"), newest snapshot first.
func (w *World) SnapshotLinks(vmID string) ([]ObjectCrypto, error) {
	w.mu.RLock()
	defer w.mu.RUnlock()
	vm, err := w.vmLocked(vmID)
	if err != nil {
		return nil, err
	}
	var refs []objectRef
	for _, l := range vmLinks(vm) {
		refs = append(refs, objectRef{kind: ObjectSnapshotLink, owner: MoRef{TypeVM, vm.ID}, ownerName: vm.Name,
			label: l.label + " @ snapshot '" + l.snapshot.Name + "'", deviceKey: l.link.DeviceKey, obj: l.obj})
	}
	return w.describe(refs), nil
}
