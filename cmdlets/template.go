package cmdlets

import (
	"fmt"

	"github.com/keyhost/keyhost/engine"
	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
	"github.com/keyhost/keyhost/ps/wildcard"
)

var (
	templateTypeNames = []string{
		"VMware.VimAutomation.ViCore.Impl.V1.Inventory.TemplateImpl",
		"VMware.VimAutomation.ViCore.Impl.V1.Inventory.InventoryItemImpl",
		"VMware.VimAutomation.ViCore.Types.V1.Inventory.Template",
	}
	templateParamType = inventoryParamType("VMware.VimAutomation.ViCore.Types.V1.Inventory.Template[]", "VMware.VimAutomation.ViCore.Types.V1.Inventory.Template")
)

// templateObject builds a PowerCLI Template; its ExtensionData is the
// VirtualMachine view, so an encrypted template shows Config.KeyId.
func (s *Session) templateObject(vm engine.VM) *viObject {
	o := newVIObject(vm.ID, vm.Name, templateTypeNames...)
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
			{Name: "Id", Type: eval.StringArrayType, Sets: []eval.ParameterSet{{Name: "ById", Mandatory: true, Position: -1}},
				Help: "The ids of the templates to retrieve."},
			serverParam(),
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				if err := s.checkServer(c); err != nil {
					return err
				}
				var tmpls []engine.VM
				for _, vm := range s.World.VMs() {
					if vm.Template {
						tmpls = append(tmpls, vm)
					}
				}
				write := func(vm engine.VM) error { return c.WriteObject(s.templateObject(vm)) }
				if c.ParameterSetName() == "ById" {
					return writeByID(c, "Template", tmpls, func(vm engine.VM) string { return vm.ID.String() }, write)
				}
				return writeByName(c, "Template", tmpls, func(vm engine.VM) string { return vm.Name }, write)
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
			serverParam(),
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				if err := s.checkServer(c); err != nil {
					return err
				}
				for _, vm := range s.resolveTemplates(c, c.Value("Template")) {
					desc := fmt.Sprintf("Performing operation 'Convert to virtual machine' on template '%s'.", vm.Name)
					ok, err := c.ShouldProcessCaption(desc, desc, "Perform operation?")
					if err != nil {
						return err
					}
					if !ok {
						continue
					}
					updated, err := s.World.MarkAsVirtualMachine(vm.ID.Value)
					if err != nil {
						if werr := c.WriteError(faultError(c, vm.Name, err)); werr != nil {
							return werr
						}
						continue
					}
					if err := c.WriteObject(s.vmObject(updated)); err != nil {
						return err
					}
				}
				return nil
			})
		},
	}
}

// resolveTemplates turns -Template arguments into templates; unknown names
// are not-found errors (written; a write failure ends the cmdlet only
// through the error stream's own preference).
func (s *Session) resolveTemplates(c *eval.Call, args any) []engine.VM {
	var out []engine.VM
	for _, item := range value.Enumerate(args) {
		found := false
		for _, vm := range s.World.VMs() {
			if !vm.Template {
				continue
			}
			switch x := item.(type) {
			case *viObject:
				found = found || x.ref == vm.ID
				if x.ref == vm.ID {
					out = append(out, vm)
				}
			case string:
				if wildcard.Match(x, vm.Name, false) {
					out = append(out, vm)
					found = true
				}
			}
		}
		if !found {
			_ = c.WriteError(notFound(c, "Template", value.ToString(item)))
		}
	}
	return out
}
