package engine

import (
	"fmt"

	kcrypto "github.com/keyhost/keyhost/engine/crypto"
)

// PowerOn powers a VM on (or resumes a suspended one). An encrypted VM needs
// its keys on the host, so its providers must be able to serve that host.
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
	if err := w.checkKeysReachHost(vm, host); err != nil {
		return err
	}
	vm.PowerState = PoweredOn
	if vm.Home.Key != nil {
		markHostSafe(host, vm.Home.Key)
	}
	w.changed()
	return nil
}

// checkKeysReachHost checks that every key the VM uses can be served to host
// and that each one really unwraps its DEK, as the host must do to run the VM.
func (w *World) checkKeysReachHost(vm *vmRecord, host *hostRecord) error {
	ref := MoRef{TypeVM, vm.ID}
	objs := []*objectRecord{&vm.Home}
	for _, d := range vm.Disks {
		objs = append(objs, &d.Object)
	}
	kr := w.newKeyring()
	defer kr.close()
	for _, o := range objs {
		if o.Key == nil {
			continue
		}
		p, err := w.keyProviderOf(ref, "virtual machine "+vm.Name, o.Key)
		if err != nil {
			return err
		}
		if err := checkServe(p, host); err != nil {
			return err
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
