package engine

import (
	"bytes"
	"fmt"

	kcrypto "github.com/keyhost/keyhost/engine/crypto"
)

// CreateNativeKeyProvider adds a Native Key Provider with a fresh random
// 256-bit KDK and key_id. Like vSphere's, it serves no keys until it has been
// backed up (ExportNativeKeyProvider). tpmRequired is vSphere's "use key
// provider only with TPM protected ESXi hosts", which the vSphere Client
// checks by default for a new provider; callers choose it explicitly.
func (w *World) CreateNativeKeyProvider(name string, tpmRequired bool) (KeyProvider, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.requireVCenter("add key provider " + name); err != nil {
		return KeyProvider{}, err
	}
	if err := w.checkNewProvider(name); err != nil {
		return KeyProvider{}, err
	}
	if err := w.checkNameReusable(name); err != nil {
		return KeyProvider{}, err
	}
	p, err := newNativeProvider(name, tpmRequired, w.cfg)
	if err != nil {
		return KeyProvider{}, runtimeFault(MoRef{}, fmt.Errorf("create key provider %s: %w", name, err))
	}
	w.addProvider(p)
	w.changed()
	return w.providerCopy(p), nil
}

func newNativeProvider(name string, tpmRequired bool, cfg config) (*providerRecord, error) {
	keyID, err := kcrypto.NewUUID(cfg.rand)
	if err != nil {
		return nil, err
	}
	kdk, err := kcrypto.NewKDK(cfg.rand)
	if err != nil {
		return nil, err
	}
	return &providerRecord{
		Name: name, Type: ProviderNative, TpmRequired: tpmRequired, KeyID: keyID,
		Created: cfg.now().UTC(), kdk: kdk,
	}, nil
}

// MarkBackedUp records that a Native Key Provider has been backed up, which
// lets it serve keys: vCenter then pushes its KDK to the hosts.
// ExportNativeKeyProvider does this itself once the .p12 is written;
// MarkBackedUp is for inventories and tools that keep the key material
// some other way (NativeKeyMaterial).
func (w *World) MarkBackedUp(name string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	p, err := w.providerLocked(name)
	if err != nil {
		return err
	}
	if p.Type != ProviderNative {
		return providerFault(FaultNotSupported, name, "Key provider %s is not a Native Key Provider; only Native Key Providers are backed up.", name)
	}
	if err := w.requireVCenter("mark key provider " + name + " backed up"); err != nil {
		return err
	}
	return w.markBackedUpLocked(p)
}

// markBackedUpLocked marks p backed up and pushes it to the hosts, both or
// neither; callers hold the write lock.
func (w *World) markBackedUpLocked(p *providerRecord) error {
	if p.BackedUp {
		return nil
	}
	p.BackedUp = true
	commit, err := w.pushProvider(p)
	if err != nil {
		p.BackedUp = false
		return runtimeFault(MoRef{}, err)
	}
	commit()
	w.changed()
	return nil
}

// NativeKeyMaterial is what a Native Key Provider backup carries: the
// provider's name, key_id, TPM constraint and KDK. KDK never prints (see
// SecretBytes), but handle it as the secret it is.
type NativeKeyMaterial struct {
	Name        string
	KeyID       string
	TpmRequired bool
	KDK         SecretBytes
}

// NativeKeyMaterial returns a copy of a Native Key Provider's key material,
// for the backup (.p12 export) code. It does not mark the provider backed up;
// call MarkBackedUp once the backup is safely written.
func (w *World) NativeKeyMaterial(name string) (NativeKeyMaterial, error) {
	w.mu.RLock()
	defer w.mu.RUnlock()
	p, err := w.providerLocked(name)
	if err != nil {
		return NativeKeyMaterial{}, err
	}
	if p.Type != ProviderNative {
		return NativeKeyMaterial{}, providerFault(FaultNotSupported, name, "Key provider %s is not a Native Key Provider and cannot be exported.", name)
	}
	return NativeKeyMaterial{Name: p.Name, KeyID: p.KeyID, TpmRequired: p.TpmRequired, KDK: bytes.Clone(p.kdk)}, nil
}

// ImportNativeKeyProvider adds a Native Key Provider from backed-up key
// material (restore, or the same provider in a second vCenter). Keys it
// derives match those of the exported provider. It counts as backed up,
// since a backup of it exists. Like ImportNativeKeyProviderBackup it refuses
// key material that does not open the objects locked waiting for a
// provider of that name.
func (w *World) ImportNativeKeyProvider(m NativeKeyMaterial) (KeyProvider, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.requireVCenter("import key provider " + m.Name); err != nil {
		return KeyProvider{}, err
	}
	if err := w.checkNewProvider(m.Name); err != nil {
		return KeyProvider{}, err
	}
	if len(m.KDK) != kcrypto.KDKSize {
		return KeyProvider{}, providerFault(FaultInvalidArgument, m.Name, "The key derivation key of key provider %s is %d bytes; it must be %d.", m.Name, len(m.KDK), kcrypto.KDKSize)
	}
	if _, err := kcrypto.ParseUUID(m.KeyID); err != nil {
		return KeyProvider{}, providerFault(FaultInvalidArgument, m.Name, "The key id of key provider %s is not a UUID: %v", m.Name, err)
	}
	p := &providerRecord{
		Name: m.Name, Type: ProviderNative, TpmRequired: m.TpmRequired, KeyID: m.KeyID, BackedUp: true,
		Created: w.cfg.now().UTC(), kdk: bytes.Clone(m.KDK),
	}
	if _, err := w.checkOpensLocked(p); err != nil {
		return KeyProvider{}, err
	}
	commit, err := w.pushProvider(p)
	if err != nil {
		return KeyProvider{}, runtimeFault(MoRef{}, err)
	}
	w.addProvider(p)
	commit()
	w.changed()
	return w.providerCopy(p), nil
}

// nativeKEK derives the KEK for keyID from a Native provider's KDK.
func nativeKEK(p *providerRecord, keyID string) ([]byte, error) {
	return kcrypto.DeriveNativeKEK(p.kdk, p.KeyID, keyID)
}
