package cmdlets

import (
	"github.com/keyhost/keyhost/engine"
	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
)

var (
	templateTypeNames = []string{
		"VMware.VimAutomation.ViCore.Impl.V1.Inventory.TemplateImpl",
		"VMware.VimAutomation.ViCore.Impl.V1.Inventory.InventoryItemImpl",
		"VMware.VimAutomation.ViCore.Types.V1.Inventory.Template",
		"System.Object",
	}
	templateParamType = inventoryParamType("VMware.VimAutomation.ViCore.Types.V1.Inventory.Template[]", "VMware.VimAutomation.ViCore.Types.V1.Inventory.Template")
)

// templateObject builds a PowerCLI Template; its ExtensionData is the
// VirtualMachine view, so an encrypted template shows Config.KeyId.
func (s *Session) templateObject(vm engine.VM) *viObject {
	o := s.newVIObject(vm.ID, vm.Name, templateTypeNames...)
	o.Add("Name", vm.Name).
		Add("HostId", vm.Host.String()).
		Add("ExtensionData", value.Lazy(func() any { return s.vmView(vm) })).
		Add("Id", vm.ID.String()).
		Add("Uid", s.uid("Template", vm.ID.String()))
	return o
}

// getTemplate is Get-Template: the templates of the inventory, filtered by
// -Name wildcards or -Id.
func (s *Session) getTemplate() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                "Get-Template",
		Module:              "VMware.VimAutomation.Core",
		ImplementingType:    "VMware.VimAutomation.ViCore.Cmdlets.Commands.GetTemplate",
		Synopsis:            "Retrieves the virtual machine templates on a vCenter Server system.",
		DefaultParameterSet: "Default",
		OutputType:          []string{"VMware.VimAutomation.ViCore.Types.V1.Inventory.Template"},
		Parameters: []*eval.Parameter{
			{Name: "Name", Type: eval.StringArrayType, Wildcards: true, Sets: []eval.ParameterSet{{Name: "Default", Position: 0}},
				Help: "The names of the templates to retrieve (wildcards allowed)."},
			{Name: "Location", Type: locationParamType, Wildcards: true, Sets: []eval.ParameterSet{{Name: "Default", Position: -1, ValueFromPipeline: true}},
				Help: "The containers (clusters, hosts, datacenters, folders) whose templates to retrieve."},
			{Name: "Id", Type: eval.StringArrayType, Sets: []eval.ParameterSet{{Name: "ById", Mandatory: true, Position: -1}},
				Help: "The ids of the templates to retrieve."},
			serverParam(),
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				targets, err := s.targets(c)
				if err != nil {
					return err
				}
				var tmpls []vmRef
				if c.ParameterSetName() == "ById" {
					tmpls = vmsByID(targets, true, c.Strings("Id"))
				} else {
					tmpls = vmsNamed(targets, true, c.Strings("Name"))
				}
				write := func(vm vmRef) error { return c.WriteObject(vm.s.templateObject(vm.VM)) }
				if c.ParameterSetName() == "ById" {
					return writeByID(c, "Template", tmpls, func(vm vmRef) string { return vm.ID.String() }, write)
				}
				if tmpls, err = inLocation(s, c, targets, tmpls, vmInLocation); err != nil {
					return err
				}
				return writeByName(c, "Template", tmpls, func(vm vmRef) string { return vm.Name }, write)
			})
		},
	}
}

// setTemplate is Set-Template -Template <Template[]> -ToVM: converts
// templates back into VMs (to rekey one: Set-Template -ToVM, Set-VM
// -KeyProvider, Set-VM -ToTemplate, as VMware's samples do). It writes the
// VMs.
func (s *Session) setTemplate() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                  "Set-Template",
		Module:                "VMware.VimAutomation.Core",
		ImplementingType:      "VMware.VimAutomation.ViCore.Cmdlets.Commands.SetTemplate",
		Synopsis:              "Modifies templates (here: converts them to virtual machines).",
		DefaultParameterSet:   "ToVM",
		SupportsShouldProcess: true,
		ConfirmImpact:         eval.ImpactMedium,
		OutputType:            []string{"VMware.VimAutomation.ViCore.Types.V1.Inventory.VirtualMachine"},
		Parameters: []*eval.Parameter{
			{Name: "Template", Type: templateParamType, NotNullOrEmpty: true, Wildcards: true, Sets: []eval.ParameterSet{{Name: "ToVM", Mandatory: true, Position: 0, ValueFromPipeline: true}},
				Help: "The templates to convert."},
			{Name: "ToVM", Switch: true, Sets: []eval.ParameterSet{{Name: "ToVM", Mandatory: true, Position: -1}},
				Help: "Convert the templates to virtual machines."},
			runAsyncParam(),
			serverParam(),
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				targets, err := s.targets(c)
				if err != nil {
					return err
				}
				tmpls, err := resolveByName(c, "Template", c.Value("Template"), func(p string) []vmRef { return vmsNamed(targets, true, []string{p}) },
					func(v vmRef) string { return v.Name }, func(o *viObject) (vmRef, error) {
						vm, err := o.s.World.VM(o.ref.Value)
						return vmRef{o.s, vm}, err
					})
				if err != nil {
					return err
				}
				for _, vm := range tmpls {
					ok, err := c.ShouldProcess(vm.Name, "Mark as virtual machine")
					if err != nil {
						return err
					}
					if !ok {
						continue
					}
					vm := vm
					if err := vm.s.perform(c, taskSpec{name: "MarkAsVirtualMachine", description: "Mark as virtual machine", entity: vm.Name, objectID: vm.ID.String(),
						work: func() (any, error) {
							updated, err := vm.s.World.MarkAsVirtualMachine(vm.ID.Value)
							if err != nil {
								return nil, err
							}
							return vm.s.vmObject(updated), nil
						}}, true); err != nil {
						return err
					}
				}
				return nil
			})
		},
	}
}
