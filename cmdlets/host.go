package cmdlets

import (
	"github.com/keyhost/keyhost/engine"
	"github.com/keyhost/keyhost/ps/eval"
)

var hostParamType = inventoryParamType("VMware.VimAutomation.ViCore.Types.V1.Inventory.VMHost[]", "VMware.VimAutomation.ViCore.Types.V1.Inventory.VMHost")

// getVMHost is Get-VMHost: the hosts of the connected vCenters in
// inventory order, filtered by -Name wildcards and -Location (clusters,
// datacenters, folders; also from the pipeline: Get-Cluster Prod |
// Get-VMHost), or by -Id.
func (s *Session) getVMHost() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                "Get-VMHost",
		Module:              "VMware.VimAutomation.Core",
		ImplementingType:    "VMware.VimAutomation.ViCore.Cmdlets.Commands.GetVMHost",
		Synopsis:            "Retrieves the hosts on a vCenter Server system.",
		DefaultParameterSet: "Default",
		OutputType:          []string{"VMware.VimAutomation.ViCore.Types.V1.Inventory.VMHost"},
		Parameters: []*eval.Parameter{
			{Name: "Name", Type: eval.StringArrayType, Wildcards: true, Sets: []eval.ParameterSet{{Name: "Default", Position: 0}},
				Help: "The names of the hosts to retrieve (wildcards allowed)."},
			{Name: "Location", Type: locationParamType, Wildcards: true, Sets: []eval.ParameterSet{{Name: "Default", Position: -1, ValueFromPipeline: true}},
				Help: "The clusters, datacenters or folders whose hosts to retrieve."},
			{Name: "NoRecursion", Switch: true, Sets: []eval.ParameterSet{{Name: "Default", Position: -1}}, Help: "Accepted."},
			{Name: "Id", Type: eval.StringArrayType, Sets: []eval.ParameterSet{{Name: "ById", Mandatory: true, Position: -1}},
				Help: "The ids of the hosts to retrieve (HostSystem-host-10)."},
			serverParam(),
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				targets, err := s.targets(c)
				if err != nil {
					return err
				}
				hosts := allHosts(targets)
				write := func(h hostRef) error { return c.WriteObject(h.s.hostObject(h.Host)) }
				if c.ParameterSetName() == "ById" {
					return writeByID(c, "VMHost", hosts, func(h hostRef) string { return h.ID.String() }, write)
				}
				hosts, err = inLocation(s, c, targets, hosts, func(in location, h hostRef) bool {
					return in.holds(h.s, h.Cluster, h.ID, h.Datacenter)
				})
				if err != nil {
					return err
				}
				return writeByName(c, "VMHost", hosts, func(h hostRef) string { return h.Name }, write)
			})
		},
	}
}

// setVMHost is Set-VMHost with its two crypto parameter sets:
//
//	Set-VMHost [-VMHost] <VMHost[]> -KeyProvider <KeyProvider> [-RunAsync]   (a host not safe becomes safe; a safe host gets a new host key)
//	Set-VMHost [-VMHost] <VMHost[]> -DisableCryptoSafe [-RunAsync]           (safe -> pendingIncapable; incapable after a reboot)
//
// It writes the updated hosts (or Tasks with -RunAsync). Its
// ConfirmImpact is not documented; keyhost does not prompt by default
// (Medium, best reading), and accepts -Confirm:$false, as VMware's samples
// pass.
func (s *Session) setVMHost() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                  "Set-VMHost",
		Module:                "VMware.VimAutomation.Core",
		ImplementingType:      "VMware.VimAutomation.ViCore.Cmdlets.Commands.SetVMHost",
		Synopsis:              "Modifies the configuration of hosts (here: their crypto safe mode and host key).",
		DefaultParameterSet:   "KeyProvider",
		SupportsShouldProcess: true,
		ConfirmImpact:         eval.ImpactMedium,
		OutputType:            []string{"VMware.VimAutomation.ViCore.Types.V1.Inventory.VMHost"},
		Parameters: []*eval.Parameter{
			{Name: "VMHost", Type: hostParamType, NotNullOrEmpty: true, Wildcards: true, Sets: []eval.ParameterSet{
				{Name: "KeyProvider", Mandatory: true, Position: 0, ValueFromPipeline: true},
				{Name: "DisableCryptoSafe", Mandatory: true, Position: 0, ValueFromPipeline: true},
			}, Help: "The hosts to change."},
			{Name: "KeyProvider", Type: keyProviderParamType, NotNullOrEmpty: true, Sets: []eval.ParameterSet{{Name: "KeyProvider", Mandatory: true, Position: -1}},
				Help: "Make the hosts crypto safe with a host key from this key provider, or give safe hosts a new one."},
			{Name: "DisableCryptoSafe", Switch: true, Sets: []eval.ParameterSet{{Name: "DisableCryptoSafe", Mandatory: true, Position: -1}},
				Help: "Take the hosts out of crypto safe mode (pendingIncapable until they reboot)."},
			runAsyncParam(),
			serverParam(),
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				targets, err := s.targets(c)
				if err != nil {
					return err
				}
				hosts, err := s.resolveHosts(c, c.Value("VMHost"), targets)
				if err != nil {
					return err
				}
				for _, h := range hosts {
					if err := s.setHostCrypto(c, h); err != nil {
						return err
					}
				}
				return nil
			})
		},
	}
}

// setHostCrypto applies Set-VMHost's crypto change to one host.
func (s *Session) setHostCrypto(c *eval.Call, h hostRef) error {
	disable := c.ParameterSetName() == "DisableCryptoSafe"
	var provider engine.KeyProvider
	if !disable {
		var err error
		if provider, err = s.resolveKeyProvider(c, c.Value("KeyProvider"), h.s); err != nil {
			return err
		}
	}
	action, method := "Configure crypto key", "ConfigureCryptoKey"
	if disable {
		action, method = "Disable crypto safe mode", "DisableCryptoSafe"
	}
	ok, err := c.ShouldProcess(h.Name, action)
	if err != nil || !ok {
		return err
	}
	return h.s.perform(c, taskSpec{name: method, description: action, entity: h.Name, objectID: h.ID.String(),
		work: func() (any, error) {
			var updated engine.Host
			var err error
			if disable {
				updated, err = h.s.World.DisableHostCryptoSafe(h.ID.Value)
			} else {
				updated, err = h.s.World.SetHostCryptoKey(h.ID.Value, provider.Name)
			}
			if err != nil {
				return nil, err
			}
			return h.s.hostObject(updated), nil
		}}, true)
}
