package engine

// Templates. An encrypted template keeps its keys (Config.KeyId), but vSphere
// changes nothing on a template: to rekey one, convert it to a VM
// (Set-Template -ToVM), rekey, and convert it back (Set-VM -ToTemplate), as
// VMware's samples do. Every crypto operation refuses a template.

// MarkAsTemplate converts a powered-off VM without snapshots into a
// template (VirtualMachine.MarkAsTemplate, Set-VM -ToTemplate). Whether
// vCenter refuses snapshots here is UNVERIFIED; keyhost's templates have
// none, as its inventories require.
func (w *World) MarkAsTemplate(vmID string) (VM, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	vm, err := w.vmLocked(vmID)
	if err != nil {
		return VM{}, err
	}
	ref := MoRef{TypeVM, vm.ID}
	if err := w.requireVCenter("convert " + vm.Name + " to a template"); err != nil {
		return VM{}, err
	}
	switch {
	case vm.Template:
		return VM{}, invalidState(ref, "Virtual machine %s is already a template.", vm.Name)
	case vm.PowerState != PoweredOff:
		return VM{}, invalidPowerState(ref, vm.PowerState)
	case len(vm.Snapshots) > 0:
		return VM{}, invalidState(ref, "Virtual machine %s has snapshots; remove them before converting it to a template.", vm.Name)
	}
	vm.Template = true
	w.changed()
	return w.vmCopy(vm), nil
}

// MarkAsVirtualMachine converts a template back into a VM on its host
// (VirtualMachine.MarkAsVirtualMachine, Set-Template -ToVM).
func (w *World) MarkAsVirtualMachine(vmID string) (VM, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	vm, err := w.vmLocked(vmID)
	if err != nil {
		return VM{}, err
	}
	if err := w.requireVCenter("convert template " + vm.Name + " to a virtual machine"); err != nil {
		return VM{}, err
	}
	if !vm.Template {
		return VM{}, invalidState(MoRef{TypeVM, vm.ID}, "Virtual machine %s is not a template.", vm.Name)
	}
	vm.Template = false
	w.changed()
	return w.vmCopy(vm), nil
}
