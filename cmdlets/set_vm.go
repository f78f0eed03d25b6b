package cmdlets

import (
	"github.com/keyhost/keyhost/engine"
	"github.com/keyhost/keyhost/ps/eval"
)

// setVM is Set-VM with the parameter sets encryption scripts use:
//
//	Set-VM [-VM] <VirtualMachine[]> -KeyProvider <KeyProvider> [-SkipHardDisks] [-RunAsync]   (EncryptParameterSet)
//	Set-VM [-VM] <VirtualMachine[]> -DisableEncryption [-RunAsync]                            (DecryptParameterSet)
//	Set-VM [-VM] <VirtualMachine[]> -ToTemplate [-Name <String>] [-RunAsync]                  (ToTemplate; set name best reading)
//	Set-VM [-VM] <VirtualMachine[]> -Name <String> [-RunAsync]                               (Default)
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
// what the FAQ scripts' -Confirm:$false implies; best reading), with
// PowerShell's standard prompt, the form PowerCLI's cmdlets use (public
// transcripts of Disconnect-VIServer); the operation is named after the
// vSphere task ("Reconfigure virtual machine"; best reading).
func (s *Session) setVM() *eval.CommandInfo {
	vmSets := func(sets ...string) []eval.ParameterSet {
		out := make([]eval.ParameterSet, len(sets))
		for i, n := range sets {
			out[i] = eval.ParameterSet{Name: n, Mandatory: true, Position: 0, ValueFromPipeline: true}
		}
		return out
	}
	return &eval.CommandInfo{
		Name:                  "Set-VM",
		Module:                "VMware.VimAutomation.Core",
		ImplementingType:      "VMware.VimAutomation.ViCore.Cmdlets.Commands.SetVM",
		Synopsis:              "Modifies the configuration of virtual machines (their encryption, name, template state).",
		DefaultParameterSet:   "EncryptParameterSet",
		SupportsShouldProcess: true,
		ConfirmImpact:         eval.ImpactHigh,
		OutputType:            []string{"VMware.VimAutomation.ViCore.Types.V1.Inventory.VirtualMachine"},
		Parameters: []*eval.Parameter{
			{Name: "VM", Type: vmParamType, NotNullOrEmpty: true, Wildcards: true, Sets: vmSets("EncryptParameterSet", "DecryptParameterSet", "ToTemplate", "Default"),
				Help: "The virtual machines to change."},
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
			{Name: "Name", Type: eval.StringType, NotNullOrEmpty: true, Sets: []eval.ParameterSet{
				{Name: "Default", Mandatory: true, Position: -1}, {Name: "ToTemplate", Position: -1},
			}, Help: "The new name of the virtual machine."},
			runAsyncParam(),
			serverParam(),
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				targets, err := s.targets(c)
				if err != nil {
					return err
				}
				vms, err := s.resolveVMs(c, c.Value("VM"), targets)
				if err != nil {
					return err
				}
				for _, vm := range vms {
					switch c.ParameterSetName() {
					case "ToTemplate":
						err = s.setVMToTemplate(c, vm)
					case "Default":
						err = s.renameVM(c, vm)
					default:
						err = s.setVMCrypto(c, vm)
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
func (s *Session) setVMCrypto(c *eval.Call, vm vmRef) error {
	change := engine.CryptoChange{Disks: map[int32]engine.CryptoOp{}}
	if c.ParameterSetName() == "EncryptParameterSet" {
		provider, err := s.resolveKeyProvider(c, c.Value("KeyProvider"), vm.s)
		if err != nil {
			return err
		}
		change.Provider = provider.Name
	}
	skipDisks := c.Switch("SkipHardDisks")
	var rewriteKB int64
	if c.ParameterSetName() == "DecryptParameterSet" {
		if vm.Key != nil {
			change.Home = engine.CryptoDecrypt
		}
		for _, d := range vm.Disks {
			if d.Key != nil {
				change.Disks[d.DeviceKey] = engine.CryptoDecrypt
				rewriteKB += d.CapacityKB
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
					rewriteKB += d.CapacityKB
				}
			}
		}
	}
	ok, err := c.ShouldProcess(vm.Name, "Reconfigure virtual machine")
	if err != nil || !ok {
		return err
	}
	return vm.s.perform(c, taskSpec{name: "ReconfigVM_Task", description: "Reconfigure virtual machine", entity: vm.Name, objectID: vm.ID.String(),
		delay: vm.s.pacedDelay(rewriteKB / (1024 * 1024)),
		work: func() (any, error) {
			if err := vm.s.World.ReconfigureCrypto(vm.ID.Value, change); err != nil {
				return nil, err
			}
			return vm.s.currentVM(vm.ID)
		}}, true)
}

// currentVM returns the current PowerCLI object of a VM.
func (s *Session) currentVM(id engine.MoRef) (any, error) {
	updated, err := s.World.VM(id.Value)
	if err != nil {
		return nil, err
	}
	if updated.Template {
		return s.templateObject(updated), nil
	}
	return s.vmObject(updated), nil
}

// setVMToTemplate converts one VM to a template (renaming it first with
// -Name) and writes the template.
func (s *Session) setVMToTemplate(c *eval.Call, vm vmRef) error {
	ok, err := c.ShouldProcess(vm.Name, "Mark as template")
	if err != nil || !ok {
		return err
	}
	name, rename := c.String("Name"), c.Has("Name")
	return vm.s.perform(c, taskSpec{name: "MarkAsTemplate", description: "Mark as template", entity: vm.Name, objectID: vm.ID.String(),
		work: func() (any, error) {
			if rename {
				if _, err := vm.s.World.RenameVM(vm.ID.Value, name); err != nil {
					return nil, err
				}
			}
			updated, err := vm.s.World.MarkAsTemplate(vm.ID.Value)
			if err != nil {
				return nil, err
			}
			return vm.s.templateObject(updated), nil
		}}, true)
}

// renameVM is Set-VM -Name.
func (s *Session) renameVM(c *eval.Call, vm vmRef) error {
	ok, err := c.ShouldProcess(vm.Name, "Rename virtual machine")
	if err != nil || !ok {
		return err
	}
	name := c.String("Name")
	return vm.s.perform(c, taskSpec{name: "Rename_Task", description: "Rename virtual machine", entity: vm.Name, objectID: vm.ID.String(),
		work: func() (any, error) {
			if _, err := vm.s.World.RenameVM(vm.ID.Value, name); err != nil {
				return nil, err
			}
			return vm.s.currentVM(vm.ID)
		}}, true)
}
