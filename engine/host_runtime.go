package engine

import (
	"encoding/binary"
	"fmt"
	"maps"
	"slices"

	kcrypto "github.com/keyhost/keyhost/engine/crypto"
	"github.com/keyhost/keyhost/engine/hosttpm"
)

// hostRuntime is what a running ESXi host holds in memory. A reboot
// (RebootHost) loses it: the host then unseals its KDKs again and waits
// for vCenter to push the KEKs of Standard providers again.
//
// The secrets here that outlive a reboot in reality (the TPM's identity,
// the configuration key) and the KEK cache (which outlives a keyhost run,
// since the simulated host keeps running between runs) are saved in the
// state file's sealed section; the unsealed KDKs never are: after Load a
// host unseals them from its keystore the first time it needs one.
type hostRuntime struct {
	// tpmSeed is the simulated TPM's identity (8 bytes, an int64): the
	// chip itself, for a TPM host without a WithHostTPM device.
	tpmSeed SecretBytes
	// device is the host's TPM; nil for a host without one.
	device hosttpm.Device
	// configKey seals the keystore of a host without a TPM (32 bytes).
	configKey SecretBytes
	// kdks are the KDKs the host unsealed, by provider name; nil until it
	// unsealed its keystore (after Load, until first use).
	kdks map[string]SecretBytes
	// bootErr is why the last unsealing failed (a cleared TPM, a missing
	// device); the host then holds no KDK until vCenter pushes them again.
	bootErr error
	// keks is the host's cache of KEKs vCenter pushed to it (Standard
	// providers): what lets its VMs run and power-cycle while vCenter or
	// the KMS is down.
	keks map[KeyRef]SecretBytes
}

// hostSecrets is a host's part of the state file's sealed section.
type hostSecrets struct {
	TPMSeed   SecretBytes `json:"tpmSeed,omitempty"`
	ConfigKey SecretBytes `json:"configKey,omitempty"`
	KEKs      []cachedKEK `json:"keks,omitempty"`
}

// cachedKEK is one entry of a host's KEK cache.
type cachedKEK struct {
	KeyRef
	Key SecretBytes `json:"key"`
}

// Format implements fmt.Formatter: a KEK cache entry prints without its key.
func (k cachedKEK) Format(f fmt.State, _ rune) {
	fmt.Fprintf(f, "{%s/%s key:[secret]}", k.ProviderID, k.KeyID)
}

// Format implements fmt.Formatter: host records hold secrets in rt.
func (h hostRecord) Format(f fmt.State, _ rune) {
	fmt.Fprintf(f, "{ID:%s Name:%s Cluster:%s TPM:%t CryptoState:%s [secrets]}", h.ID, h.Name, h.Cluster, h.TPM, h.CryptoState)
}

const (
	tpmSeedSize   = 8
	configKeySize = 32
)

// newHostSecrets draws what a new host needs to keep keys: a TPM host its
// simulated chip's seed (unless the configuration gives it a device), the
// others a configuration key.
func (w *World) newHostSecrets(h *hostRecord) error {
	if h.TPM {
		if w.cfg.hostTPMs[h.Name] != nil {
			return nil
		}
		seed, err := kcrypto.RandomBytes(w.cfg.rand, tpmSeedSize)
		if err != nil {
			return fmt.Errorf("host %s TPM: %w", h.Name, err)
		}
		h.rt.tpmSeed = seed
		return nil
	}
	key, err := kcrypto.RandomBytes(w.cfg.rand, configKeySize)
	if err != nil {
		return fmt.Errorf("host %s configuration key: %w", h.Name, err)
	}
	h.rt.configKey = key
	return nil
}

// attachDevice gives a TPM host its TPM: the device the configuration
// names for it, else its simulated chip.
func (w *World) attachDevice(h *hostRecord) {
	h.rt.device = nil
	if !h.TPM {
		return
	}
	if d := w.cfg.hostTPMs[h.Name]; d != nil {
		h.rt.device = d
		return
	}
	if len(h.rt.tpmSeed) == tpmSeedSize {
		h.rt.device = hosttpm.Simulator(int64(binary.BigEndian.Uint64(h.rt.tpmSeed)))
	}
}

// secrets returns what the state file keeps of the host's memory and
// hardware; the slices are shared: marshal them, never modify them.
func (h *hostRecord) secrets() hostSecrets {
	s := hostSecrets{TPMSeed: h.rt.tpmSeed, ConfigKey: h.rt.configKey}
	refs := slices.SortedFunc(maps.Keys(h.rt.keks), compareKeyRefs)
	for _, r := range refs {
		s.KEKs = append(s.KEKs, cachedKEK{KeyRef: r, Key: h.rt.keks[r]})
	}
	return s
}

func compareKeyRefs(a, b KeyRef) int {
	if a.ProviderID != b.ProviderID {
		if a.ProviderID < b.ProviderID {
			return -1
		}
		return 1
	}
	switch {
	case a.KeyID < b.KeyID:
		return -1
	case a.KeyID > b.KeyID:
		return 1
	}
	return 0
}

// loadSecrets restores the host's secrets from a state file.
func (h *hostRecord) loadSecrets(s hostSecrets) error {
	if s.TPMSeed != nil && len(s.TPMSeed) != tpmSeedSize {
		return fmt.Errorf("host %s: TPM seed is %d bytes, want %d", h.Name, len(s.TPMSeed), tpmSeedSize)
	}
	if s.ConfigKey != nil && len(s.ConfigKey) != configKeySize {
		return fmt.Errorf("host %s: configuration key is %d bytes, want %d", h.Name, len(s.ConfigKey), configKeySize)
	}
	h.rt.tpmSeed, h.rt.configKey = s.TPMSeed, s.ConfigKey
	h.rt.keks = map[KeyRef]SecretBytes{}
	for _, k := range s.KEKs {
		if len(k.Key) != kcrypto.KEKSize || k.KeyID == "" || k.ProviderID == "" {
			return fmt.Errorf("host %s: cached KEK %s of %s is invalid", h.Name, k.KeyID, k.ProviderID)
		}
		h.rt.keks[k.KeyRef] = k.Key
	}
	return nil
}

// hasKEK reports whether the host holds the KEK ref names.
func (h *hostRecord) hasKEK(ref KeyRef) bool {
	_, ok := h.rt.keks[ref]
	return ok
}

// cacheKEK stores a KEK vCenter pushed to the host.
func (h *hostRecord) cacheKEK(ref KeyRef, key []byte) {
	if h.rt.keks == nil {
		h.rt.keks = map[KeyRef]SecretBytes{}
	}
	if old, ok := h.rt.keks[ref]; ok {
		kcrypto.Wipe(old)
	}
	h.rt.keks[ref] = SecretBytes(slices.Clone(key))
}

// forgetMemory is what a reboot does to the host's memory: the unsealed
// KDKs and the KEK cache are gone.
func (h *hostRecord) forgetMemory() {
	for _, k := range h.rt.kdks {
		kcrypto.Wipe(k)
	}
	for _, k := range h.rt.keks {
		kcrypto.Wipe(k)
	}
	h.rt.kdks, h.rt.bootErr = nil, nil
	h.rt.keks = map[KeyRef]SecretBytes{}
}
