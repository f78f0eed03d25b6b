package engine

// AddVTPM adds a virtual TPM to a VM (New-VTpm). vSphere keeps vTPM state in
// the encrypted VM home, so an unencrypted home is encrypted in the same
// operation with a new key from provider ("" = the VM's default provider);
// the disks are left alone ("vTPM only"). The VM must be powered off, use EFI
// firmware and not be a template; encrypting the home also requires no
// snapshots. (Power-state and firmware rules beyond encryption's are
// UNVERIFIED against a real vCenter.)
func (w *World) AddVTPM(vmID, provider string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	vm, err := w.vmLocked(vmID)
	if err != nil {
		return err
	}
	ref := MoRef{TypeVM, vm.ID}
	if err := w.requireVCenter("add a virtual TPM to " + vm.Name); err != nil {
		return err
	}
	if err := checkVTPMChange(vm); err != nil {
		return err
	}
	if vm.VTPM {
		return invalidState(ref, "Virtual machine %s already has a virtual TPM.", vm.Name)
	}
	if vm.Firmware != "efi" {
		return invalidState(ref, "Virtual machine %s uses %s firmware; a virtual TPM requires EFI.", vm.Name, vm.Firmware)
	}
	if vm.Home.Key == nil {
		plan, err := w.planVMCrypto(vm, CryptoChange{Home: CryptoEncrypt})
		if err != nil {
			return err
		}
		// applyVMCrypto commits (and counts the change) only on success; the
		// vTPM flag is set under the same lock, so the two apply together.
		if err := w.applyVMCrypto(vm, plan, provider); err != nil {
			return err
		}
		vm.VTPM = true
		return nil
	}
	vm.VTPM = true
	w.changed()
	return nil
}

// RemoveVTPM removes a VM's virtual TPM (Remove-VTpm). The home stays
// encrypted; decrypt it separately if wanted.
func (w *World) RemoveVTPM(vmID string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	vm, err := w.vmLocked(vmID)
	if err != nil {
		return err
	}
	if err := w.requireVCenter("remove the virtual TPM of " + vm.Name); err != nil {
		return err
	}
	if err := checkVTPMChange(vm); err != nil {
		return err
	}
	if !vm.VTPM {
		return invalidState(MoRef{TypeVM, vm.ID}, "Virtual machine %s has no virtual TPM.", vm.Name)
	}
	vm.VTPM = false
	w.changed()
	return nil
}

func checkVTPMChange(vm *vmRecord) error {
	ref := MoRef{TypeVM, vm.ID}
	if vm.Template {
		return notSupported(ref, "Virtual machine %s is a template. Convert it to a virtual machine before changing its devices.", vm.Name)
	}
	if vm.PowerState != PoweredOff {
		return invalidPowerState(ref, vm.PowerState)
	}
	return nil
}
