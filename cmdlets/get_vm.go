package cmdlets

import (
	"github.com/keyhost/keyhost/engine"
	"github.com/keyhost/keyhost/ps/eval"
)

// serverParam is -Server, accepted on every PowerCLI cmdlet. keyhost has
// one vCenter per world; naming another server is an error.
func serverParam() *eval.Parameter {
	return &eval.Parameter{Name: "Server", Help: "The vCenter Server systems to run the cmdlet on (default: $DefaultVIServer)."}
}

// checkServer validates -Server against the world's vCenter, and fails
// the way PowerCLI does when the connected vCenter does not answer (an
// outage injected with World.SetVCenterAvailable).
func (s *Session) checkServer(c *eval.Call) error {
	if err := s.requireConnection(c); err != nil {
		return err
	}
	if !s.World.VCenterAvailable() {
		// PowerCLI's wording for a server that stopped answering is
		// UNVERIFIED; the exception type is its connection error's.
		name := s.World.VCenter().Name
		return c.ThrowTerminatingError(viError(c, "The underlying connection to '"+name+"' was closed: vCenter Server is not available.",
			"Client20_ConnectivityServiceImpl_Reconnect_SoapException", eval.ConnectionError, name, "VMware.VimAutomation.ViCore.Types.V1.ErrorHandling.ViServerConnectionException"))
	}
	if !c.Has("Server") {
		return nil
	}
	name := s.World.VCenter().Name
	for _, srv := range c.Strings("Server") {
		if srv != name {
			return c.ThrowTerminatingError(viError(c, "Could not find VIServer with name '"+srv+"'.", "Core_ObnSelector_SelectObjectByNameCore_ObjectNotFound", eval.ObjectNotFound, srv, ""))
		}
	}
	return nil
}

// getVM is Get-VM: the VMs of the inventory (templates excluded), in
// inventory order, filtered by -Name wildcards or -Id.
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
			{Name: "Id", Type: eval.StringArrayType, Sets: []eval.ParameterSet{{Name: "ById", Mandatory: true, Position: -1}},
				Help: "The ids of the virtual machines to retrieve (VirtualMachine-vm-101)."},
			serverParam(),
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				if err := s.checkServer(c); err != nil {
					return err
				}
				var vms []engine.VM
				for _, vm := range s.World.VMs() {
					if !vm.Template { // templates are Get-Template's
						vms = append(vms, vm)
					}
				}
				id := func(vm engine.VM) string { return vm.ID.String() }
				name := func(vm engine.VM) string { return vm.Name }
				write := func(vm engine.VM) error { return c.WriteObject(s.vmObject(vm)) }
				if c.ParameterSetName() == "ById" {
					return writeByID(c, "VM", vms, id, write)
				}
				return writeByName(c, "VM", vms, name, write)
			})
		},
	}
}
