package engine

import (
	"errors"
	"fmt"

	kcrypto "github.com/keyhost/keyhost/engine/crypto"
)

// Defaults for what an inventory description leaves out.
const (
	defaultVersion         = "8.0.3"
	defaultVCenterBuild    = "24022515" // vCenter Server 8.0 Update 3
	defaultESXiBuild       = "24022510" // ESXi 8.0 Update 3
	defaultHardwareVersion = "vmx-20"
	defaultHomeBytes       = 1536
	defaultDiskBytes       = 4096
	defaultDiskGroupBytes  = 4096
	maxObjectBytes         = 1 << 20
	firstDiskDeviceKey     = 2000
	connected              = "connected"
)

// NewFromInventory builds a world from an inventory description, with fresh
// keys for every provider and real encryption of what it says is encrypted.
func NewFromInventory(inv Inventory, opts ...Option) (*World, error) {
	w, err := build(&inv, newConfig(opts))
	if err != nil {
		return nil, fmt.Errorf("build inventory: %w", err)
	}
	return w, nil
}

// builder resolves the names an inventory uses while the world is built.
type builder struct {
	w      *World
	hosts  map[string]*hostRecord      // by name
	stores map[string]*datastoreRecord // by name
	// hostKeys are the host keys to give, by host id.
	hostKeys map[string]*InventoryHostKey
}

func build(inv *Inventory, cfg config) (*World, error) {
	w := newWorld(cfg)
	if err := w.reindex(); err != nil {
		return nil, err
	}
	b := &builder{w: w, hosts: map[string]*hostRecord{}, stores: map[string]*datastoreRecord{}, hostKeys: map[string]*InventoryHostKey{}}
	if err := b.vcenter(inv.VCenter); err != nil {
		return nil, err
	}
	for _, p := range inv.KeyProviders {
		if err := b.provider(p); err != nil {
			return nil, err
		}
	}
	if inv.DefaultKeyProvider != "" {
		if _, ok := w.providers[inv.DefaultKeyProvider]; !ok {
			return nil, fmt.Errorf("default key provider %q is not defined", inv.DefaultKeyProvider)
		}
		w.st.DefaultProvider = inv.DefaultKeyProvider
	}
	type vmPending struct {
		vm  *vmRecord
		enc *InventoryEncryption
	}
	type vsanPending struct {
		c   *clusterRecord
		enc *InventoryEncryption
	}
	var vmEnc []vmPending
	var vsanEnc []vsanPending
	for _, dc := range inv.Datacenters {
		dcRec, err := b.datacenter(dc)
		if err != nil {
			return nil, err
		}
		for _, ic := range dc.Clusters {
			c, err := b.cluster(ic, dcRec)
			if err != nil {
				return nil, fmt.Errorf("cluster %s: %w", ic.Name, err)
			}
			if ic.Vsan != nil && ic.Vsan.Encryption != nil {
				vsanEnc = append(vsanEnc, vsanPending{c: c, enc: ic.Vsan.Encryption})
			}
			for _, iv := range ic.VMs {
				vm, err := b.vm(iv, c)
				if err != nil {
					return nil, fmt.Errorf("VM %s: %w", iv.Name, err)
				}
				if iv.Encryption != nil {
					vmEnc = append(vmEnc, vmPending{vm: vm, enc: iv.Encryption})
				}
			}
		}
	}
	if err := w.reindex(); err != nil {
		return nil, err
	}
	// vCenter pushes the Native providers to the hosts, then hosts get
	// their host keys, then encryption runs through the same code paths
	// the operations use, so the built world is exactly what those
	// operations would have produced.
	for _, h := range w.st.Hosts {
		if err := w.provisionHost(h); err != nil {
			return nil, fmt.Errorf("host %s: %w", h.Name, err)
		}
	}
	for _, h := range w.st.Hosts {
		if hk := b.hostKeys[h.ID]; hk != nil {
			if err := w.setHostKey(h, hk.Provider); err != nil {
				return nil, fmt.Errorf("host key of %s: %w", h.Name, err)
			}
		}
	}
	for _, p := range vsanEnc {
		w.mu.Lock()
		t, err := w.startVsanTask(p.c, vsanJob{op: CryptoEncrypt, provider: p.enc.Provider, erase: p.c.Vsan.EraseDisksBeforeUse, allowReduced: true})
		w.mu.Unlock()
		if err == nil {
			err = t.Wait()
		}
		if err != nil {
			return nil, fmt.Errorf("vSAN encryption of cluster %s: %w", p.c.Name, err)
		}
	}
	for _, p := range vmEnc {
		plan := []objectChange{{op: CryptoEncrypt, obj: &p.vm.Home, label: "home", deviceKey: homeLink}}
		if p.enc.Disks {
			for _, d := range p.vm.Disks {
				plan = append(plan, objectChange{op: CryptoEncrypt, obj: &d.Object, label: d.Label, disk: true, deviceKey: d.DeviceKey})
			}
		}
		if err := w.applyVMCrypto(p.vm, plan, p.enc.Provider); err != nil {
			return nil, fmt.Errorf("encrypt VM %s: %w", p.vm.Name, err)
		}
	}
	w.gen = 0
	return w, nil
}

func (b *builder) vcenter(v InventoryVCenter) error {
	if v.Name == "" {
		return errors.New("vcenter: name is required")
	}
	uuid, err := b.uuid(v.InstanceUUID)
	if err != nil {
		return fmt.Errorf("vcenter instance UUID: %w", err)
	}
	b.w.st.VCenter = vcenterRecord{
		Name: v.Name, InstanceUUID: uuid, Version: orDefault(v.Version, defaultVersion), Build: orDefault(v.Build, defaultVCenterBuild),
	}
	return nil
}

func (b *builder) provider(ip InventoryProvider) error {
	w := b.w
	if err := w.checkNewProvider(ip.Name); err != nil {
		return fmt.Errorf("key provider %q: %w", ip.Name, err)
	}
	switch ip.Type {
	case ProviderNative:
		if len(ip.KMSServers) > 0 {
			return fmt.Errorf("key provider %s: kmsServers apply only to Standard providers", ip.Name)
		}
		p, err := newNativeProvider(ip.Name, ip.TpmRequired, w.cfg)
		if err != nil {
			return fmt.Errorf("key provider %s: %w", ip.Name, err)
		}
		if ip.KeyID != "" {
			if _, err := kcrypto.ParseUUID(ip.KeyID); err != nil {
				return fmt.Errorf("key provider %s key id: %w", ip.Name, err)
			}
			p.KeyID = ip.KeyID
		}
		p.BackedUp = ip.BackedUp
		w.addProvider(p)
	case ProviderStandard:
		if ip.TpmRequired || ip.KeyID != "" {
			return fmt.Errorf("key provider %s: tpmRequired and keyId apply only to Native providers", ip.Name)
		}
		p := &providerRecord{Name: ip.Name, Type: ProviderStandard, Created: w.cfg.now().UTC()}
		for _, s := range ip.KMSServers {
			if s.Name == "" || s.Address == "" || s.Port <= 0 || s.Port > 65535 {
				return fmt.Errorf("key provider %s: a KMS server needs a name, an address and a port", ip.Name)
			}
			p.Servers = append(p.Servers, &kmsServerRecord{Name: s.Name, Address: s.Address, Port: s.Port, Username: s.Username, Trusted: true})
		}
		if err := w.attachKMS(p, newLocalKMS(w.cfg.rand)); err != nil {
			return fmt.Errorf("key provider %s: %w", ip.Name, err)
		}
		w.addProvider(p)
	default:
		return fmt.Errorf("key provider %s: unknown type %q (want %q or %q)", ip.Name, ip.Type, ProviderNative, ProviderStandard)
	}
	return nil
}

// id returns the given id after claiming it, or allocates one.
func (b *builder) id(typ, given string) (string, error) {
	if given == "" {
		return b.w.st.Counters.next(typ), nil
	}
	if err := b.w.st.Counters.claim(typ, given); err != nil {
		return "", err
	}
	return given, nil
}

func (b *builder) datacenter(dc InventoryDatacenter) (*datacenterRecord, error) {
	if dc.Name == "" {
		return nil, errors.New("datacenter: name is required")
	}
	id, err := b.id(TypeDatacenter, dc.ID)
	if err != nil {
		return nil, err
	}
	r := &datacenterRecord{ID: id, Name: dc.Name}
	b.w.st.Datacenters = append(b.w.st.Datacenters, r)
	return r, nil
}

func (b *builder) cluster(ic InventoryCluster, dc *datacenterRecord) (*clusterRecord, error) {
	w := b.w
	if ic.Name == "" {
		return nil, errors.New("name is required")
	}
	id, err := b.id(TypeCluster, ic.ID)
	if err != nil {
		return nil, err
	}
	if ic.DefaultKeyProvider != "" {
		if _, ok := w.providers[ic.DefaultKeyProvider]; !ok {
			return nil, fmt.Errorf("default key provider %q is not defined", ic.DefaultKeyProvider)
		}
	}
	c := &clusterRecord{ID: id, Name: ic.Name, Datacenter: dc.ID, DefaultKeyProvider: ic.DefaultKeyProvider}
	w.st.Clusters = append(w.st.Clusters, c)
	for _, ih := range ic.Hosts {
		if err := b.host(ih, c); err != nil {
			return nil, fmt.Errorf("host %s: %w", ih.Name, err)
		}
	}
	if ic.Vsan != nil {
		if err := b.vsan(ic.Vsan, c); err != nil {
			return nil, fmt.Errorf("vSAN: %w", err)
		}
	}
	for _, ids := range ic.Datastores {
		if err := b.datastore(ids, c); err != nil {
			return nil, fmt.Errorf("datastore %s: %w", ids.Name, err)
		}
	}
	return c, nil
}

func (b *builder) host(ih InventoryHost, c *clusterRecord) error {
	if ih.Name == "" {
		return errors.New("name is required")
	}
	if _, dup := b.hosts[ih.Name]; dup {
		return errors.New("duplicate host name")
	}
	state := ih.CryptoState
	switch {
	case ih.HostKey != nil:
		state = HostCryptoSafe // setHostKey makes it so, once keys exist
	case state == HostCryptoSafe:
		return errors.New("a safe host needs a host key (hostKey)")
	case state == "":
		state = HostCryptoIncapable
	case !validHostCryptoState(state):
		return fmt.Errorf("unknown crypto state %q", state)
	}
	id, err := b.id(TypeHost, ih.ID)
	if err != nil {
		return err
	}
	h := &hostRecord{
		ID: id, Name: ih.Name, Cluster: c.ID, TPM: ih.TPM, ConnectionState: connected, CryptoState: state,
		Version: orDefault(ih.Version, defaultVersion), Build: orDefault(ih.Build, defaultESXiBuild),
	}
	b.w.st.Hosts = append(b.w.st.Hosts, h)
	b.w.hosts[h.ID] = h // the final reindex checks for duplicate ids
	b.hosts[h.Name] = h
	if ih.HostKey != nil {
		h.CryptoState = HostCryptoPrepared
		b.hostKeys[h.ID] = ih.HostKey
	}
	return nil
}

func (b *builder) addDatastore(r *datastoreRecord) error {
	if _, dup := b.stores[r.Name]; dup {
		return fmt.Errorf("duplicate datastore name %q", r.Name)
	}
	b.w.st.Datastores = append(b.w.st.Datastores, r)
	b.w.datastores[r.ID] = r
	b.stores[r.Name] = r
	return nil
}

func (b *builder) vsan(iv *InventoryVsan, c *clusterRecord) error {
	size, err := objectSize(iv.DiskGroupBytes, defaultDiskGroupBytes)
	if err != nil {
		return fmt.Errorf("disk group size: %w", err)
	}
	id, err := b.id(TypeDatastore, iv.DatastoreID)
	if err != nil {
		return err
	}
	name := iv.DatastoreName
	if name == "" {
		// vCenter names the second vSAN datastore "vsanDatastore (1)", and so on.
		name = "vsanDatastore"
		for i := 1; b.stores[name] != nil; i++ {
			name = fmt.Sprintf("vsanDatastore (%d)", i)
		}
	}
	ds := &datastoreRecord{ID: id, Name: name, Type: "vsan", Cluster: c.ID, CapacityMB: max(iv.CapacityGB, 1) * 1024}
	if err := b.addDatastore(ds); err != nil {
		return err
	}
	v := &vsanRecord{Enabled: true, ESA: iv.ESA, Datastore: ds.ID, EraseDisksBeforeUse: iv.EraseDisksBeforeUse}
	for _, h := range b.w.st.Hosts {
		if h.Cluster != c.ID {
			continue
		}
		uuid, err := kcrypto.NewUUID(b.w.cfg.rand)
		if err != nil {
			return err
		}
		v.DiskGroups = append(v.DiskGroups, &diskGroupRecord{
			UUID: uuid, Host: h.ID, Object: newPlainObject(VsanDiskGroupPlaintext(c.Name, h.Name, size)),
		})
	}
	c.Vsan = v
	return nil
}

func (b *builder) datastore(ids InventoryDatastore, c *clusterRecord) error {
	if ids.Name == "" {
		return errors.New("name is required")
	}
	id, err := b.id(TypeDatastore, ids.ID)
	if err != nil {
		return err
	}
	r := &datastoreRecord{ID: id, Name: ids.Name, Type: orDefault(ids.Type, "VMFS"), CapacityMB: max(ids.CapacityGB, 1) * 1024}
	if ids.Host != "" {
		h, ok := b.hosts[ids.Host]
		if !ok || h.Cluster != c.ID {
			return fmt.Errorf("host %q is not in cluster %s", ids.Host, c.Name)
		}
		r.Host = h.ID
	} else {
		r.Cluster = c.ID
	}
	return b.addDatastore(r)
}

// clusterDatastore finds a datastore of cluster c by name, or its default:
// the vSAN datastore, else the cluster's first datastore.
func (b *builder) clusterDatastore(name string, c *clusterRecord) (*datastoreRecord, error) {
	w := b.w
	if name != "" {
		d, ok := b.stores[name]
		if !ok || !w.datastoreInCluster(d, c.ID) {
			return nil, fmt.Errorf("datastore %q is not in cluster %s", name, c.Name)
		}
		return d, nil
	}
	if c.Vsan != nil {
		return w.datastores[c.Vsan.Datastore], nil
	}
	for _, d := range w.st.Datastores {
		if w.datastoreInCluster(d, c.ID) {
			return d, nil
		}
	}
	return nil, fmt.Errorf("cluster %s has no datastore", c.Name)
}

func objectSize(n, def int) (int, error) {
	if n == 0 {
		return def, nil
	}
	if n < 0 || n%16 != 0 || n > maxObjectBytes {
		return 0, fmt.Errorf("%d bytes: want a positive multiple of 16 up to %d", n, maxObjectBytes)
	}
	return n, nil
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func validHostCryptoState(s HostCryptoState) bool {
	switch s {
	case HostCryptoIncapable, HostCryptoPrepared, HostCryptoSafe, HostCryptoPendingIncapable:
		return true
	}
	return false
}
