package cmdlets

import (
	"github.com/keyhost/keyhost/ps/eval"
)

// vmOnlyParameters is -VM (position 0, pipeline, names allowed),
// -RunAsync and -Server.
func vmOnlyParameters(help string) []*eval.Parameter {
	return []*eval.Parameter{
		{Name: "VM", Type: vmParamType, NotNullOrEmpty: true, Wildcards: true, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Mandatory: true, Position: 0, ValueFromPipeline: true}},
			Help: help},
		runAsyncParam(),
		serverParam(),
	}
}

// vmOperation is one VM operation run as a vCenter task.
type vmOperation struct {
	// action names the operation in -WhatIf and prompts and is the task's
	// description ("Power On virtual machine"); method is the task's name.
	action, method string
	// work does it and returns the cmdlet's output object.
	work func(vm vmRef) (any, error)
}

// eachVM runs a VM operation on every -VM after confirmation, as a task
// per VM; failures are PowerCLI's non-terminating task errors.
func (s *Session) eachVM(c *eval.Call, op vmOperation) error {
	targets, err := s.targets(c)
	if err != nil {
		return err
	}
	vms, err := s.resolveVMs(c, c.Value("VM"), targets)
	if err != nil {
		return err
	}
	for _, vm := range vms {
		ok, err := c.ShouldProcess(vm.Name, op.action)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		vm := vm
		if err := vm.s.perform(c, taskSpec{name: op.method, description: op.action, entity: vm.Name, objectID: vm.ID.String(),
			work: func() (any, error) { return op.work(vm) }}, true); err != nil {
			return err
		}
	}
	return nil
}

// startVM is Start-VM: powers VMs on. An encrypted VM needs its keys on
// its host: a locked VM does not start (Unlock-VM first). It writes the
// updated VMs and does not prompt (ConfirmImpact Medium, best reading).
func (s *Session) startVM() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                  "Start-VM",
		Module:                "VMware.VimAutomation.Core",
		ImplementingType:      "VMware.VimAutomation.ViCore.Cmdlets.Commands.StartVM",
		Synopsis:              "Powers on virtual machines.",
		SupportsShouldProcess: true,
		ConfirmImpact:         eval.ImpactMedium,
		OutputType:            []string{"VMware.VimAutomation.ViCore.Types.V1.Inventory.VirtualMachine"},
		Parameters:            vmOnlyParameters("The virtual machines to power on."),
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				return s.eachVM(c, vmOperation{action: "Power On virtual machine", method: "PowerOnVM_Task", work: func(vm vmRef) (any, error) {
					if err := vm.s.World.PowerOn(vm.ID.Value); err != nil {
						return nil, err
					}
					return vm.s.currentVM(vm.ID)
				}})
			})
		},
	}
}

// stopVM is Stop-VM: powers VMs off (-Kill too: keyhost's VMs have no
// guest to shut down, so both end the same way). It prompts by default, as
// PowerCLI's Stop-VM does (ConfirmImpact High): scripts pass
// -Confirm:$false. It writes the updated VMs.
func (s *Session) stopVM() *eval.CommandInfo {
	params := vmOnlyParameters("The virtual machines to power off.")
	params = append(params, &eval.Parameter{Name: "Kill", Switch: true, Help: "Stop the virtual machines' processes on their hosts."})
	return &eval.CommandInfo{
		Name:                  "Stop-VM",
		Module:                "VMware.VimAutomation.Core",
		ImplementingType:      "VMware.VimAutomation.ViCore.Cmdlets.Commands.StopVM",
		Synopsis:              "Powers off virtual machines.",
		SupportsShouldProcess: true,
		ConfirmImpact:         eval.ImpactHigh,
		OutputType:            []string{"VMware.VimAutomation.ViCore.Types.V1.Inventory.VirtualMachine"},
		Parameters:            params,
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				return s.eachVM(c, vmOperation{action: "Power Off virtual machine", method: "PowerOffVM_Task", work: func(vm vmRef) (any, error) {
					if err := vm.s.World.PowerOff(vm.ID.Value); err != nil {
						return nil, err
					}
					return vm.s.currentVM(vm.ID)
				}})
			})
		},
	}
}

// unlockVM is Unlock-VM (VirtualMachine.CryptoUnlock_Task): vCenter sends
// a locked VM's host the keys it lacks, so the VM returns to unlocked and
// can be powered on. It writes the VMs.
func (s *Session) unlockVM() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                  "Unlock-VM",
		Module:                "VMware.VimAutomation.Security",
		ImplementingType:      "VMware.VimAutomation.Security.Commands.UnlockVM",
		Synopsis:              "Unlocks locked encrypted virtual machines by sending their hosts the keys they lack.",
		SupportsShouldProcess: true,
		ConfirmImpact:         eval.ImpactMedium,
		OutputType:            []string{"VMware.VimAutomation.ViCore.Types.V1.Inventory.VirtualMachine"},
		Parameters:            vmOnlyParameters("The virtual machines to unlock."),
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				return s.eachVM(c, vmOperation{action: "Unlock virtual machine", method: "CryptoUnlock_Task", work: func(vm vmRef) (any, error) {
					updated, err := vm.s.World.UnlockVM(vm.ID.Value)
					if err != nil {
						return nil, err
					}
					return vm.s.vmObject(updated), nil
				}})
			})
		},
	}
}
