package cmdlets

import (
	"fmt"

	"github.com/keyhost/keyhost/engine"
	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
)

var (
	vtpmTypeNames = []string{
		"VMware.VimAutomation.Security.Impl.V1.Entity.VTpmImpl",
		"VMware.VimAutomation.Security.Types.V1.Entity.VTpm",
	}
	vtpmParamType = inventoryParamType("VMware.VimAutomation.Security.Types.V1.Entity.VTpm[]", "VMware.VimAutomation.Security.Types.V1.Entity.VTpm")
)

// vtpmObject builds a PowerCLI VTpm for a VM that has one.
func (s *Session) vtpmObject(vm engine.VM) *deviceObject {
	o := &deviceObject{PSObject: value.NewPSObject(vtpmTypeNames...), vm: vm.ID, key: vtpmKey}
	o.ToStringFunc = func() string { return "Virtual TPM" }
	id := deviceID(vm.ID, vtpmKey)
	o.Add("Description", "Virtual TPM").
		Add("ConnectionState", nil).
		Add("ExtensionData", value.Lazy(func() any { return vtpmView() })).
		Add("Id", id).
		Add("Key", vtpmKey).
		Add("Name", "Virtual TPM").
		Add("Parent", value.Lazy(func() any { return s.vmObject(vm) })).
		Add("ParentId", vm.ID.String()).
		Add("Uid", s.uid("VTpm", id))
	return o
}

// newVTpm is New-VTpm -VM: adds a virtual TPM. vSphere keeps vTPM state in
// the encrypted VM home, so an unencrypted home is encrypted with a key
// from the VM's default key provider (the disks stay as they are: a "vTPM
// only" VM). The VM must be powered off and use EFI firmware.
func (s *Session) newVTpm() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                  "New-VTpm",
		Module:                "VMware.VimAutomation.Security",
		ImplementingType:      "VMware.VimAutomation.Security.Commands.NewVTpm",
		Synopsis:              "Adds a virtual TPM to virtual machines (their home is encrypted if it was not).",
		SupportsShouldProcess: true,
		ConfirmImpact:         eval.ImpactMedium,
		OutputType:            []string{"VMware.VimAutomation.Security.Types.V1.Entity.VTpm"},
		Parameters: []*eval.Parameter{
			{Name: "VM", Type: vmParamType, NotNullOrEmpty: true, Wildcards: true, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Mandatory: true, Position: -1, ValueFromPipeline: true}},
				Help: "The virtual machines to add a vTPM to."},
			serverParam(),
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				return s.eachVM(c, "Add virtual TPM", func(vm engine.VM) error {
					if err := s.World.AddVTPM(vm.ID.Value, ""); err != nil {
						return err
					}
					updated, err := s.World.VM(vm.ID.Value)
					if err != nil {
						return err
					}
					return c.WriteObject(s.vtpmObject(updated))
				})
			})
		},
	}
}

// getVTpm is Get-VTpm -VM (or -Id): the virtual TPMs of VMs.
func (s *Session) getVTpm() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                "Get-VTpm",
		Module:              "VMware.VimAutomation.Security",
		ImplementingType:    "VMware.VimAutomation.Security.Commands.GetVTpm",
		Synopsis:            "Retrieves the virtual TPMs of virtual machines.",
		DefaultParameterSet: "Default",
		OutputType:          []string{"VMware.VimAutomation.Security.Types.V1.Entity.VTpm"},
		Parameters: []*eval.Parameter{
			{Name: "VM", Type: vmParamType, NotNullOrEmpty: true, Wildcards: true, Sets: []eval.ParameterSet{{Name: "Default", Mandatory: true, Position: -1, ValueFromPipeline: true}},
				Help: "The virtual machines whose vTPMs to retrieve."},
			{Name: "Id", Type: eval.StringArrayType, Sets: []eval.ParameterSet{{Name: "ById", Mandatory: true, Position: -1}},
				Help: "The ids of the vTPMs to retrieve (VirtualMachine-vm-105/11000)."},
			serverParam(),
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				if err := s.checkServer(c); err != nil {
					return err
				}
				var vms []engine.VM
				if c.ParameterSetName() == "ById" {
					vms = s.World.VMs()
				} else {
					var err error
					if vms, err = s.resolveVMs(c, c.Value("VM")); err != nil {
						return err
					}
				}
				var tpms []*deviceObject
				for _, vm := range vms {
					if vm.VTPM {
						tpms = append(tpms, s.vtpmObject(vm))
					}
				}
				if c.ParameterSetName() == "ById" {
					return writeByID(c, "VTpm", tpms, func(d *deviceObject) string { return deviceID(d.vm, d.key) },
						func(d *deviceObject) error { return c.WriteObject(d) })
				}
				for _, d := range tpms {
					if err := c.WriteObject(d); err != nil {
						return err
					}
				}
				return nil
			})
		},
	}
}

// removeVTpm is Remove-VTpm -VTpm: removes virtual TPMs; the VM home stays
// encrypted. It writes nothing. It prompts by default (device removal;
// ConfirmImpact High, best reading).
func (s *Session) removeVTpm() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                  "Remove-VTpm",
		Module:                "VMware.VimAutomation.Security",
		ImplementingType:      "VMware.VimAutomation.Security.Commands.RemoveVTpm",
		Synopsis:              "Removes virtual TPMs from virtual machines.",
		SupportsShouldProcess: true,
		ConfirmImpact:         eval.ImpactHigh,
		Parameters: []*eval.Parameter{
			{Name: "VTpm", Type: vtpmParamType, NotNullOrEmpty: true, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Mandatory: true, Position: -1, ValueFromPipeline: true}},
				Help: "The vTPMs to remove."},
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				if err := s.checkServer(c); err != nil {
					return err
				}
				for _, item := range value.Enumerate(c.Value("VTpm")) {
					d, ok := item.(*deviceObject)
					if !ok {
						continue
					}
					vm, err := s.World.VM(d.vm.Value)
					if err != nil {
						if werr := c.WriteError(notFound(c, "VM", d.vm.String())); werr != nil {
							return werr
						}
						continue
					}
					desc := fmt.Sprintf("Performing operation 'Remove virtual TPM' on VM '%s'.", vm.Name)
					ok, err = c.ShouldProcessCaption(desc, desc, "Perform operation?")
					if err != nil {
						return err
					}
					if !ok {
						continue
					}
					if err := s.World.RemoveVTPM(vm.ID.Value); err != nil {
						if werr := c.WriteError(faultError(c, vm.Name, err)); werr != nil {
							return werr
						}
					}
				}
				return nil
			})
		},
	}
}

// eachVM runs a VM operation on every -VM after confirmation, reporting
// failures as PowerCLI's non-terminating task errors.
func (s *Session) eachVM(c *eval.Call, operation string, do func(engine.VM) error) error {
	if err := s.checkServer(c); err != nil {
		return err
	}
	vms, err := s.resolveVMs(c, c.Value("VM"))
	if err != nil {
		return err
	}
	for _, vm := range vms {
		desc := fmt.Sprintf("Performing operation '%s' on VM '%s'.", operation, vm.Name)
		ok, err := c.ShouldProcessCaption(desc, desc, "Perform operation?")
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		if err := do(vm); err != nil {
			if _, isFault := engine.AsFault(err); !isFault {
				return err
			}
			if werr := c.WriteError(faultError(c, vm.Name, err)); werr != nil {
				return werr
			}
		}
	}
	return nil
}
