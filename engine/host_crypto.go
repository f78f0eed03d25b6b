package engine

import "fmt"

// A host's crypto state (HostRuntimeInfo.cryptoState) says whether it may
// hold keys: incapable (it may not), prepared (it may: vCenter pushes keys
// to it), safe (it has a host key, Runtime.CryptoKeyId, which encrypts its
// core dumps) and pendingIncapable (crypto safe mode was disabled and ends
// at the next reboot). Encrypting a VM on an incapable host prepares it,
// as vCenter does when it pushes the first keys; a pendingIncapable host
// takes no new keys. Set-VMHost -KeyProvider makes a host safe with a host
// key from that provider, or replaces the host key of a safe host;
// Set-VMHost -DisableCryptoSafe starts the way back to incapable.

// SetHostCryptoKey gives a host a new host key from provider (Set-VMHost
// -KeyProvider): a host that is not safe becomes safe; a safe host's host
// key is replaced (rekeyed). The provider must be able to serve the host
// (a TPM-required Native provider needs a TPM).
func (w *World) SetHostCryptoKey(hostID, provider string) (Host, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	h, err := w.hostLocked(hostID)
	if err != nil {
		return Host{}, err
	}
	if err := w.requireVCenter("change the host key of host " + h.Name); err != nil {
		return Host{}, err
	}
	if err := w.setHostKey(h, provider); err != nil {
		return Host{}, err
	}
	w.changed()
	return w.hostCopy(h), nil
}

// setHostKey mints a host key for h and makes it safe; callers hold the
// write lock and count the change.
func (w *World) setHostKey(h *hostRecord, provider string) error {
	ref := MoRef{TypeHost, h.ID}
	if c := w.clusters[h.Cluster]; c != nil && c.Vsan != nil && c.Vsan.task != nil {
		return invalidState(ref, "Cannot change the host key of host %s while a vSAN encryption task runs on cluster %s.", h.Name, c.Name)
	}
	p, err := w.resolveProvider(provider, h.Cluster, ref, "host "+h.Name)
	if err != nil {
		return err
	}
	if err := w.remediate([]*hostRecord{h}, p); err != nil {
		return err
	}
	if err := checkServe(p, h); err != nil {
		return err
	}
	kr := w.hostKeyring(h, true)
	defer kr.close()
	nk, err := kr.mint(p)
	if err != nil {
		return runtimeFault(ref, fmt.Errorf("new host key for %s: %w", h.Name, err))
	}
	kr.commit()
	replaced := keyRefsOf(&objectRecord{Key: h.CryptoKey})
	h.CryptoKey = cloneKey(&nk.ref)
	h.CryptoState = HostCryptoSafe
	w.dropUnusedKEKs(h.Cluster, replaced)
	return nil
}

// DisableHostCryptoSafe takes a safe host out of crypto safe mode
// (Set-VMHost -DisableCryptoSafe): it is pendingIncapable until its next
// reboot, then incapable and without a host key. How PowerCLI carries this
// out is UNVERIFIED (the vSphere API has no DisableCrypto method).
func (w *World) DisableHostCryptoSafe(hostID string) (Host, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	h, err := w.hostLocked(hostID)
	if err != nil {
		return Host{}, err
	}
	if err := w.requireVCenter("change the crypto state of host " + h.Name); err != nil {
		return Host{}, err
	}
	if h.CryptoState != HostCryptoSafe {
		// Exact vCenter wording UNVERIFIED.
		return Host{}, invalidState(MoRef{TypeHost, h.ID}, "Host %s is not in crypto safe mode (its crypto state is %s).", h.Name, h.CryptoState)
	}
	h.CryptoState = HostCryptoPendingIncapable
	w.changed()
	return w.hostCopy(h), nil
}

// checkHostTakesKeys refuses new keys on a host leaving crypto safe mode;
// prepare reports whether an incapable host must be prepared when the
// operation commits.
func checkHostTakesKeys(h *hostRecord) (prepare bool, err error) {
	switch h.CryptoState {
	case HostCryptoPendingIncapable:
		// Exact vCenter wording UNVERIFIED.
		return false, invalidState(MoRef{TypeHost, h.ID},
			"Host %s is leaving crypto safe mode (pendingIncapable) and takes no new keys; reboot it, or give it a host key again, first.", h.Name)
	case HostCryptoIncapable:
		return true, nil
	}
	return false, nil
}

// prepareHost is vCenter preparing a host for keys (PrepareCrypto).
func prepareHost(h *hostRecord) {
	if h.CryptoState == HostCryptoIncapable {
		h.CryptoState = HostCryptoPrepared
	}
}
