package engine

import (
	"crypto/aes"
	"crypto/cipher"
	"errors"
	"fmt"
	"io"
	"slices"

	kcrypto "github.com/keyhost/keyhost/engine/crypto"
	"github.com/keyhost/keyhost/engine/hosttpm"
)

// vCenter pushes the KDK of every backed-up Native Key Provider to every
// host it may serve: all hosts, but only hosts with a TPM for a provider
// marked TPM-required (the NKP FAQ: "hosts without TPMs will not
// participate in Native Key Provider"). A host keeps what it was pushed in
// its keystore, sealed by its own TPM or in its encrypted configuration,
// and its crypto operations derive KEKs from the copy it unsealed, not
// vCenter's: that is what keeps its VMs running, and powering on after a
// reboot, while vCenter is down.

// Keystore modes, after ESXi's encryption.info "mode".
const (
	KeystoreTPM  = "tpm"
	KeystoreNone = "none"
)

// configAADPrefix binds a configuration-sealed KDK to its host and provider.
const configAADPrefix = "keyhost host configuration v1\x00"

// errHostLacksProvider is why a host cannot derive a Native provider's keys:
// the provider was never pushed to it (TPM-required on a host without a
// TPM, or not backed up), or its TPM lost it.
type errHostLacksProvider struct {
	host, provider string
	tpmRequired    bool
	bootErr        error
}

func (e *errHostLacksProvider) Error() string {
	switch {
	case e.tpmRequired:
		return fmt.Sprintf("key provider %s is restricted to ESXi hosts with a TPM 2.0; host %s has no TPM, so the provider was not pushed to it", e.provider, e.host)
	case e.bootErr != nil:
		return fmt.Sprintf("host %s could not unseal the key derivation key of key provider %s at its last boot (first failure: %v)", e.host, e.provider, e.bootErr)
	}
	return fmt.Sprintf("host %s does not hold key provider %s", e.host, e.provider)
}

// provisionHost gives a new host its keystore and pushes it every provider
// it may hold. Callers hold the write lock.
func (w *World) provisionHost(h *hostRecord) error {
	if h.rt.tpmSeed == nil && h.rt.configKey == nil {
		if err := w.newHostSecrets(h); err != nil {
			return err
		}
	}
	w.attachDevice(h)
	mode := KeystoreNone
	if h.TPM {
		mode = KeystoreTPM
	}
	h.Keystore = &hostKeystore{Mode: mode}
	h.rt.kdks = map[string]SecretBytes{} // booted, holding nothing yet
	var ps []*providerRecord
	for _, p := range w.st.Providers {
		if mayHold(h, p) {
			ps = append(ps, p)
		}
	}
	commit, err := w.sealForHost(h, ps)
	if err != nil {
		return err
	}
	commit()
	return nil
}

// mayHold reports whether vCenter pushes provider p to host h.
func mayHold(h *hostRecord, p *providerRecord) bool {
	return p.Type == ProviderNative && p.BackedUp && len(p.kdk) > 0 && (!p.TpmRequired || h.TPM)
}

// pushProvider pushes a Native provider to every host that may hold it, all
// sealed first and committed together: the returned function cannot fail.
// Hosts that hold it already are skipped.
func (w *World) pushProvider(p *providerRecord) (commit func(), err error) {
	var commits []func()
	for _, h := range w.st.Hosts {
		if !mayHold(h, p) || h.holds(p) {
			continue
		}
		c, err := w.sealForHost(h, []*providerRecord{p})
		if err != nil {
			return nil, fmt.Errorf("push key provider %s to host %s: %w", p.Name, h.Name, err)
		}
		commits = append(commits, c)
	}
	return func() {
		for _, c := range commits {
			c()
		}
	}, nil
}

// remediate is vCenter's periodic remediation (vpxd.KMS.remediationInterval)
// run on demand before an operation: it pushes the Native providers ps to
// those of hosts that may hold them and do not (a provider pushed while a
// host lacked a TPM device, a host that lost it). It is a change of its
// own, kept even if the operation then fails. Callers hold the write lock.
func (w *World) remediate(hosts []*hostRecord, ps ...*providerRecord) error {
	changed := false
	for _, h := range hosts {
		var missing []*providerRecord
		for _, p := range ps {
			if p != nil && mayHold(h, p) && !h.holds(p) && !slices.Contains(missing, p) {
				missing = append(missing, p)
			}
		}
		if len(missing) == 0 || h.Keystore == nil {
			continue
		}
		commit, err := w.sealForHost(h, missing)
		if err != nil {
			return runtimeFault(MoRef{TypeHost, h.ID}, fmt.Errorf("push key providers to host %s: %w", h.Name, err))
		}
		commit()
		changed = true
	}
	if changed {
		w.changed()
	}
	return nil
}

// sealForHost seals the KDKs of ps for h (one TPM session for them all)
// and returns the commit that adds them to h's keystore and memory.
func (w *World) sealForHost(h *hostRecord, ps []*providerRecord) (func(), error) {
	if len(ps) == 0 {
		return func() {}, nil
	}
	entries := make([]*hostProvider, len(ps))
	switch h.Keystore.Mode {
	case KeystoreTPM:
		if h.rt.device == nil {
			return nil, fmt.Errorf("host %s has no TPM device to seal with", h.Name)
		}
		kdks := make([][]byte, len(ps))
		for i, p := range ps {
			kdks[i] = p.kdk
		}
		blobs, err := hosttpm.Seal(h.rt.device, kdks...)
		if err != nil {
			return nil, err
		}
		for i, p := range ps {
			entries[i] = &hostProvider{Name: p.Name, KeyID: p.KeyID, TPM: &blobs[i]}
		}
	default:
		for i, p := range ps {
			sealed, err := sealConfig(h, p.Name, p.KeyID, p.kdk, w.cfg.rand)
			if err != nil {
				return nil, err
			}
			entries[i] = &hostProvider{Name: p.Name, KeyID: p.KeyID, Config: sealed}
		}
	}
	return func() {
		for i, p := range ps {
			h.dropProvider(p.Name)
			h.Keystore.Providers = append(h.Keystore.Providers, entries[i])
			if h.rt.kdks != nil {
				h.rt.kdks[p.Name] = SecretBytes(slices.Clone(p.kdk))
			}
		}
		slices.SortFunc(h.Keystore.Providers, func(a, b *hostProvider) int { return compareStrings(a.Name, b.Name) })
	}, nil
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// holds reports whether the host holds provider p (the same key_id).
func (h *hostRecord) holds(p *providerRecord) bool {
	e := h.keystoreEntry(p.Name)
	return e != nil && e.KeyID == p.KeyID
}

func (h *hostRecord) keystoreEntry(name string) *hostProvider {
	if h.Keystore == nil {
		return nil
	}
	for _, e := range h.Keystore.Providers {
		if e.Name == name {
			return e
		}
	}
	return nil
}

// dropProvider removes a provider from the host's keystore and memory.
func (h *hostRecord) dropProvider(name string) {
	if h.Keystore != nil {
		h.Keystore.Providers = slices.DeleteFunc(h.Keystore.Providers, func(e *hostProvider) bool { return e.Name == name })
	}
	if k, ok := h.rt.kdks[name]; ok {
		kcrypto.Wipe(k)
		delete(h.rt.kdks, name)
	}
}

// unsealKeystore is the host's boot: it unseals every KDK in its keystore
// into memory, all in one TPM session when it can, else one by one so that
// what still opens does. A KDK that does not open (a cleared TPM, damaged
// configuration) is missing from memory, and the first reason is kept in
// rt.bootErr and returned.
func (h *hostRecord) unsealKeystore() error {
	h.rt.kdks = map[string]SecretBytes{}
	h.rt.bootErr = nil
	if h.Keystore == nil {
		return nil
	}
	entries := h.Keystore.Providers
	if h.Keystore.Mode == KeystoreTPM && len(entries) > 1 {
		if kdks, err := h.unsealEntries(entries); err == nil {
			for i, e := range entries {
				h.keepKDK(e, kdks[i])
			}
			return h.rt.bootErr
		}
	}
	for _, e := range entries {
		kdks, err := h.unsealEntries([]*hostProvider{e})
		if err != nil {
			if h.rt.bootErr == nil {
				h.rt.bootErr = fmt.Errorf("key provider %s: %w", e.Name, err)
			}
			continue
		}
		h.keepKDK(e, kdks[0])
	}
	return h.rt.bootErr
}

// unsealEntries unseals some keystore entries (one TPM session).
func (h *hostRecord) unsealEntries(entries []*hostProvider) ([][]byte, error) {
	if h.Keystore.Mode != KeystoreTPM {
		out := make([][]byte, 0, len(entries))
		for _, e := range entries {
			k, err := openConfig(h, e)
			if err != nil {
				return nil, err
			}
			out = append(out, k)
		}
		return out, nil
	}
	if h.rt.device == nil {
		return nil, fmt.Errorf("host %s has no TPM device", h.Name)
	}
	blobs := make([]hosttpm.Blob, len(entries))
	for i, e := range entries {
		if e.TPM == nil {
			return nil, fmt.Errorf("key provider %s is not sealed by the TPM", e.Name)
		}
		blobs[i] = *e.TPM
	}
	return hosttpm.Unseal(h.rt.device, blobs...)
}

// keepKDK puts an unsealed KDK in memory, if it is one.
func (h *hostRecord) keepKDK(e *hostProvider, k []byte) {
	if len(k) != kcrypto.KDKSize {
		kcrypto.Wipe(k)
		if h.rt.bootErr == nil {
			h.rt.bootErr = fmt.Errorf("the key derivation key of %s is %d bytes", e.Name, len(k))
		}
		return
	}
	h.rt.kdks[e.Name] = k
}

// hostKDK returns the host's own copy of a Native provider's KDK,
// unsealing the keystore first if the host has not since it was loaded.
func (h *hostRecord) hostKDK(p *providerRecord) (SecretBytes, error) {
	lacks := &errHostLacksProvider{host: h.Name, provider: p.Name, tpmRequired: p.TpmRequired && !h.TPM}
	if !h.holds(p) {
		return nil, lacks
	}
	if h.rt.kdks == nil {
		if err := h.unsealKeystore(); err != nil {
			lacks.bootErr = err
			return nil, lacks
		}
	}
	k, ok := h.rt.kdks[p.Name]
	if !ok {
		lacks.bootErr = h.rt.bootErr
		return nil, lacks
	}
	return k, nil
}

// configCipher is the AEAD of a host's encrypted configuration.
func configCipher(h *hostRecord) (cipher.AEAD, error) {
	if len(h.rt.configKey) != configKeySize {
		return nil, fmt.Errorf("host %s has no configuration key", h.Name)
	}
	block, err := aes.NewCipher(h.rt.configKey)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}

func configAAD(h *hostRecord, name, keyID string) []byte {
	return []byte(configAADPrefix + h.ID + "\x00" + name + "\x00" + keyID)
}

// sealConfig seals a KDK in the host's encrypted configuration:
// nonce(12) || AES-256-GCM(configKey, kdk), bound to host, provider and
// key_id.
func sealConfig(h *hostRecord, name, keyID string, kdk []byte, r io.Reader) ([]byte, error) {
	aead, err := configCipher(h)
	if err != nil {
		return nil, err
	}
	nonce, err := kcrypto.RandomBytes(r, aead.NonceSize())
	if err != nil {
		return nil, fmt.Errorf("host %s configuration: %w", h.Name, err)
	}
	return aead.Seal(nonce, nonce, kdk, configAAD(h, name, keyID)), nil
}

func openConfig(h *hostRecord, e *hostProvider) ([]byte, error) {
	aead, err := configCipher(h)
	if err != nil {
		return nil, err
	}
	if len(e.Config) < aead.NonceSize()+aead.Overhead() {
		return nil, fmt.Errorf("key provider %s in the configuration of host %s is truncated", e.Name, h.Name)
	}
	n := aead.NonceSize()
	k, err := aead.Open(nil, e.Config[:n], e.Config[n:], configAAD(h, e.Name, e.KeyID))
	if err != nil {
		return nil, fmt.Errorf("key provider %s in the configuration of host %s: %w", e.Name, h.Name, errConfigDamaged)
	}
	return k, nil
}

var errConfigDamaged = errors.New("the encrypted configuration does not open")
