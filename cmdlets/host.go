package cmdlets

import (
	"fmt"

	"github.com/keyhost/keyhost/engine"
	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
	"github.com/keyhost/keyhost/ps/wildcard"
)

var hostParamType = inventoryParamType("VMware.VimAutomation.ViCore.Types.V1.Inventory.VMHost[]", "VMware.VimAutomation.ViCore.Types.V1.Inventory.VMHost")

// getVMHost is Get-VMHost: the hosts of the inventory in inventory order,
// filtered by -Name wildcards and -Location (clusters, also from the
// pipeline: Get-Cluster Prod | Get-VMHost), or by -Id.
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
			{Name: "Location", Type: clusterParamType, Wildcards: true, Sets: []eval.ParameterSet{{Name: "Default", Position: -1, ValueFromPipeline: true}},
				Help: "The clusters whose hosts to retrieve."},
			{Name: "Id", Type: eval.StringArrayType, Sets: []eval.ParameterSet{{Name: "ById", Mandatory: true, Position: -1}},
				Help: "The ids of the hosts to retrieve (HostSystem-host-10)."},
			serverParam(),
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				if err := s.checkServer(c); err != nil {
					return err
				}
				hosts := s.World.Hosts()
				id := func(h engine.Host) string { return h.ID.String() }
				name := func(h engine.Host) string { return h.Name }
				write := func(h engine.Host) error { return c.WriteObject(s.hostObject(h)) }
				if c.ParameterSetName() == "ById" {
					return writeByID(c, "VMHost", hosts, id, write)
				}
				if c.Has("Location") {
					clusters, err := s.resolveClusters(c, c.Value("Location"))
					if err != nil {
						return err
					}
					in := map[engine.MoRef]bool{}
					for _, cl := range clusters {
						in[cl.ID] = true
					}
					var kept []engine.Host
					for _, h := range hosts {
						if in[h.Cluster] {
							kept = append(kept, h)
						}
					}
					hosts = kept
				}
				return writeByName(c, "VMHost", hosts, name, write)
			})
		},
	}
}

// setVMHost is Set-VMHost with its two crypto parameter sets:
//
//	Set-VMHost [-VMHost] <VMHost[]> -KeyProvider <KeyProvider>   (a host not safe becomes safe; a safe host gets a new host key)
//	Set-VMHost [-VMHost] <VMHost[]> -DisableCryptoSafe           (safe -> pendingIncapable; incapable after a reboot)
//
// It writes the updated hosts. Its ConfirmImpact is not documented;
// keyhost does not prompt by default (Medium, best reading), and accepts
// -Confirm:$false, as VMware's samples pass.
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
			serverParam(),
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				if err := s.checkServer(c); err != nil {
					return err
				}
				hosts, err := s.resolveHosts(c, c.Value("VMHost"))
				if err != nil {
					return err
				}
				var provider engine.KeyProvider
				if c.ParameterSetName() == "KeyProvider" {
					if provider, err = s.resolveKeyProvider(c, c.Value("KeyProvider")); err != nil {
						return err
					}
				}
				for _, h := range hosts {
					if err := s.setHostCrypto(c, h, provider); err != nil {
						return err
					}
				}
				return nil
			})
		},
	}
}

// setHostCrypto applies Set-VMHost's crypto change to one host.
func (s *Session) setHostCrypto(c *eval.Call, h engine.Host, provider engine.KeyProvider) error {
	what := "Set host key"
	if c.ParameterSetName() == "DisableCryptoSafe" {
		what = "Disable crypto safe mode"
	}
	desc := fmt.Sprintf("Performing operation '%s' on host '%s'.", what, h.Name)
	ok, err := c.ShouldProcessCaption(desc, desc, "Perform operation?")
	if err != nil || !ok {
		return err
	}
	var updated engine.Host
	if c.ParameterSetName() == "DisableCryptoSafe" {
		updated, err = s.World.DisableHostCryptoSafe(h.ID.Value)
	} else {
		updated, err = s.World.SetHostCryptoKey(h.ID.Value, provider.Name)
	}
	if err != nil {
		return c.WriteError(faultError(c, h.Name, err))
	}
	return c.WriteObject(s.hostObject(updated))
}

// resolveHosts turns -VMHost arguments into hosts; unknown names are
// non-terminating errors.
func (s *Session) resolveHosts(c *eval.Call, args any) ([]engine.Host, error) {
	var out []engine.Host
	for _, item := range value.Enumerate(args) {
		switch x := item.(type) {
		case *viObject:
			h, err := s.World.Host(x.ref.Value)
			if err != nil {
				if werr := c.WriteError(notFound(c, "VMHost", value.ToString(x))); werr != nil {
					return nil, werr
				}
				continue
			}
			out = append(out, h)
		case string:
			found := false
			for _, h := range s.World.Hosts() {
				if wildcard.Match(x, h.Name, false) {
					out = append(out, h)
					found = true
				}
			}
			if !found {
				if err := c.WriteError(notFound(c, "VMHost", x)); err != nil {
					return nil, err
				}
			}
		}
	}
	return out, nil
}
