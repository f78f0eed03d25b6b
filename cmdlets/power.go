package cmdlets

import (
	"github.com/keyhost/keyhost/engine"
	"github.com/keyhost/keyhost/ps/eval"
)

// vmOnlyParameters is -VM (position 0, pipeline, names allowed) and -Server.
func vmOnlyParameters(help string) []*eval.Parameter {
	return []*eval.Parameter{
		{Name: "VM", Type: vmParamType, NotNullOrEmpty: true, Wildcards: true, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Mandatory: true, Position: 0, ValueFromPipeline: true}},
			Help: help},
		{Name: "RunAsync", Switch: true, Help: "Accepted for compatibility; keyhost's tasks finish before the cmdlet returns."},
		serverParam(),
	}
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
				return s.eachVM(c, "Start virtual machine", func(vm engine.VM) error {
					if err := s.World.PowerOn(vm.ID.Value); err != nil {
						return err
					}
					return s.writeVM(c, vm)
				})
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
				return s.eachVM(c, "Stop virtual machine", func(vm engine.VM) error {
					if err := s.World.PowerOff(vm.ID.Value); err != nil {
						return err
					}
					return s.writeVM(c, vm)
				})
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
				return s.eachVM(c, "Unlock virtual machine", func(vm engine.VM) error {
					updated, err := s.World.UnlockVM(vm.ID.Value)
					if err != nil {
						return err
					}
					return c.WriteObject(s.vmObject(updated))
				})
			})
		},
	}
}

// writeVM writes a VM's current state.
func (s *Session) writeVM(c *eval.Call, vm engine.VM) error {
	updated, err := s.World.VM(vm.ID.Value)
	if err != nil {
		return err
	}
	return c.WriteObject(s.vmObject(updated))
}
