package engine

import "fmt"

// CreateStandardKeyProvider adds a Standard key provider. Its keys come from
// a KMS: the in-process one persisted in the state file, or the KMS given for
// this name with WithKMS.
func (w *World) CreateStandardKeyProvider(name string) (KeyProvider, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.checkNewProvider(name); err != nil {
		return KeyProvider{}, err
	}
	if err := w.checkNameReusable(name); err != nil {
		return KeyProvider{}, err
	}
	p := &providerRecord{Name: name, Type: ProviderStandard, Created: w.cfg.now().UTC()}
	w.attachKMS(p, newLocalKMS(w.cfg.rand))
	w.addProvider(p)
	w.changed()
	return w.providerCopy(p), nil
}

// attachKMS gives a Standard provider its local KMS and picks what serves its
// keys: a WithKMS override when one was configured, else the local KMS.
func (w *World) attachKMS(p *providerRecord, local *localKMS) {
	p.local = local
	p.kms = local
	if k, ok := w.cfg.kms[p.Name]; ok && k != nil {
		p.kms = k
	}
}

// standardKEK fetches a KEK from the provider's KMS and checks its size, since
// an external KMS is not trusted to return an AES-256 key.
func standardKEK(p *providerRecord, keyID string) ([]byte, error) {
	k, err := p.kms.GetKey(keyID)
	if err != nil {
		return nil, fmt.Errorf("key provider %s: %w", p.Name, err)
	}
	if len(k) != 32 {
		return nil, fmt.Errorf("key provider %s returned a %d-byte key for %s, want 32", p.Name, len(k), keyID)
	}
	return k, nil
}
