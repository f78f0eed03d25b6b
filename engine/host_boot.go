package engine

import (
	"fmt"

	kcrypto "github.com/keyhost/keyhost/engine/crypto"
)

// provisionLegacyHosts gives the hosts of a state file written before hosts
// kept keys what vCenter would have pushed them: a keystore with the
// Native providers, and the Standard KEKs of their clusters' objects.
// Callers hold the write lock (or own the world, at load). It is an upgrade
// of the file, not a change: Generation does not move.
func (w *World) provisionLegacyHosts() error {
	for _, h := range w.st.Hosts {
		if h.Keystore != nil {
			continue
		}
		if err := w.provisionHost(h); err != nil {
			return fmt.Errorf("provision host %s: %w", h.Name, err)
		}
		w.pushStandardKeysTo(h)
	}
	return nil
}

// clusterKeyRefs lists the keys the objects of a cluster use: its VMs'
// homes, disks and snapshot links, its vSAN KEK and host key, and its
// hosts' host keys.
func (w *World) clusterKeyRefs(clusterID string) []KeyRef {
	seen := map[KeyRef]bool{}
	var out []KeyRef
	add := func(k *KeyRef) {
		if k != nil && !seen[*k] {
			seen[*k] = true
			out = append(out, *k)
		}
	}
	for _, vm := range w.st.VMs {
		if h := w.hosts[vm.Host]; h == nil || h.Cluster != clusterID {
			continue
		}
		for _, o := range vmObjects(vm) {
			add(o.obj.Key)
		}
		for _, l := range vmLinks(vm) {
			add(l.obj.Key)
		}
	}
	if c := w.clusters[clusterID]; c != nil && c.Vsan != nil {
		add(c.Vsan.Kek)
		add(c.Vsan.HostKey)
	}
	for _, h := range w.st.Hosts {
		if h.Cluster == clusterID {
			add(h.CryptoKey)
		}
	}
	return out
}

// pushStandardKeysTo is vCenter pushing to a host that (re)connected the
// KEKs of Standard providers its cluster's objects use, fetched from the
// KMS ("If a host reboots, vCenter Server requests the KEK with the
// corresponding ID from the key server and makes it available to ESXi").
// Keys it cannot fetch (KMS down, provider missing) are skipped: the
// objects that need them are locked until they are unlocked (UnlockVM).
// It returns how many keys it pushed.
func (w *World) pushStandardKeysTo(h *hostRecord) int {
	if w.vcenterDown {
		return 0
	}
	n := 0
	for _, ref := range w.clusterKeyRefs(h.Cluster) {
		p := w.providers[ref.ProviderID]
		if p == nil || p.Type != ProviderStandard || h.hasKEK(ref) {
			continue
		}
		k, err := fetchKEK(p, ref.KeyID)
		if err != nil {
			continue
		}
		h.cacheKEK(ref, k)
		kcrypto.Wipe(k)
		n++
	}
	return n
}

// dropUnusedKEKs drops from the hosts of a cluster the cached KEKs among
// candidates (keys an operation stopped using) that no object of the
// cluster uses any more: "When a virtual machine is deleted or
// unregistered, the ESXi hosts in the cluster delete the KEK from their
// memory." Only Standard keys are cached, so most operations pass none.
func (w *World) dropUnusedKEKs(clusterID string, candidates []KeyRef) {
	var drop []KeyRef
	for _, c := range candidates {
		if p := w.providers[c.ProviderID]; p == nil || p.Type == ProviderStandard {
			drop = append(drop, c)
		}
	}
	if len(drop) == 0 {
		return
	}
	used := map[KeyRef]bool{}
	for _, r := range w.clusterKeyRefs(clusterID) {
		used[r] = true
	}
	for _, h := range w.st.Hosts {
		if h.Cluster != clusterID {
			continue
		}
		for _, ref := range drop {
			if k, ok := h.rt.keks[ref]; ok && !used[ref] {
				kcrypto.Wipe(k)
				delete(h.rt.keks, ref)
			}
		}
	}
}

// keyRefsOf lists the keys of some objects.
func keyRefsOf(objs ...*objectRecord) []KeyRef {
	var out []KeyRef
	for _, o := range objs {
		if o.Key != nil {
			out = append(out, *o.Key)
		}
	}
	return out
}

// RebootHost reboots an ESXi host (a simulation: the host is back at
// once). Its VMs power off; its memory is lost, so it unseals its KDKs
// again from its TPM (or decrypts its encrypted configuration), and, if
// vCenter is up, vCenter pushes it the KEKs of Standard providers again,
// as far as their KMS answers. A host leaving crypto safe mode
// (pendingIncapable) comes back incapable, without its host key.
//
// Rebooting needs no vCenter: with vCenter down the host still unseals
// its Native providers' KDKs and can power its VMs of those providers on;
// VMs whose Standard KEKs it lost are locked until vCenter and the KMS
// are back and they are unlocked (UnlockVM). A host whose TPM fails to
// unseal (ClearHostTPM) holds no KDK afterwards; see Host.KeystoreError.
func (w *World) RebootHost(hostID string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	h, err := w.hostLocked(hostID)
	if err != nil {
		return err
	}
	if c := w.clusters[h.Cluster]; c != nil && c.Vsan != nil && c.Vsan.task != nil {
		return invalidState(MoRef{TypeHost, h.ID}, "Cannot reboot host %s while a vSAN encryption task runs on cluster %s.", h.Name, c.Name)
	}
	for _, vm := range w.st.VMs {
		if vm.Host == h.ID && vm.PowerState != PoweredOff {
			vm.PowerState = PoweredOff
		}
	}
	if h.CryptoState == HostCryptoPendingIncapable {
		h.CryptoState, h.CryptoKey = HostCryptoIncapable, nil
	}
	h.forgetMemory()
	_ = h.unsealKeystore() // a failure is kept in h.rt.bootErr
	w.pushStandardKeysTo(h)
	w.changed()
	return nil
}

// ClearHostTPM simulates clearing (or replacing) a host's TPM: the chip
// gets new hierarchy seeds, so what it sealed no longer loads. The host
// notices at its next reboot, when it cannot unseal its KDKs; vCenter then
// pushes them again when a VM is unlocked (UnlockVM). Only simulated TPMs
// can be cleared.
func (w *World) ClearHostTPM(hostID string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	h, err := w.hostLocked(hostID)
	if err != nil {
		return err
	}
	ref := MoRef{TypeHost, h.ID}
	if !h.TPM || len(h.rt.tpmSeed) != tpmSeedSize {
		return notSupported(ref, "Host %s has no simulated TPM to clear.", h.Name)
	}
	seed, err := kcrypto.RandomBytes(w.cfg.rand, tpmSeedSize)
	if err != nil {
		return runtimeFault(ref, fmt.Errorf("clear the TPM of host %s: %w", h.Name, err))
	}
	kcrypto.Wipe(h.rt.tpmSeed)
	h.rt.tpmSeed = seed
	w.attachDevice(h)
	w.changed()
	return nil
}
