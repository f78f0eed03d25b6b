package engine

import (
	"fmt"

	kcrypto "github.com/keyhost/keyhost/engine/crypto"
)

// PowerOn powers a VM on (or resumes a suspended one). It is the host's
// work, so it needs no vCenter: an encrypted VM's host must hold every key
// the VM uses (its unsealed copy of a Native provider's KDK, the KEKs
// vCenter pushed it for Standard providers) and they must really unwrap
// the DEKs. A locked VM does not power on; unlock it first (UnlockVM). An
// incapable host is prepared for the keys, which needs vCenter.
func (w *World) PowerOn(vmID string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	vm, err := w.vmLocked(vmID)
	if err != nil {
		return err
	}
	ref := MoRef{TypeVM, vm.ID}
	if vm.Template {
		return notSupported(ref, "Virtual machine %s is a template and cannot be powered on.", vm.Name)
	}
	if vm.PowerState == PoweredOn {
		return invalidPowerState(ref, vm.PowerState)
	}
	host := w.hosts[vm.Host]
	prepare := false
	if vm.Home.Key != nil {
		if prepare = host.CryptoState == HostCryptoIncapable; prepare {
			if err := w.requireVCenter(fmt.Sprintf("prepare host %s for the keys of %s", host.Name, vm.Name)); err != nil {
				return err
			}
		}
		if err := w.checkKeysReachHost(vm, host); err != nil {
			return err
		}
	}
	vm.PowerState = PoweredOn
	if prepare {
		prepareHost(host)
	}
	w.changed()
	return nil
}

// checkKeysReachHost checks that the host holds every key the VM's
// objects and snapshot links use, and that each one really unwraps its
// DEK, as the host must do to run the VM.
func (w *World) checkKeysReachHost(vm *vmRecord, host *hostRecord) error {
	ref := MoRef{TypeVM, vm.ID}
	if who, why := w.vmLockedBy(vm); who != "" {
		return lockedVMFault(ref, vm.Name, why)
	}
	objs := []*objectRecord{}
	for _, o := range vmObjects(vm) {
		objs = append(objs, o.obj)
	}
	for _, l := range vmLinks(vm) {
		objs = append(objs, l.obj)
	}
	kr := w.hostKeyring(host, false)
	defer kr.close()
	for _, o := range objs {
		if o.Key == nil {
			continue
		}
		dek, err := kr.unwrapDEK(o)
		if err != nil {
			return runtimeFault(ref, fmt.Errorf("power on %s: %w", vm.Name, err))
		}
		kcrypto.Wipe(dek)
	}
	return nil
}

// PowerOff powers a VM off (a suspended VM too).
func (w *World) PowerOff(vmID string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	vm, err := w.vmLocked(vmID)
	if err != nil {
		return err
	}
	ref := MoRef{TypeVM, vm.ID}
	if vm.Template {
		return notSupported(ref, "Virtual machine %s is a template and cannot be powered off.", vm.Name)
	}
	if vm.PowerState == PoweredOff {
		return invalidPowerState(ref, vm.PowerState)
	}
	vm.PowerState = PoweredOff
	w.changed()
	return nil
}
