package engine

import (
	"encoding/hex"
	"errors"
	"fmt"

	kcrypto "github.com/keyhost/keyhost/engine/crypto"
)

// validate checks a decoded state before it becomes a World: no null
// entries, unique ids, resolvable references, known enum values, sane key and
// object sizes, and the invariants operations maintain (an encrypted disk has
// an encrypted home; vSAN disk groups use the cluster KEK). It also indexes
// the world and moves the id counters past every id in use.
func (w *World) validate() error {
	st := &w.st
	if st.Counters == nil {
		st.Counters = idAllocator{}
	}
	if st.VCenter.Name == "" {
		return errors.New("vcenter: no name")
	}
	if _, err := kcrypto.ParseUUID(st.VCenter.InstanceUUID); err != nil {
		return fmt.Errorf("vcenter instance UUID: %w", err)
	}
	if err := noNil(st.Providers, "key provider"); err != nil {
		return err
	}
	if err := noNil(st.Datacenters, "datacenter"); err != nil {
		return err
	}
	if err := noNil(st.Clusters, "cluster"); err != nil {
		return err
	}
	if err := noNil(st.Hosts, "host"); err != nil {
		return err
	}
	if err := noNil(st.Datastores, "datastore"); err != nil {
		return err
	}
	if err := noNil(st.VMs, "VM"); err != nil {
		return err
	}
	if err := w.reindex(); err != nil {
		return err
	}
	if err := w.validateProviders(); err != nil {
		return err
	}
	for _, d := range st.Datacenters {
		if err := st.Counters.claim(TypeDatacenter, d.ID); err != nil {
			return fmt.Errorf("datacenter %q: %w", d.Name, err)
		}
	}
	for _, c := range st.Clusters {
		if err := w.validateCluster(c); err != nil {
			return fmt.Errorf("cluster %q: %w", c.Name, err)
		}
	}
	for _, h := range st.Hosts {
		if err := w.validateHost(h); err != nil {
			return fmt.Errorf("host %q: %w", h.Name, err)
		}
	}
	for _, d := range st.Datastores {
		if err := w.validateDatastore(d); err != nil {
			return fmt.Errorf("datastore %q: %w", d.Name, err)
		}
	}
	for _, c := range st.Clusters {
		if err := w.validateVsan(c); err != nil {
			return fmt.Errorf("cluster %q vSAN: %w", c.Name, err)
		}
	}
	snapIDs := map[string]bool{}
	for _, vm := range st.VMs {
		if err := w.validateVM(vm, snapIDs); err != nil {
			return fmt.Errorf("VM %q: %w", vm.Name, err)
		}
	}
	return nil
}

func noNil[T any](list []*T, kind string) error {
	for i, r := range list {
		if r == nil {
			return fmt.Errorf("%s %d is null", kind, i)
		}
	}
	return nil
}

func (w *World) validateProviders() error {
	st := &w.st
	if len(st.Providers) > MaxKeyProviders {
		return fmt.Errorf("%d key providers, more than %d", len(st.Providers), MaxKeyProviders)
	}
	for _, p := range st.Providers {
		if msg := invalidProviderName(p.Name); msg != "" {
			return errors.New(msg)
		}
		switch p.Type {
		case ProviderNative:
			if _, err := kcrypto.ParseUUID(p.KeyID); err != nil {
				return fmt.Errorf("key provider %s key id: %w", p.Name, err)
			}
			if len(p.kdk) != kcrypto.KDKSize {
				return fmt.Errorf("key provider %s: KDK is %d bytes, want %d", p.Name, len(p.kdk), kcrypto.KDKSize)
			}
		case ProviderStandard:
			if p.TpmRequired || p.KeyID != "" {
				return fmt.Errorf("key provider %s: tpmRequired and keyId apply only to Native providers", p.Name)
			}
			for id, k := range p.local.keys {
				if id == "" || len(k) != kcrypto.KEKSize {
					return fmt.Errorf("key provider %s: KMS key %q is %d bytes, want %d", p.Name, id, len(k), kcrypto.KEKSize)
				}
			}
		default:
			return fmt.Errorf("key provider %s: unknown type %q", p.Name, p.Type)
		}
	}
	if st.DefaultProvider != "" && w.providers[st.DefaultProvider] == nil {
		return fmt.Errorf("default key provider %q does not exist", st.DefaultProvider)
	}
	return nil
}

func (w *World) validateCluster(c *clusterRecord) error {
	if err := w.st.Counters.claim(TypeCluster, c.ID); err != nil {
		return err
	}
	if w.dcs[c.Datacenter] == nil {
		return fmt.Errorf("datacenter %q does not exist", c.Datacenter)
	}
	if c.DefaultKeyProvider != "" && w.providers[c.DefaultKeyProvider] == nil {
		return fmt.Errorf("default key provider %q does not exist", c.DefaultKeyProvider)
	}
	return nil
}

func (w *World) validateHost(h *hostRecord) error {
	if err := w.st.Counters.claim(TypeHost, h.ID); err != nil {
		return err
	}
	if w.clusters[h.Cluster] == nil {
		return fmt.Errorf("cluster %q does not exist", h.Cluster)
	}
	if !validHostCryptoState(h.CryptoState) {
		return fmt.Errorf("unknown crypto state %q", h.CryptoState)
	}
	if h.ConnectionState != connected {
		return fmt.Errorf("unknown connection state %q", h.ConnectionState)
	}
	if err := w.validateKeystore(h); err != nil {
		return err
	}
	for ref := range h.rt.keks {
		if p := w.providers[ref.ProviderID]; p == nil || p.Type != ProviderStandard {
			return fmt.Errorf("cached KEK %s of %q: not a Standard key provider of this vCenter", ref.KeyID, ref.ProviderID)
		}
	}
	return w.validateKeyRef(h.CryptoKey)
}

// validateKeystore checks a host's keystore against its hardware and the
// providers: every entry is a Native provider the world has (same key_id),
// sealed the way the host's mode says.
func (w *World) validateKeystore(h *hostRecord) error {
	ks := h.Keystore
	if ks == nil {
		return nil // an older state file: provisioned after validation
	}
	switch {
	case ks.Mode == KeystoreTPM && !h.TPM, ks.Mode == KeystoreNone && h.TPM:
		return fmt.Errorf("keystore mode %q does not match the host's TPM (%t)", ks.Mode, h.TPM)
	case ks.Mode != KeystoreTPM && ks.Mode != KeystoreNone:
		return fmt.Errorf("unknown keystore mode %q", ks.Mode)
	case ks.Mode == KeystoreTPM && h.rt.device == nil:
		return errors.New("has a TPM keystore but no TPM (no seed in the secrets and no configured device)")
	case ks.Mode == KeystoreNone && len(h.rt.configKey) != configKeySize:
		return errors.New("has an encrypted configuration but no configuration key in the secrets")
	}
	seen := map[string]bool{}
	for _, e := range ks.Providers {
		if e == nil {
			return errors.New("null keystore entry")
		}
		if seen[e.Name] {
			return fmt.Errorf("keystore holds key provider %q twice", e.Name)
		}
		seen[e.Name] = true
		p := w.providers[e.Name]
		if p == nil || p.Type != ProviderNative || p.KeyID != e.KeyID {
			return fmt.Errorf("keystore holds key provider %q (key_id %s), which this vCenter does not have", e.Name, e.KeyID)
		}
		if (ks.Mode == KeystoreTPM) != (e.TPM != nil) || (ks.Mode == KeystoreNone) != (len(e.Config) > 0) {
			return fmt.Errorf("key provider %q is not sealed the way keystore mode %q says", e.Name, ks.Mode)
		}
	}
	return nil
}

func (w *World) validateDatastore(d *datastoreRecord) error {
	if err := w.st.Counters.claim(TypeDatastore, d.ID); err != nil {
		return err
	}
	if d.Type == "" {
		return errors.New("no type")
	}
	switch {
	case d.Cluster != "" && d.Host != "":
		return errors.New("belongs to both a cluster and a host")
	case d.Cluster != "":
		if w.clusters[d.Cluster] == nil {
			return fmt.Errorf("cluster %q does not exist", d.Cluster)
		}
	case w.hosts[d.Host] == nil:
		return fmt.Errorf("host %q does not exist", d.Host)
	}
	return nil
}

func (w *World) validateVsan(c *clusterRecord) error {
	v := c.Vsan
	if v == nil {
		return nil
	}
	if err := noNil(v.DiskGroups, "disk group"); err != nil {
		return err
	}
	if !v.Enabled {
		if len(v.DiskGroups) > 0 || v.EncryptionEnabled {
			return errors.New("disabled, yet has disk groups or encryption")
		}
		return nil
	}
	if ds := w.datastores[v.Datastore]; ds == nil || ds.Type != "vsan" || ds.Cluster != c.ID {
		return fmt.Errorf("datastore %q is not this cluster's vSAN datastore", v.Datastore)
	}
	if v.EncryptionEnabled {
		if v.Kek == nil || v.HostKey == nil || v.Kek.ProviderID != v.Provider || v.HostKey.ProviderID != v.Provider {
			return errors.New("encrypted, but the KEK or host key is missing or not from the cluster's provider")
		}
		if err := w.validateKeyRef(v.Kek); err != nil {
			return err
		}
	} else if v.Kek != nil || v.HostKey != nil || v.Provider != "" {
		return errors.New("not encrypted, yet has keys or a provider")
	}
	for _, g := range v.DiskGroups {
		if h := w.hosts[g.Host]; h == nil || h.Cluster != c.ID {
			return fmt.Errorf("disk group %s: host %q is not in the cluster", g.UUID, g.Host)
		}
		if !sameKey(g.Object.Key, v.Kek) {
			return fmt.Errorf("disk group %s: key does not match the cluster KEK", g.UUID)
		}
		if err := w.validateObject(&g.Object); err != nil {
			return fmt.Errorf("disk group %s: %w", g.UUID, err)
		}
	}
	return nil
}

func (w *World) validateVM(vm *vmRecord, snapIDs map[string]bool) error {
	if err := w.st.Counters.claim(TypeVM, vm.ID); err != nil {
		return err
	}
	if vm.Name == "" {
		return errors.New("no name")
	}
	if w.hosts[vm.Host] == nil {
		return fmt.Errorf("host %q does not exist", vm.Host)
	}
	if w.datastores[vm.Datastore] == nil {
		return fmt.Errorf("datastore %q does not exist", vm.Datastore)
	}
	if !vm.PowerState.valid() {
		return fmt.Errorf("unknown power state %q", vm.PowerState)
	}
	if vm.Firmware != "efi" && vm.Firmware != "bios" {
		return fmt.Errorf("unknown firmware %q", vm.Firmware)
	}
	if err := w.validateObject(&vm.Home); err != nil {
		return fmt.Errorf("home: %w", err)
	}
	if vm.VTPM && vm.Home.Key == nil {
		return errors.New("has a vTPM but an unencrypted home")
	}
	if err := noNil(vm.Disks, "disk"); err != nil {
		return err
	}
	keys := map[int32]bool{}
	for _, d := range vm.Disks {
		if keys[d.DeviceKey] {
			return fmt.Errorf("duplicate disk device key %d", d.DeviceKey)
		}
		keys[d.DeviceKey] = true
		if w.datastores[d.Datastore] == nil {
			return fmt.Errorf("%s: datastore %q does not exist", d.Label, d.Datastore)
		}
		if err := w.validateObject(&d.Object); err != nil {
			return fmt.Errorf("%s: %w", d.Label, err)
		}
		if d.Object.Key != nil && vm.Home.Key == nil {
			return fmt.Errorf("%s is encrypted but the home is not", d.Label)
		}
	}
	var walk func([]*snapshotRecord) error
	walk = func(list []*snapshotRecord) error {
		for _, s := range list {
			if s == nil {
				return errors.New("null snapshot")
			}
			if snapIDs[s.ID] {
				return fmt.Errorf("duplicate snapshot id %q", s.ID)
			}
			snapIDs[s.ID] = true
			if err := w.st.Counters.claim(TypeSnapshot, s.ID); err != nil {
				return err
			}
			if err := walk(s.Children); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(vm.Snapshots); err != nil {
		return err
	}
	if vm.CurrentSnapshot != "" && findSnapshot(vm.Snapshots, vm.CurrentSnapshot) == nil {
		return fmt.Errorf("current snapshot %q does not exist", vm.CurrentSnapshot)
	}
	return w.validateLinks(vm)
}

// validateLinks checks a VM's snapshot links: at most one per object and
// snapshot, each a valid object, encrypted exactly when its object is
// (possibly under another KEK: a mixed chain).
func (w *World) validateLinks(vm *vmRecord) error {
	var walk func([]*snapshotRecord) error
	walk = func(list []*snapshotRecord) error {
		for _, s := range list {
			seen := map[int32]bool{}
			for _, l := range s.Links {
				if l == nil {
					return fmt.Errorf("snapshot %q: null link", s.Name)
				}
				base := vm.linkBase(l.DeviceKey)
				if base == nil || seen[l.DeviceKey] {
					return fmt.Errorf("snapshot %q: link of device %d has no object or is there twice", s.Name, l.DeviceKey)
				}
				seen[l.DeviceKey] = true
				if err := w.validateObject(&l.Object); err != nil {
					return fmt.Errorf("snapshot %q link of %s: %w", s.Name, vm.linkLabel(l.DeviceKey), err)
				}
				if (l.Object.Key == nil) != (base.Key == nil) {
					return fmt.Errorf("snapshot %q link of %s: encrypted and its object is not, or the other way round", s.Name, vm.linkLabel(l.DeviceKey))
				}
			}
			if err := walk(s.Children); err != nil {
				return err
			}
		}
		return nil
	}
	return walk(vm.Snapshots)
}

// validateKeyRef checks a key reference's form. The provider it names may
// be missing (the object is then locked; see provider_missing.go).
func (w *World) validateKeyRef(k *KeyRef) error {
	if k == nil {
		return nil
	}
	if k.KeyID == "" || invalidProviderName(k.ProviderID) != "" {
		return fmt.Errorf("key %q of key provider %q: empty key id or invalid key provider name", k.KeyID, k.ProviderID)
	}
	return nil
}

func (w *World) validateObject(o *objectRecord) error {
	if n := len(o.Data); n == 0 || n%16 != 0 || n > maxObjectBytes {
		return fmt.Errorf("data is %d bytes, want a positive multiple of 16 up to %d", n, maxObjectBytes)
	}
	if b, err := hex.DecodeString(o.SHA256); err != nil || len(b) != 32 || hex.EncodeToString(b) != o.SHA256 {
		return errors.New("sha256 is not 64 lower-case hex digits")
	}
	if o.Key == nil {
		if len(o.WrappedDEK) != 0 {
			return errors.New("has a wrapped DEK but no key")
		}
		if sha256Hex(o.Data) != o.SHA256 {
			return errors.New("plaintext does not match its sha256")
		}
		return nil
	}
	if len(o.WrappedDEK) != kcrypto.WrappedDEKSize {
		return fmt.Errorf("wrapped DEK is %d bytes, want %d", len(o.WrappedDEK), kcrypto.WrappedDEKSize)
	}
	return w.validateKeyRef(o.Key)
}
