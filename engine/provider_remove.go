package engine

import (
	"fmt"
	"slices"
)

// NamedRef is a managed object and its name, for reports.
type NamedRef struct {
	ID   MoRef
	Name string
}

// DependentObject is one encrypted object whose DEK a key of the provider
// wraps: a VM home, a virtual disk or a vSAN disk group.
type DependentObject struct {
	Kind ObjectKind
	// Owner is the VM or (for disk groups) the cluster.
	Owner     NamedRef
	Object    string // "home", "Hard disk 1", "disk group esx01.lab.local"
	KeyID     string
	DeviceKey int32 // disks only
}

// ProviderDependencies is what still depends on a key provider. vSphere
// cannot tell (the NKP FAQ: "it is impossible to tell if a key provider is
// in use by a virtual machine"); keyhost can, because it holds every object.
// It cannot see copies outside the world (backups, replicas, exported VM
// files), which is why a deleted provider's .p12 backups must be kept.
type ProviderDependencies struct {
	Provider string
	// Objects lists every VM home, disk and vSAN disk group the provider's
	// keys wrap, in inventory order.
	Objects []DependentObject
	// VMs are the VMs with at least one such object; VsanClusters the
	// clusters whose vSAN KEK the provider issued; Hosts the hosts whose
	// host key it issued.
	VMs          []NamedRef
	VsanClusters []NamedRef
	Hosts        []NamedRef
	// DefaultForSystem and DefaultForClusters say where it is the default.
	DefaultForSystem   bool
	DefaultForClusters []NamedRef
}

// InUse reports whether any object or host still needs the provider's keys:
// deleting it would lock them.
func (d ProviderDependencies) InUse() bool {
	return len(d.Objects) > 0 || len(d.VsanClusters) > 0 || len(d.Hosts) > 0
}

// Summary is a one-line count ("3 VMs (7 objects), 1 vSAN cluster, 3 hosts"),
// or "nothing" when nothing depends on the provider.
func (d ProviderDependencies) Summary() string {
	var parts []string
	if n := len(d.VMs); n > 0 {
		parts = append(parts, fmt.Sprintf("%s (%s)", plural(n, "VM"), plural(countVMObjects(d.Objects), "VM object")))
	}
	if n := len(d.VsanClusters); n > 0 {
		parts = append(parts, fmt.Sprintf("%s (%s)", plural(n, "vSAN cluster"), plural(len(d.Objects)-countVMObjects(d.Objects), "disk group")))
	}
	if n := len(d.Hosts); n > 0 {
		parts = append(parts, plural(n, "host"))
	}
	if len(parts) == 0 {
		return "nothing"
	}
	return joinList(parts)
}

func countVMObjects(objs []DependentObject) int {
	n := 0
	for _, o := range objs {
		if o.Kind != ObjectVsanDiskGroup {
			n++
		}
	}
	return n
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func joinList(parts []string) string {
	switch len(parts) {
	case 1:
		return parts[0]
	case 2:
		return parts[0] + " and " + parts[1]
	}
	out := ""
	for i, p := range parts {
		switch {
		case i == 0:
			out = p
		case i == len(parts)-1:
			out += " and " + p
		default:
			out += ", " + p
		}
	}
	return out
}

// KeyProviderDependencies reports what depends on a key provider: the
// objects its keys wrap, the vSAN clusters and hosts whose keys it issued,
// and where it is the default. name may also be a provider the world no
// longer has, to see what it keeps locked.
func (w *World) KeyProviderDependencies(name string) (ProviderDependencies, error) {
	w.mu.RLock()
	defer w.mu.RUnlock()
	if _, ok := w.providers[name]; !ok && !w.referencedProvider(name) {
		_, err := w.providerLocked(name)
		return ProviderDependencies{}, err
	}
	return w.dependenciesLocked(name), nil
}

// dependenciesLocked builds the report; callers hold the lock.
func (w *World) dependenciesLocked(name string) ProviderDependencies {
	d := ProviderDependencies{Provider: name, DefaultForSystem: w.st.DefaultProvider == name}
	seenVM := map[string]bool{}
	for _, vm := range w.st.VMs {
		for _, o := range vmObjects(vm) {
			if o.obj.Key == nil || o.obj.Key.ProviderID != name {
				continue
			}
			d.Objects = append(d.Objects, dependent(o))
			if !seenVM[vm.ID] {
				seenVM[vm.ID] = true
				d.VMs = append(d.VMs, NamedRef{ID: o.owner, Name: vm.Name})
			}
		}
	}
	for _, c := range w.st.Clusters {
		ref := NamedRef{ID: MoRef{TypeCluster, c.ID}, Name: c.Name}
		if c.DefaultKeyProvider == name {
			d.DefaultForClusters = append(d.DefaultForClusters, ref)
		}
		if c.Vsan == nil || c.Vsan.Provider != name {
			continue
		}
		d.VsanClusters = append(d.VsanClusters, ref)
		for _, o := range w.vsanObjects(c) {
			if o.obj.Key != nil && o.obj.Key.ProviderID == name {
				d.Objects = append(d.Objects, dependent(o))
			}
		}
	}
	for _, h := range w.st.Hosts {
		if h.CryptoKey != nil && h.CryptoKey.ProviderID == name {
			d.Hosts = append(d.Hosts, NamedRef{ID: MoRef{TypeHost, h.ID}, Name: h.Name})
		}
	}
	return d
}

func dependent(o objectRef) DependentObject {
	return DependentObject{Kind: o.kind, Owner: NamedRef{ID: o.owner, Name: o.ownerName}, Object: o.label, KeyID: o.obj.Key.KeyID, DeviceKey: o.deviceKey}
}

// RemoveKeyProvider deletes a key provider, as vSphere allows even while
// objects use it, and returns what depended on it. Those objects are locked
// from then on (their VMs report crypto state locked, Verify reports "key
// provider NAME is missing", operations on them fail) until the provider is
// imported again. Like vCenter, the world forgets a Native provider's KDK:
// only its .p12 backups keep it. If the provider was the system default
// there is no default afterwards (vSphere does not pick another); clusters
// whose default it was fall back to the system default.
//
// A Standard provider can be removed only when nothing uses it: its
// in-process KMS lives in the state file with it and would go too, and
// keyhost has no backup format for it.
func (w *World) RemoveKeyProvider(name string) (ProviderDependencies, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	p, err := w.providerLocked(name)
	if err != nil {
		return ProviderDependencies{}, err
	}
	if err := w.requireVCenter("remove key provider " + name); err != nil {
		return ProviderDependencies{}, err
	}
	for _, c := range w.st.Clusters {
		if v := c.Vsan; v != nil && v.task != nil && (v.Provider == name || v.task.job.provider == name) {
			return ProviderDependencies{}, providerFault(FaultInUse, name, "Cannot remove key provider %s while a vSAN encryption task of cluster %s uses it.", name, c.Name)
		}
	}
	d := w.dependenciesLocked(name)
	if p.Type == ProviderStandard && d.InUse() && p.keysInState() {
		// Exact vCenter behaviour differs: vCenter only forgets the KMS
		// registration, and the KMS keeps its keys.
		return d, providerFault(FaultInUse, name,
			"Cannot remove key provider %s: its keys still protect %s, and they live in keyhost's in-process KMS, which would be removed with it. Rekey them to another provider first.",
			name, d.Summary())
	}
	w.st.Providers = slices.DeleteFunc(w.st.Providers, func(r *providerRecord) bool { return r == p })
	delete(w.providers, name)
	if w.st.DefaultProvider == name {
		w.st.DefaultProvider = ""
	}
	for _, c := range w.st.Clusters {
		if c.DefaultKeyProvider == name {
			c.DefaultKeyProvider = ""
		}
	}
	// vCenter removes the provider from the hosts too: they forget its KDK
	// and its KEKs. The record leaves the world; its KDK is forgotten (the
	// backing array is wiped, since only this record referenced it).
	for _, h := range w.st.Hosts {
		h.dropProvider(name)
		for ref, k := range h.rt.keks {
			if ref.ProviderID == name {
				clear(k)
				delete(h.rt.keks, ref)
			}
		}
	}
	clear(p.kdk)
	p.kdk = nil
	_ = p.closeKMS() // an embedded KMIP server; its keys are gone with the provider
	w.changed()
	return d, nil
}
