package engine

import (
	"errors"
	"fmt"

	"github.com/keyhost/keyhost/engine/kmip"
)

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
	if err := w.requireVCenter("add key provider " + name); err != nil {
		return KeyProvider{}, err
	}
	p := &providerRecord{Name: name, Type: ProviderStandard, Created: w.cfg.now().UTC()}
	if err := w.attachKMS(p, newLocalKMS(w.cfg.rand)); err != nil {
		return KeyProvider{}, runtimeFault(MoRef{}, fmt.Errorf("add key provider %s: %w", name, err))
	}
	w.addProvider(p)
	w.changed()
	return w.providerCopy(p), nil
}

// attachKMS gives a Standard provider its local KMS and picks what serves its
// keys: a WithKMS override when one was configured, else with
// WithEmbeddedKMIP an embedded KMIP server seeded with the local KMS's
// keys, else the local KMS itself.
func (w *World) attachKMS(p *providerRecord, local *localKMS) error {
	p.local, p.kms, p.embedded = local, local, nil
	if k, ok := w.cfg.kms[p.Name]; ok && k != nil {
		p.kms = k
		return nil
	}
	if !w.cfg.embeddedKMIP {
		return nil
	}
	e, err := StartEmbeddedKMIP(kmip.ServerConfig{Objects: KMIPObjectsFromKeys(local.keys, w.cfg.now().UTC()), Now: w.cfg.now})
	if err != nil {
		return fmt.Errorf("start the embedded KMIP server of key provider %s: %w", p.Name, err)
	}
	p.embedded, p.kms = e, e
	return nil
}

// keysInState reports whether the provider's keys live in the state file
// (its local KMS, or the embedded KMIP server seeded from it) rather than
// in an external KMS.
func (p *providerRecord) keysInState() bool {
	return p.kms == p.local || (p.embedded != nil && p.kms == KMS(p.embedded))
}

// stateKeys returns the keys the state file keeps for a Standard provider:
// the embedded server's, else the local KMS's.
func (p *providerRecord) stateKeys() map[string]SecretBytes {
	if p.embedded == nil {
		return p.local.keys
	}
	out := map[string]SecretBytes{}
	for id, k := range p.embedded.Keys() {
		out[id] = k
	}
	return out
}

// closeKMS shuts down an embedded KMIP server (a provider that leaves the
// world, or the world closing).
func (p *providerRecord) closeKMS() error {
	if p.embedded == nil {
		return nil
	}
	return p.embedded.Close()
}

// Close releases what the world runs besides its state: it waits for vSAN
// tasks still running and shuts down the embedded KMIP servers
// (WithEmbeddedKMIP). The world must not be used afterwards, except to
// read and Save it. Closing twice is harmless.
func (w *World) Close() error {
	w.tasks.Wait()
	w.mu.Lock()
	defer w.mu.Unlock()
	var errs []error
	for _, p := range w.st.Providers {
		if err := p.closeKMS(); err != nil {
			errs = append(errs, fmt.Errorf("key provider %s: %w", p.Name, err))
		}
	}
	return errors.Join(errs...)
}

// fetchKEK fetches a KEK from the provider's KMS, as vCenter does, and
// checks its size, since an external KMS is not trusted to return an
// AES-256 key.
func fetchKEK(p *providerRecord, keyID string) ([]byte, error) {
	if p.unreachable {
		return nil, unreachableError(p)
	}
	k, err := p.kms.GetKey(keyID)
	if err != nil {
		return nil, fmt.Errorf("key provider %s: %w", p.Name, kmsError(err))
	}
	if len(k) != 32 {
		return nil, fmt.Errorf("key provider %s returned a %d-byte key for %s, want 32", p.Name, len(k), keyID)
	}
	return k, nil
}
