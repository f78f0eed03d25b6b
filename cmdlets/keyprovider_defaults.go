package cmdlets

import (
	"fmt"

	"github.com/keyhost/keyhost/ps/eval"
)

// setKeyProvider is Set-KeyProvider (VMware.VimAutomation.Storage) with the
// parameter keyhost models:
//
//	Set-KeyProvider -KeyProvider <KeyProvider> [-DefaultForSystem]
//
// -DefaultForSystem makes the provider vCenter's system default;
// -DefaultForSystem:$false on the current default leaves vCenter without
// one. It writes the updated KeyProvider (UNVERIFIED in PowerCLI's docs;
// published samples pipe it to Out-Null). The client-certificate and
// -KeyId sets are not modelled.
func (s *Session) setKeyProvider() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                  "Set-KeyProvider",
		Module:                "VMware.VimAutomation.Storage",
		ImplementingType:      "VMware.VimAutomation.Storage.Commands.Cmdlets.Encryption.SetKeyProvider",
		Synopsis:              "Changes a key provider: here, whether it is the system default.",
		SupportsShouldProcess: true,
		ConfirmImpact:         eval.ImpactMedium,
		OutputType:            []string{"VMware.VimAutomation.ViCore.Types.V1.Security.KeyProvider"},
		Parameters: []*eval.Parameter{
			{Name: "KeyProvider", Type: keyProviderParamType, NotNullOrEmpty: true, Wildcards: true, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Mandatory: true, Position: -1, ValueFromPipeline: true}},
				Help: "The key provider to change."},
			{Name: "DefaultForSystem", Switch: true, Help: "Make it the vCenter-wide default key provider."},
			serverParam(),
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				if err := s.checkServer(c); err != nil {
					return err
				}
				p, err := s.resolveKeyProvider(c, c.Value("KeyProvider"))
				if err != nil {
					return err
				}
				if c.Has("DefaultForSystem") {
					target := ""
					if c.Switch("DefaultForSystem") {
						target = p.Name
					} else if !p.DefaultForSystem {
						target = s.World.DefaultKeyProvider() // not the default: nothing to clear
					}
					ok, err := c.ShouldProcess(p.Name, "Set key provider")
					if err != nil || !ok {
						return err
					}
					if err := s.World.SetDefaultKeyProvider(target); err != nil {
						return c.WriteError(faultError(c, p.Name, err))
					}
				}
				return s.writeKeyProvider(c, p.Name)
			})
		},
	}
}

// writeKeyProvider writes the current state of a provider.
func (s *Session) writeKeyProvider(c *eval.Call, name string) error {
	p, err := s.World.KeyProvider(name)
	if err != nil {
		return c.WriteError(faultError(c, name, err))
	}
	return c.WriteObject(s.keyProviderObject(p))
}

// addEntityDefaultKeyProvider is Add-EntityDefaultKeyProvider
// (VMware.VimAutomation.Storage):
//
//	Add-EntityDefaultKeyProvider [-Entity] <VIObject[]> -KeyProvider <KeyProvider>
//
// It makes the provider the default of each cluster (vSphere 8.0.1+;
// clusters are the only entities vSphere supports) and writes the
// KeyProvider. -KmsCluster is the old name of -KeyProvider.
func (s *Session) addEntityDefaultKeyProvider() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                  "Add-EntityDefaultKeyProvider",
		Module:                "VMware.VimAutomation.Storage",
		ImplementingType:      "VMware.VimAutomation.Storage.Commands.Cmdlets.Encryption.AddEntityDefaultKeyProvider",
		Synopsis:              "Makes a key provider the default of clusters.",
		SupportsShouldProcess: true,
		ConfirmImpact:         eval.ImpactMedium,
		OutputType:            []string{"VMware.VimAutomation.ViCore.Types.V1.Security.KeyProvider"},
		Parameters: []*eval.Parameter{
			{Name: "Entity", Type: clusterParamType, NotNullOrEmpty: true, Wildcards: true, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Mandatory: true, Position: 0}},
				Help: "The clusters."},
			{Name: "KeyProvider", Aliases: []string{"KmsCluster"}, Type: keyProviderParamType, NotNullOrEmpty: true, Wildcards: true, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Mandatory: true, Position: -1, ValueFromPipeline: true}},
				Help: "The key provider to make their default."},
			serverParam(),
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				if err := s.checkServer(c); err != nil {
					return err
				}
				p, err := s.resolveKeyProvider(c, c.Value("KeyProvider"))
				if err != nil {
					return err
				}
				if err := s.setClusterDefaults(c, p.Name); err != nil {
					return err
				}
				return s.writeKeyProvider(c, p.Name)
			})
		},
	}
}

// removeEntityDefaultKeyProvider is Remove-EntityDefaultKeyProvider
// (VMware.VimAutomation.Storage):
//
//	Remove-EntityDefaultKeyProvider [-Entity] <VIObject[]>
//
// The clusters lose their own default and fall back to the system default.
// It writes nothing.
func (s *Session) removeEntityDefaultKeyProvider() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                  "Remove-EntityDefaultKeyProvider",
		Module:                "VMware.VimAutomation.Storage",
		ImplementingType:      "VMware.VimAutomation.Storage.Commands.Cmdlets.Encryption.RemoveEntityDefaultKeyProvider",
		Synopsis:              "Removes clusters' own default key provider; they fall back to the system default.",
		SupportsShouldProcess: true,
		ConfirmImpact:         eval.ImpactMedium,
		Parameters: []*eval.Parameter{
			{Name: "Entity", Type: clusterParamType, NotNullOrEmpty: true, Wildcards: true, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Mandatory: true, Position: 0, ValueFromPipeline: true}},
				Help: "The clusters."},
			serverParam(),
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				if err := s.checkServer(c); err != nil {
					return err
				}
				return s.setClusterDefaults(c, "")
			})
		},
	}
}

// setClusterDefaults sets (or, with "", clears) the default provider of the
// clusters -Entity names.
func (s *Session) setClusterDefaults(c *eval.Call, provider string) error {
	clusters, err := s.resolveClusters(c, c.Value("Entity"))
	if err != nil {
		return err
	}
	action := fmt.Sprintf("Set default key provider '%s'", provider)
	if provider == "" {
		action = "Remove default key provider"
	}
	for _, cl := range clusters {
		ok, err := c.ShouldProcess(cl.Name, action)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		if err := s.World.SetClusterDefaultKeyProvider(cl.ID.Value, provider); err != nil {
			if werr := c.WriteError(faultError(c, cl.Name, err)); werr != nil {
				return werr
			}
		}
	}
	return nil
}
