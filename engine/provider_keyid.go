package engine

import kcrypto "github.com/keyhost/keyhost/engine/crypto"

// SetNativeKeyProviderKeyID gives a Native Key Provider a new key_id
// (Set-KeyProvider -KeyId). In keyhost, as in vSphere's NKP, every KEK is
// derived from the KDK and the key_id, so objects encrypted under the old
// key_id would no longer open: keyhost refuses the change while anything
// depends on the provider (best reading: vSphere's own rule is not
// published). The provider then needs a new backup, since a backup holds
// the key_id, and the hosts drop the copy they hold until it is pushed
// again after that backup.
func (w *World) SetNativeKeyProviderKeyID(name, keyID string) (KeyProvider, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.requireVCenter("change the key id of key provider " + name); err != nil {
		return KeyProvider{}, err
	}
	p, err := w.providerLocked(name)
	if err != nil {
		return KeyProvider{}, err
	}
	if p.Type != ProviderNative {
		return KeyProvider{}, providerFault(FaultNotSupported, name, "Key provider %s is not a Native Key Provider; only a Native Key Provider has a key id.", name)
	}
	if _, err := kcrypto.ParseUUID(keyID); err != nil {
		return KeyProvider{}, providerFault(FaultInvalidArgument, name, "'%s' is not a valid key id: %v", keyID, err)
	}
	if keyID == p.KeyID {
		return w.providerCopy(p), nil
	}
	if d := w.dependenciesLocked(name); d.InUse() {
		return KeyProvider{}, providerFault(FaultInUse, name, "Key provider %s is in use by %s; its key id cannot change while keys derived from it are in use.", name, d.Summary())
	}
	p.KeyID = keyID
	p.BackedUp = false
	for _, h := range w.st.Hosts {
		h.dropProvider(name)
	}
	w.changed()
	return w.providerCopy(p), nil
}
