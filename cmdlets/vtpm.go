package cmdlets

import (
	"github.com/keyhost/keyhost/engine"
	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
)

var (
	vtpmTypeNames = []string{
		"VMware.VimAutomation.Security.Impl.V1.Entity.VTpmImpl",
		"VMware.VimAutomation.Security.Types.V1.Entity.VTpm",
		"System.Object",
	}
	vtpmParamType = inventoryParamType("VMware.VimAutomation.Security.Types.V1.Entity.VTpm[]", "VMware.VimAutomation.Security.Types.V1.Entity.VTpm")
)

// vtpmObject builds a PowerCLI VTpm for a VM that has one.
func (s *Session) vtpmObject(vm engine.VM) *deviceObject {
	o := &deviceObject{PSObject: value.NewPSObject(vtpmTypeNames...), vm: vm.ID, key: vtpmKey, s: s}
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
			runAsyncParam(),
			serverParam(),
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				return s.eachVM(c, vmOperation{action: "Add virtual TPM", method: "ReconfigVM_Task", work: func(vm vmRef) (any, error) {
					if err := vm.s.World.AddVTPM(vm.ID.Value, ""); err != nil {
						return nil, err
					}
					updated, err := vm.s.World.VM(vm.ID.Value)
					if err != nil {
						return nil, err
					}
					return vm.s.vtpmObject(updated), nil
				}})
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
				targets, err := s.targets(c)
				if err != nil {
					return err
				}
				var vms []vmRef
				if c.ParameterSetName() == "ById" {
					vms = append(allVMs(targets, false), allVMs(targets, true)...)
				} else if vms, err = s.resolveVMs(c, c.Value("VM"), targets); err != nil {
					return err
				}
				var tpms []*deviceObject
				for _, vm := range vms {
					if vm.VTPM {
						tpms = append(tpms, vm.s.vtpmObject(vm.VM))
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
			runAsyncParam(),
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				if err := s.requireConnection(c); err != nil {
					return err
				}
				for _, item := range value.Enumerate(c.Value("VTpm")) {
					d, ok := item.(*deviceObject)
					if !ok {
						continue
					}
					if err := d.s.useObject(c); err != nil {
						return err
					}
					vm, err := d.s.World.VM(d.vm.Value)
					if err != nil {
						if werr := c.WriteError(notFound(c, "VM", d.vm.String())); werr != nil {
							return werr
						}
						continue
					}
					ok, err = c.ShouldProcess(vm.Name, "Remove virtual TPM")
					if err != nil {
						return err
					}
					if !ok {
						continue
					}
					conn := d.s
					if err := conn.perform(c, taskSpec{name: "ReconfigVM_Task", description: "Remove virtual TPM", entity: vm.Name, objectID: vm.ID.String(),
						work: func() (any, error) { return nil, conn.World.RemoveVTPM(vm.ID.Value) }}, false); err != nil {
						return err
					}
				}
				return nil
			})
		},
	}
}
