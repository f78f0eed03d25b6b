package engine

// VCenter describes the simulated vCenter Server.
type VCenter struct {
	Name         string
	InstanceUUID string
	Version      string
	Build        string
	// APIVersion is the vSphere API version the server reports ("8.0.3.0").
	APIVersion string
}

// Datacenter is a copy of one datacenter.
type Datacenter struct {
	ID       MoRef
	Name     string
	Clusters []MoRef
}

// Cluster is a copy of one cluster (ClusterComputeResource).
type Cluster struct {
	ID         MoRef
	Name       string
	Datacenter MoRef
	Hosts      []MoRef
	Datastores []MoRef
	// VsanEnabled, VsanESA and VsanEncryptionEnabled summarise Vsan(ID).
	VsanEnabled           bool
	VsanESA               bool
	VsanEncryptionEnabled bool
	// DefaultKeyProvider is the cluster's own default provider ("" for none;
	// the system default then applies). vSphere 8.0.1+.
	DefaultKeyProvider string
}

// HostCryptoState is HostRuntimeInfo.cryptoState.
type HostCryptoState string

// Host crypto states (vSphere API strings).
const (
	HostCryptoIncapable        HostCryptoState = "incapable"
	HostCryptoPrepared         HostCryptoState = "prepared"
	HostCryptoSafe             HostCryptoState = "safe"
	HostCryptoPendingIncapable HostCryptoState = "pendingIncapable"
)

// Host is a copy of one ESXi host (HostSystem).
type Host struct {
	ID         MoRef
	Name       string
	Cluster    MoRef
	Datacenter MoRef
	// HasTPM reports a TPM 2.0 on the host; TPM-required Native Key Providers
	// serve only such hosts.
	HasTPM bool
	// ConnectionState is "connected".
	ConnectionState string
	CryptoState     HostCryptoState
	// CryptoKey is the host key (Runtime.CryptoKeyId), set once the host is safe.
	CryptoKey *KeyRef
	Version   string
	Build     string
	// KeyStorage is where the host keeps the KDKs pushed to it: KeystoreTPM
	// (sealed by its TPM) or KeystoreNone (its encrypted configuration).
	KeyStorage string
	// KeyProviders lists the Native providers pushed to the host.
	KeyProviders []string
	// KeystoreError says why the host could not unseal a KDK at its last
	// boot ("" when it could, or has not needed to since the world loaded).
	KeystoreError string
	// CachedKeys counts the KEKs vCenter pushed to the host (Standard
	// providers), which it holds in memory.
	CachedKeys int
}

// Datastore is a copy of one datastore.
type Datastore struct {
	ID   MoRef
	Name string
	// Type is "vsan", "VMFS" or "NFS".
	Type string
	// Cluster is set for a vSAN datastore; Hosts lists the hosts that mount it.
	Cluster    MoRef
	Hosts      []MoRef
	CapacityMB int64
}

// APIVersion is the vSphere API version keyhost's vCenter reports.
const APIVersion = "8.0.3.0"

// VCenter returns the vCenter's identity.
func (w *World) VCenter() VCenter {
	w.mu.RLock()
	defer w.mu.RUnlock()
	v := w.st.VCenter
	return VCenter{Name: v.Name, InstanceUUID: v.InstanceUUID, Version: v.Version, Build: v.Build, APIVersion: APIVersion}
}

// Datacenters returns all datacenters in inventory order.
func (w *World) Datacenters() []Datacenter {
	w.mu.RLock()
	defer w.mu.RUnlock()
	out := make([]Datacenter, 0, len(w.st.Datacenters))
	for _, d := range w.st.Datacenters {
		dc := Datacenter{ID: MoRef{TypeDatacenter, d.ID}, Name: d.Name}
		for _, c := range w.st.Clusters {
			if c.Datacenter == d.ID {
				dc.Clusters = append(dc.Clusters, MoRef{TypeCluster, c.ID})
			}
		}
		out = append(out, dc)
	}
	return out
}

// Clusters returns all clusters in inventory order.
func (w *World) Clusters() []Cluster {
	w.mu.RLock()
	defer w.mu.RUnlock()
	out := make([]Cluster, 0, len(w.st.Clusters))
	for _, c := range w.st.Clusters {
		out = append(out, w.clusterCopy(c))
	}
	return out
}

// Cluster returns one cluster by id ("domain-c8" or "ClusterComputeResource-domain-c8").
func (w *World) Cluster(id string) (Cluster, error) {
	w.mu.RLock()
	defer w.mu.RUnlock()
	c, err := w.clusterLocked(id)
	if err != nil {
		return Cluster{}, err
	}
	return w.clusterCopy(c), nil
}

func (w *World) clusterCopy(c *clusterRecord) Cluster {
	out := Cluster{
		ID:                 MoRef{TypeCluster, c.ID},
		Name:               c.Name,
		Datacenter:         MoRef{TypeDatacenter, c.Datacenter},
		DefaultKeyProvider: c.DefaultKeyProvider,
	}
	for _, h := range w.st.Hosts {
		if h.Cluster == c.ID {
			out.Hosts = append(out.Hosts, MoRef{TypeHost, h.ID})
		}
	}
	for _, d := range w.st.Datastores {
		if w.datastoreInCluster(d, c.ID) {
			out.Datastores = append(out.Datastores, MoRef{TypeDatastore, d.ID})
		}
	}
	if v := c.Vsan; v != nil {
		out.VsanEnabled, out.VsanESA, out.VsanEncryptionEnabled = v.Enabled, v.ESA, v.EncryptionEnabled
	}
	return out
}

func (w *World) datastoreInCluster(d *datastoreRecord, clusterID string) bool {
	if d.Cluster != "" {
		return d.Cluster == clusterID
	}
	h := w.hosts[d.Host]
	return h != nil && h.Cluster == clusterID
}

// Hosts returns all hosts in inventory order.
func (w *World) Hosts() []Host {
	w.mu.RLock()
	defer w.mu.RUnlock()
	out := make([]Host, 0, len(w.st.Hosts))
	for _, h := range w.st.Hosts {
		out = append(out, w.hostCopy(h))
	}
	return out
}

// Host returns one host by id ("host-10" or "HostSystem-host-10").
func (w *World) Host(id string) (Host, error) {
	w.mu.RLock()
	defer w.mu.RUnlock()
	h, err := w.hostLocked(id)
	if err != nil {
		return Host{}, err
	}
	return w.hostCopy(h), nil
}

func (w *World) hostCopy(h *hostRecord) Host {
	out := Host{
		ID:              MoRef{TypeHost, h.ID},
		Name:            h.Name,
		Cluster:         MoRef{TypeCluster, h.Cluster},
		HasTPM:          h.TPM,
		ConnectionState: h.ConnectionState,
		CryptoState:     h.CryptoState,
		CryptoKey:       cloneKey(h.CryptoKey),
		Version:         h.Version,
		Build:           h.Build,
		CachedKeys:      len(h.rt.keks),
	}
	if ks := h.Keystore; ks != nil {
		out.KeyStorage = ks.Mode
		for _, e := range ks.Providers {
			out.KeyProviders = append(out.KeyProviders, e.Name)
		}
	}
	if h.rt.bootErr != nil {
		out.KeystoreError = h.rt.bootErr.Error()
	}
	if c := w.clusters[h.Cluster]; c != nil {
		out.Datacenter = MoRef{TypeDatacenter, c.Datacenter}
	}
	return out
}

// Datastores returns all datastores in inventory order.
func (w *World) Datastores() []Datastore {
	w.mu.RLock()
	defer w.mu.RUnlock()
	out := make([]Datastore, 0, len(w.st.Datastores))
	for _, d := range w.st.Datastores {
		out = append(out, w.datastoreCopy(d))
	}
	return out
}

// Datastore returns one datastore by id ("datastore-20" or "Datastore-datastore-20").
func (w *World) Datastore(id string) (Datastore, error) {
	w.mu.RLock()
	defer w.mu.RUnlock()
	d, ok := w.datastores[bareID(TypeDatastore, id)]
	if !ok {
		return Datastore{}, notFound("datastore", id)
	}
	return w.datastoreCopy(d), nil
}

func (w *World) datastoreCopy(d *datastoreRecord) Datastore {
	out := Datastore{ID: MoRef{TypeDatastore, d.ID}, Name: d.Name, Type: d.Type, CapacityMB: d.CapacityMB}
	if d.Cluster != "" {
		out.Cluster = MoRef{TypeCluster, d.Cluster}
		for _, h := range w.st.Hosts {
			if h.Cluster == d.Cluster {
				out.Hosts = append(out.Hosts, MoRef{TypeHost, h.ID})
			}
		}
	} else if d.Host != "" {
		out.Hosts = []MoRef{{TypeHost, d.Host}}
	}
	return out
}

// KeyRef names a key: its id at the provider and the provider's id, which is
// the provider's name (vSphere's CryptoKeyId {KeyId, ProviderId.Id}).
type KeyRef struct {
	KeyID      string `json:"keyId"`
	ProviderID string `json:"providerId"`
}

func cloneKey(k *KeyRef) *KeyRef {
	if k == nil {
		return nil
	}
	c := *k
	return &c
}

func sameKey(a, b *KeyRef) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}
