package engine

import (
	"fmt"
	"strings"
	"time"
	"unicode"
)

// ProviderType is the kind of a key provider.
type ProviderType string

// Key provider types. PowerCLI shows Native as "NativeKeyProvider" and
// Standard as "KeyProvider"; that mapping is the cmdlet layer's.
const (
	ProviderNative   ProviderType = "Native"
	ProviderStandard ProviderType = "Standard"
)

// MaxKeyProviders is the most key providers one vCenter may have.
const MaxKeyProviders = 32

// Health values of a key provider.
const HealthOK = "OK"

// KeyProvider is a copy of one key provider. Its Name is also its id: vSphere
// stores the name as KeyProviderId.Id in every CryptoKeyId.
type KeyProvider struct {
	Name string
	Type ProviderType
	// TpmRequired (Native) restricts the provider to hosts with a TPM 2.0.
	TpmRequired bool
	// BackedUp (Native) reports that the KDK has been exported; until then the
	// provider serves no keys. Always true for Standard providers.
	BackedUp bool
	// KeyID (Native) is the provider's key_id UUID.
	KeyID string
	// DefaultForSystem reports the vCenter-wide default provider.
	DefaultForSystem bool
	// DefaultForClusters lists the ids of clusters whose default this is.
	DefaultForClusters []string
	// Health is HealthOK or the reason the provider cannot serve keys
	// ("Key provider NAME requires backup.").
	Health  string
	Created time.Time
}

// ID returns the provider's id, which is its name.
func (p KeyProvider) ID() string { return p.Name }

// KeyProviders returns all key providers in creation order.
func (w *World) KeyProviders() []KeyProvider {
	w.mu.RLock()
	defer w.mu.RUnlock()
	out := make([]KeyProvider, 0, len(w.st.Providers))
	for _, p := range w.st.Providers {
		out = append(out, w.providerCopy(p))
	}
	return out
}

// KeyProvidersWhere returns the key providers whose names keep accepts, in
// order, copying only those (a cmdlet resolving -KeyProvider for each of
// thousands of VMs wants one).
func (w *World) KeyProvidersWhere(keep func(name string) bool) []KeyProvider {
	w.mu.RLock()
	defer w.mu.RUnlock()
	var out []KeyProvider
	for _, p := range w.st.Providers {
		if keep(p.Name) {
			out = append(out, w.providerCopy(p))
		}
	}
	return out
}

// KeyProvider returns one key provider by name.
func (w *World) KeyProvider(name string) (KeyProvider, error) {
	w.mu.RLock()
	defer w.mu.RUnlock()
	p, err := w.providerLocked(name)
	if err != nil {
		return KeyProvider{}, err
	}
	return w.providerCopy(p), nil
}

func (w *World) providerCopy(p *providerRecord) KeyProvider {
	out := KeyProvider{
		Name:             p.Name,
		Type:             p.Type,
		TpmRequired:      p.TpmRequired,
		BackedUp:         p.BackedUp || p.Type == ProviderStandard,
		KeyID:            p.KeyID,
		DefaultForSystem: w.st.DefaultProvider == p.Name,
		Health:           HealthOK,
		Created:          p.Created,
	}
	for _, c := range w.st.Clusters {
		if c.DefaultKeyProvider == p.Name {
			out.DefaultForClusters = append(out.DefaultForClusters, c.ID)
		}
	}
	if f := backupFault(p); f != nil {
		out.Health = f.Message
	}
	return out
}

// DefaultKeyProvider returns the name of the system default key provider, or "".
func (w *World) DefaultKeyProvider() string {
	w.mu.RLock()
	defer w.mu.RUnlock()
	return w.st.DefaultProvider
}

// SetDefaultKeyProvider makes name the system default key provider; "" clears it.
func (w *World) SetDefaultKeyProvider(name string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.requireVCenter("set the default key provider"); err != nil {
		return err
	}
	if name != "" {
		if _, err := w.providerLocked(name); err != nil {
			return err
		}
	}
	if w.st.DefaultProvider != name {
		w.st.DefaultProvider = name
		w.changed()
	}
	return nil
}

// SetClusterDefaultKeyProvider makes name the default key provider of a
// cluster (vSphere 8.0.1+); "" clears it so the system default applies.
func (w *World) SetClusterDefaultKeyProvider(clusterID, name string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	c, err := w.clusterLocked(clusterID)
	if err != nil {
		return err
	}
	if err := w.requireVCenter("set the default key provider of cluster " + c.Name); err != nil {
		return err
	}
	if name != "" {
		if _, err := w.providerLocked(name); err != nil {
			return err
		}
	}
	if c.DefaultKeyProvider != name {
		c.DefaultKeyProvider = name
		w.changed()
	}
	return nil
}

// resolveProvider returns the named provider or, for "", the default that
// applies in the cluster: the cluster's own default, else the system default.
func (w *World) resolveProvider(name, clusterID string, obj MoRef, objName string) (*providerRecord, error) {
	if name != "" {
		return w.providerLocked(name)
	}
	c := w.clusters[clusterID]
	if c != nil && c.DefaultKeyProvider != "" {
		return w.providerLocked(c.DefaultKeyProvider)
	}
	if w.st.DefaultProvider != "" {
		return w.providerLocked(w.st.DefaultProvider)
	}
	clusterName := clusterID
	if c != nil {
		clusterName = c.Name
	}
	// Exact vCenter wording UNVERIFIED.
	return nil, newFault(FaultRuntime, obj,
		"No default key provider is configured for %s: cluster %s has no default key provider and vCenter %s has no system default.",
		objName, clusterName, w.st.VCenter.Name)
}

// backupFault is vSphere's rule that a Native Key Provider must be backed up
// before it can be used. The message is vSphere's real text (the NKP health
// detail com.vmware.vim.vpxd.encryption.keyProviderNotBackedUp).
func backupFault(p *providerRecord) *Fault {
	if p.Type == ProviderNative && !p.BackedUp {
		return providerFault(FaultInvalidState, p.Name, "Key provider %s requires backup.", p.Name)
	}
	return nil
}

// checkServe reports whether provider p may serve keys to each of hosts. A
// Native provider must be backed up (vSphere's backup-before-use rule) and
// pushed to the host: vCenter pushes it to every host but, for a provider
// restricted to TPM-protected hosts, those without a TPM, and a host works
// with the copy it holds. A Standard provider's keys reach hosts through
// vCenter, which fetches them from the KMS when an operation needs them.
func checkServe(p *providerRecord, hosts ...*hostRecord) error {
	if f := backupFault(p); f != nil {
		return f
	}
	if p.Type != ProviderNative {
		return nil
	}
	for _, h := range hosts {
		if p.TpmRequired && !h.TPM {
			// Exact vCenter wording UNVERIFIED.
			return providerFault(FaultInvalidState, p.Name,
				"Key provider %s is restricted to ESXi hosts with a TPM 2.0; host %s has no TPM, so the provider cannot serve keys to it.",
				p.Name, h.Name)
		}
		if h.holds(p) {
			continue
		}
		// Exact vCenter wording UNVERIFIED.
		return providerFault(FaultInvalidState, p.Name,
			"Key provider %s is not available on host %s: the host does not hold its key derivation key.", p.Name, h.Name)
	}
	return nil
}

// checkNewProvider validates a new provider's name against the 32-provider
// limit and name uniqueness.
func (w *World) checkNewProvider(name string) error {
	if msg := invalidProviderName(name); msg != "" {
		return &Fault{Name: FaultInvalidArgument, Object: name, Message: msg}
	}
	if _, dup := w.providers[name]; dup {
		return providerFault(FaultAlreadyExists, name, "A key provider named %s already exists.", name)
	}
	if len(w.st.Providers) >= MaxKeyProviders {
		return providerFault(FaultInvalidState, name,
			"Cannot add key provider %s: vCenter %s already has %d key providers, the maximum.", name, w.st.VCenter.Name, MaxKeyProviders)
	}
	return nil
}

// checkNameReusable refuses a NEW provider (not an import) whose name
// objects still use for a provider the world no longer has: a new provider
// could never open them, and it would take the name that the import of the
// right backup needs.
func (w *World) checkNameReusable(name string) error {
	if _, live := w.providers[name]; live || !w.referencedProvider(name) {
		return nil
	}
	return providerFault(FaultInUse, name,
		"Objects still use keys of a key provider named %s that this vCenter no longer has (%s). Import that provider's backup instead of creating a new provider with its name: a new provider could never open them.",
		name, w.dependenciesLocked(name).Summary())
}

// invalidProviderName returns why name cannot name a key provider, or "".
func invalidProviderName(name string) string {
	if strings.TrimSpace(name) == "" {
		return "A key provider name must not be empty."
	}
	if name != strings.TrimSpace(name) || len(name) > 128 || strings.ContainsFunc(name, unicode.IsControl) {
		return fmt.Sprintf("%q is not a valid key provider name.", name)
	}
	return ""
}

// addProvider appends p and indexes it; callers hold the write lock and have
// run checkNewProvider.
func (w *World) addProvider(p *providerRecord) {
	w.st.Providers = append(w.st.Providers, p)
	w.providers[p.Name] = p
}
