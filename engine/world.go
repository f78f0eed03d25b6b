package engine

import (
	"fmt"
	"sync"
	"time"
)

// World is one simulated vCenter with its inventory, key providers and
// encrypted objects. All methods are safe for concurrent use; each mutation is
// atomic; read methods return copies.
type World struct {
	mu  sync.RWMutex
	cfg config
	gen uint64
	st  state

	// Indexes by MoRef value (providers by name) for O(1) lookups; the slices
	// in st keep inventory order.
	dcs        map[string]*datacenterRecord
	clusters   map[string]*clusterRecord
	hosts      map[string]*hostRecord
	datastores map[string]*datastoreRecord
	vms        map[string]*vmRecord
	// vmNames finds VMs by folded name (vm_names.go).
	vmNames   vmNameIndex
	providers map[string]*providerRecord

	// Injected outages and faults (availability.go, faults_inject.go);
	// they belong to the running world, not to its state.
	vcenterDown bool
	// pace is the simulated time per GiB rewritten (pace.go).
	pace   time.Duration
	inject injected
	// tasks counts vSAN tasks still running, so Close can wait for them.
	tasks sync.WaitGroup
}

func newWorld(cfg config) *World {
	return &World{cfg: cfg, st: state{Counters: idAllocator{}}}
}

// reindex rebuilds the lookup maps from st, rejecting duplicate ids.
func (w *World) reindex() error {
	w.dcs = make(map[string]*datacenterRecord, len(w.st.Datacenters))
	for _, r := range w.st.Datacenters {
		if err := putUnique(w.dcs, r.ID, r, "datacenter"); err != nil {
			return err
		}
	}
	w.clusters = make(map[string]*clusterRecord, len(w.st.Clusters))
	for _, r := range w.st.Clusters {
		if err := putUnique(w.clusters, r.ID, r, "cluster"); err != nil {
			return err
		}
	}
	w.hosts = make(map[string]*hostRecord, len(w.st.Hosts))
	for _, r := range w.st.Hosts {
		if err := putUnique(w.hosts, r.ID, r, "host"); err != nil {
			return err
		}
	}
	w.datastores = make(map[string]*datastoreRecord, len(w.st.Datastores))
	for _, r := range w.st.Datastores {
		if err := putUnique(w.datastores, r.ID, r, "datastore"); err != nil {
			return err
		}
	}
	w.vms = make(map[string]*vmRecord, len(w.st.VMs))
	w.vmNames = vmNameIndex{}
	for _, r := range w.st.VMs {
		if err := putUnique(w.vms, r.ID, r, "virtual machine"); err != nil {
			return err
		}
		w.vmNames.add(r)
	}
	w.providers = make(map[string]*providerRecord, len(w.st.Providers))
	for _, r := range w.st.Providers {
		if err := putUnique(w.providers, r.Name, r, "key provider"); err != nil {
			return err
		}
	}
	return nil
}

func putUnique[T any](m map[string]*T, key string, v *T, kind string) error {
	if _, dup := m[key]; dup {
		return fmt.Errorf("duplicate %s %q", kind, key)
	}
	m[key] = v
	return nil
}

// Generation counts successful mutations. It is saved with the state, so a
// caller can load a world, run a script, and save only if it changed.
func (w *World) Generation() uint64 {
	w.mu.RLock()
	defer w.mu.RUnlock()
	return w.gen
}

// changed records a successful mutation; callers hold the write lock.
func (w *World) changed() { w.gen++ }

// Lookups; callers hold the lock. Each returns a NotFound fault naming the id.

func (w *World) vmLocked(id string) (*vmRecord, error) {
	if r, ok := w.vms[bareID(TypeVM, id)]; ok {
		return r, nil
	}
	return nil, notFound("virtual machine", id)
}

func (w *World) hostLocked(id string) (*hostRecord, error) {
	if r, ok := w.hosts[bareID(TypeHost, id)]; ok {
		return r, nil
	}
	return nil, notFound("host", id)
}

func (w *World) clusterLocked(id string) (*clusterRecord, error) {
	if r, ok := w.clusters[bareID(TypeCluster, id)]; ok {
		return r, nil
	}
	return nil, notFound("cluster", id)
}

func (w *World) providerLocked(name string) (*providerRecord, error) {
	if r, ok := w.providers[name]; ok {
		return r, nil
	}
	return nil, &Fault{Name: FaultNotFound, Object: name, Message: fmt.Sprintf("Key provider '%s' was not found.", name)}
}

// clusterOfHost returns the host's cluster (nil if the host is unknown).
func (w *World) clusterOfHost(hostID string) *clusterRecord {
	if h := w.hosts[hostID]; h != nil {
		return w.clusters[h.Cluster]
	}
	return nil
}
