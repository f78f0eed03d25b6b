package engine

import "fmt"

// UnlockVM unlocks a locked VM (VirtualMachine.CryptoUnlock_Task,
// Unlock-VM): vCenter sends its host the keys it lacks, so the VM can be
// powered on again. A Native provider the host does not hold (or can no
// longer unseal: a cleared TPM) is pushed to it again and sealed anew; a
// Standard provider's KEK is fetched from its KMS and pushed to the hosts
// of the cluster. It fails, changing nothing, when a key's provider is
// missing from the world (import it first), may not serve the host
// (TPM-required on a host without a TPM, never backed up), or its KMS
// cannot be reached. Unlocking an unlocked VM does nothing.
func (w *World) UnlockVM(vmID string) (VM, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	vm, err := w.vmLocked(vmID)
	if err != nil {
		return VM{}, err
	}
	ref := MoRef{TypeVM, vm.ID}
	if err := w.requireVCenter("unlock virtual machine " + vm.Name); err != nil {
		return VM{}, err
	}
	if who, _ := w.vmLockedBy(vm); who == "" {
		return w.vmCopy(vm), nil
	}
	host := w.hosts[vm.Host]
	kr := w.hostKeyring(host, true)
	defer kr.close()
	var commits []func()
	resealed := map[string]bool{}
	keys := []*KeyRef{}
	for _, o := range vmObjects(vm) {
		keys = append(keys, o.obj.Key)
	}
	for _, l := range vmLinks(vm) {
		keys = append(keys, l.obj.Key)
	}
	for _, k := range keys {
		if k == nil || w.keyUnusableOn(host, *k) == "" {
			continue
		}
		p, err := w.keyProviderOf(ref, "virtual machine "+vm.Name, k)
		if err != nil {
			return VM{}, err
		}
		switch p.Type {
		case ProviderNative:
			if resealed[p.Name] {
				continue
			}
			if f := backupFault(p); f != nil {
				return VM{}, f
			}
			if !mayHold(host, p) {
				return VM{}, checkServe(p, host)
			}
			c, err := w.sealForHost(host, []*providerRecord{p})
			if err != nil {
				return VM{}, runtimeFault(ref, fmt.Errorf("unlock %s: push key provider %s to host %s: %w", vm.Name, p.Name, host.Name, err))
			}
			commits = append(commits, c)
			resealed[p.Name] = true
		case ProviderStandard:
			if _, err := kr.kek(*k); err != nil { // fetched from the KMS, staged for the hosts
				return VM{}, runtimeFault(ref, fmt.Errorf("unlock %s: %w", vm.Name, err))
			}
		}
	}
	kr.commit()
	for _, c := range commits {
		c()
	}
	w.changed()
	return w.vmCopy(vm), nil
}
