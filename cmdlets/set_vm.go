package cmdlets

import (
	"fmt"

	"github.com/keyhost/keyhost/engine"
	"github.com/keyhost/keyhost/ps/eval"
)

// setVM is Set-VM with the parameter sets that change a VM's encryption:
//
//	Set-VM [-VM] <VirtualMachine[]> -KeyProvider <KeyProvider> [-SkipHardDisks]   (EncryptParameterSet)
//	Set-VM [-VM] <VirtualMachine[]> -DisableEncryption                            (DecryptParameterSet)
//	Set-VM [-VM] <VirtualMachine[]> -ToTemplate                                   (ToTemplate; set name best reading)
//
// On a VM that is not encrypted, -KeyProvider encrypts it (its home, and
// its disks unless -SkipHardDisks); on an encrypted VM it re-encrypts with a
// new key from that provider, which is a shallow rekey: the DEKs stay, only
// their wrapping changes (the NKP FAQ's "deep rekey" snippet is this same
// call, so it too is a shallow rekey). With -SkipHardDisks only the VM home
// is touched and encrypted disks keep their key (best reading: PowerCLI
// sends a NoOp crypto spec for each disk). vSphere's own rules decide what
// is refused (a powered-on VM cannot be encrypted; shallow rekeys need a
// single snapshot branch and no linked clone).
//
// Failures are non-terminating errors per VM, as PowerCLI reports task
// failures; -ErrorAction Stop turns the first into a terminating error.
// Set-VM prompts for confirmation by default (ConfirmImpact High, which is
// what the FAQ scripts' -Confirm:$false implies; best reading).
func (s *Session) setVM() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                  "Set-VM",
		Module:                "VMware.VimAutomation.Core",
		ImplementingType:      "VMware.VimAutomation.ViCore.Cmdlets.Commands.SetVM",
		Synopsis:              "Modifies the configuration of virtual machines (here: their encryption).",
		DefaultParameterSet:   "EncryptParameterSet",
		SupportsShouldProcess: true,
		ConfirmImpact:         eval.ImpactHigh,
		OutputType:            []string{"VMware.VimAutomation.ViCore.Types.V1.Inventory.VirtualMachine"},
		Parameters: []*eval.Parameter{
			{Name: "VM", Type: vmParamType, NotNullOrEmpty: true, Wildcards: true, Sets: []eval.ParameterSet{
				{Name: "EncryptParameterSet", Mandatory: true, Position: 0, ValueFromPipeline: true},
				{Name: "DecryptParameterSet", Mandatory: true, Position: 0, ValueFromPipeline: true},
				{Name: "ToTemplate", Mandatory: true, Position: 0, ValueFromPipeline: true},
			}, Help: "The virtual machines to change."},
			{Name: "KeyProvider", Type: keyProviderParamType, NotNullOrEmpty: true, Sets: []eval.ParameterSet{
				{Name: "EncryptParameterSet", Mandatory: true, Position: -1},
			}, Help: "Encrypt (or re-encrypt) with a new key from this key provider."},
			{Name: "SkipHardDisks", Switch: true, Sets: []eval.ParameterSet{
				{Name: "EncryptParameterSet", Position: -1},
			}, Help: "Apply the change to the VM home (configuration, NVRAM, vTPM) only."},
			{Name: "DisableEncryption", Switch: true, Sets: []eval.ParameterSet{
				{Name: "DecryptParameterSet", Mandatory: true, Position: -1},
			}, Help: "Decrypt the VM and its disks."},
			{Name: "ToTemplate", Switch: true, Sets: []eval.ParameterSet{
				{Name: "ToTemplate", Mandatory: true, Position: -1},
			}, Help: "Convert the VM (powered off, without snapshots) to a template."},
			serverParam(),
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				if err := s.checkServer(c); err != nil {
					return err
				}
				vms, err := s.resolveVMs(c, c.Value("VM"))
				if err != nil {
					return err
				}
				var provider engine.KeyProvider
				if c.ParameterSetName() == "EncryptParameterSet" {
					if provider, err = s.resolveKeyProvider(c, c.Value("KeyProvider")); err != nil {
						return err
					}
				}
				for _, vm := range vms {
					if c.ParameterSetName() == "ToTemplate" {
						err = s.setVMToTemplate(c, vm)
					} else {
						err = s.setVMCrypto(c, vm, provider)
					}
					if err != nil {
						return err
					}
				}
				return nil
			})
		},
	}
}

// setVMCrypto applies Set-VM's encryption change to one VM.
func (s *Session) setVMCrypto(c *eval.Call, vm engine.VM, provider engine.KeyProvider) error {
	change := engine.CryptoChange{Provider: provider.Name, Disks: map[int32]engine.CryptoOp{}}
	skipDisks := c.Switch("SkipHardDisks")
	if c.ParameterSetName() == "DecryptParameterSet" {
		if vm.Key != nil {
			change.Home = engine.CryptoDecrypt
		}
		for _, d := range vm.Disks {
			if d.Key != nil {
				change.Disks[d.DeviceKey] = engine.CryptoDecrypt
			}
		}
	} else {
		if vm.Key != nil {
			change.Home = engine.CryptoShallowRecrypt
		} else {
			change.Home = engine.CryptoEncrypt
		}
		if !skipDisks {
			for _, d := range vm.Disks {
				if d.Key != nil {
					change.Disks[d.DeviceKey] = engine.CryptoShallowRecrypt
				} else {
					change.Disks[d.DeviceKey] = engine.CryptoEncrypt
				}
			}
		}
	}
	// PowerCLI words its own prompts: "Perform operation?" and
	// "Performing operation '...' on VM '...'" (best reading).
	desc := fmt.Sprintf("Performing operation 'Reconfigure VM.' on VM '%s'.", vm.Name)
	ok, err := c.ShouldProcessCaption(desc, desc, "Perform operation?")
	if err != nil || !ok {
		return err
	}
	if err := s.World.ReconfigureCrypto(vm.ID.Value, change); err != nil {
		return c.WriteError(faultError(c, vm.Name, err))
	}
	updated, err := s.World.VM(vm.ID.Value)
	if err != nil {
		return c.WriteError(faultError(c, vm.Name, err))
	}
	return c.WriteObject(s.vmObject(updated))
}

// setVMToTemplate converts one VM to a template and writes the template.
func (s *Session) setVMToTemplate(c *eval.Call, vm engine.VM) error {
	desc := fmt.Sprintf("Performing operation 'Mark as template.' on VM '%s'.", vm.Name)
	ok, err := c.ShouldProcessCaption(desc, desc, "Perform operation?")
	if err != nil || !ok {
		return err
	}
	updated, err := s.World.MarkAsTemplate(vm.ID.Value)
	if err != nil {
		return c.WriteError(faultError(c, vm.Name, err))
	}
	return c.WriteObject(s.templateObject(updated))
}
