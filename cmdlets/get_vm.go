package cmdlets

import (
	"github.com/keyhost/keyhost/ps/eval"
)

// getVM is Get-VM: the VMs of the connected vCenters (templates excluded:
// they are Get-Template's), in inventory order, filtered by -Name
// wildcards and -Location (clusters, hosts, datacenters, folders; also
// from the pipeline: Get-Cluster Prod | Get-VM), or by -Id.
func (s *Session) getVM() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                "Get-VM",
		Module:              "VMware.VimAutomation.Core",
		ImplementingType:    "VMware.VimAutomation.ViCore.Cmdlets.Commands.GetVM",
		Synopsis:            "Retrieves the virtual machines on a vCenter Server system.",
		DefaultParameterSet: "Default",
		OutputType:          []string{"VMware.VimAutomation.ViCore.Types.V1.Inventory.VirtualMachine"},
		Parameters: []*eval.Parameter{
			{Name: "Name", Type: eval.StringArrayType, Wildcards: true, Sets: []eval.ParameterSet{{Name: "Default", Position: 0}},
				Help: "The names of the virtual machines to retrieve (wildcards allowed)."},
			{Name: "Location", Type: locationParamType, Wildcards: true, Sets: []eval.ParameterSet{{Name: "Default", Position: -1, ValueFromPipeline: true}},
				Help: "The containers (clusters, hosts, datacenters, folders) whose virtual machines to retrieve."},
			{Name: "Datastore", Wildcards: true, Sets: []eval.ParameterSet{{Name: "Default", Position: -1}},
				Help: "The datastores whose virtual machines to retrieve."},
			{Name: "NoRecursion", Switch: true, Sets: []eval.ParameterSet{{Name: "Default", Position: -1}},
				Help: "Accepted; keyhost's containers hold their VMs directly."},
			{Name: "Id", Type: eval.StringArrayType, Sets: []eval.ParameterSet{{Name: "ById", Mandatory: true, Position: -1}},
				Help: "The ids of the virtual machines to retrieve (VirtualMachine-vm-101)."},
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
					vms = vmsByID(targets, false, c.Strings("Id"))
				} else {
					vms = vmsNamed(targets, false, c.Strings("Name"))
				}
				write := func(vm vmRef) error { return c.WriteObject(vm.s.vmObject(vm.VM)) }
				if c.ParameterSetName() == "ById" {
					return writeByID(c, "VM", vms, func(vm vmRef) string { return vm.ID.String() }, write)
				}
				if vms, err = s.filterVMs(c, vms, targets); err != nil {
					return err
				}
				return writeByName(c, "VM", vms, func(vm vmRef) string { return vm.Name }, write)
			})
		},
	}
}

// vmInLocation reports whether the containers hold a VM or template.
func vmInLocation(in location, vm vmRef) bool {
	return in.holds(vm.s, vm.Cluster, vm.Host, vm.Datacenter)
}

// filterVMs applies -Location and -Datastore.
func (s *Session) filterVMs(c *eval.Call, vms []vmRef, targets []*Session) ([]vmRef, error) {
	vms, err := inLocation(s, c, targets, vms, vmInLocation)
	if err != nil {
		return nil, err
	}
	if c.Has("Datastore") {
		stores, err := s.resolveDatastores(c, c.Value("Datastore"), targets)
		if err != nil {
			return nil, err
		}
		var kept []vmRef
		for _, vm := range vms {
			for _, ds := range stores {
				if ds.s.World == vm.s.World && vmUsesDatastore(vm.VM, ds.ID) {
					kept = append(kept, vm)
					break
				}
			}
		}
		vms = kept
	}
	return vms, nil
}
