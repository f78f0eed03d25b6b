package cmdlets

import (
	"fmt"
	"strings"

	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
)

// setKeyProvider is Set-KeyProvider (VMware.VimAutomation.Storage) with
// the parameters keyhost models:
//
//	Set-KeyProvider -KeyProvider <KeyProvider[]> [-DefaultForSystem]
//	Set-KeyProvider -KeyProvider <KeyProvider[]> -KeyId <Guid>        (Native Key Providers only; set name best reading)
//
// -DefaultForSystem makes the provider vCenter's system default;
// -DefaultForSystem:$false on the current default leaves vCenter without
// one. -KeyId gives a Native Key Provider a new key_id: keyhost refuses it
// while anything uses the provider's keys (they derive from the key_id),
// and the provider must then be backed up again. It writes the updated
// KeyProvider (UNVERIFIED in PowerCLI's docs; published samples pipe it to
// Out-Null). The client-certificate sets are not modelled: keyhost's KMS
// trusts vCenter.
func (s *Session) setKeyProvider() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                  "Set-KeyProvider",
		Module:                "VMware.VimAutomation.Storage",
		ImplementingType:      "VMware.VimAutomation.Storage.Commands.Cmdlets.Encryption.SetKeyProvider",
		Synopsis:              "Changes a key provider: whether it is the system default, or a Native Key Provider's key id.",
		DefaultParameterSet:   "Default",
		SupportsShouldProcess: true,
		ConfirmImpact:         eval.ImpactMedium,
		OutputType:            []string{"VMware.VimAutomation.ViCore.Types.V1.Security.KeyProvider"},
		Parameters: []*eval.Parameter{
			{Name: "KeyProvider", Type: keyProviderParamType, NotNullOrEmpty: true, Wildcards: true, Sets: []eval.ParameterSet{
				{Name: "Default", Mandatory: true, Position: -1, ValueFromPipeline: true},
				{Name: "KeyId", Mandatory: true, Position: -1, ValueFromPipeline: true},
			}, Help: "The key provider to change."},
			{Name: "DefaultForSystem", Switch: true, Sets: []eval.ParameterSet{{Name: "Default", Position: -1}},
				Help: "Make it the vCenter-wide default key provider."},
			{Name: "KeyId", Type: guidParamType, Sets: []eval.ParameterSet{{Name: "KeyId", Mandatory: true, Position: -1}},
				Help: "A Native Key Provider's new key id (a GUID)."},
			serverParam(),
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				targets, err := s.targets(c)
				if err != nil {
					return err
				}
				providers, err := s.resolveProviders(c, c.Value("KeyProvider"), targets)
				if err != nil {
					return err
				}
				for _, p := range providers {
					if err := s.setOneProvider(c, p); err != nil {
						return err
					}
				}
				return nil
			})
		},
	}
}

// setOneProvider applies Set-KeyProvider to one provider.
func (s *Session) setOneProvider(c *eval.Call, p providerRef) error {
	w := p.s.World
	if c.ParameterSetName() == "KeyId" {
		keyID := c.String("KeyId")
		ok, err := c.ShouldProcess(p.Name, "Set key id "+keyID)
		if err != nil || !ok {
			return err
		}
		if _, err := w.SetNativeKeyProviderKeyID(p.Name, keyID); err != nil {
			return c.WriteError(faultError(c, p.Name, err))
		}
		return p.s.writeKeyProvider(c, p.Name)
	}
	if c.Has("DefaultForSystem") {
		target := ""
		if c.Switch("DefaultForSystem") {
			target = p.Name
		} else if !p.DefaultForSystem {
			target = w.DefaultKeyProvider() // not the default: nothing to clear
		}
		ok, err := c.ShouldProcess(p.Name, "Set default key provider")
		if err != nil || !ok {
			return err
		}
		if err := w.SetDefaultKeyProvider(target); err != nil {
			return c.WriteError(faultError(c, p.Name, err))
		}
	}
	return p.s.writeKeyProvider(c, p.Name)
}

// guidParamType converts to System.Guid (kept as its string form).
var guidParamType = &eval.Type{Name: "System.Guid", Convert: func(v any) (any, error) {
	text := strings.Trim(value.ToString(v), "{}")
	if len(text) != 36 || strings.Count(text, "-") != 4 {
		return nil, fmt.Errorf("Cannot convert value \"%s\" to type \"System.Guid\". Error: \"Guid should contain 32 digits with 4 dashes (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).\"", value.ToString(v))
	}
	return strings.ToLower(text), nil
}}

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
				targets, err := s.targets(c)
				if err != nil {
					return err
				}
				clusters, err := s.resolveClusters(c, c.Value("Entity"), targets)
				if err != nil {
					return err
				}
				written := map[*Session]bool{}
				for _, cl := range clusters {
					p, err := s.resolveKeyProvider(c, c.Value("KeyProvider"), cl.s)
					if err != nil {
						return err
					}
					done, err := s.setClusterDefault(c, cl, p.Name)
					if err != nil {
						return err
					}
					if done && !written[cl.s] {
						written[cl.s] = true
						if err := cl.s.writeKeyProvider(c, p.Name); err != nil {
							return err
						}
					}
				}
				return nil
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
				targets, err := s.targets(c)
				if err != nil {
					return err
				}
				clusters, err := s.resolveClusters(c, c.Value("Entity"), targets)
				if err != nil {
					return err
				}
				for _, cl := range clusters {
					if _, err := s.setClusterDefault(c, cl, ""); err != nil {
						return err
					}
				}
				return nil
			})
		},
	}
}

// setClusterDefault sets (or, with "", clears) a cluster's default
// key provider and reports whether it did.
func (s *Session) setClusterDefault(c *eval.Call, cl clusterRef, provider string) (bool, error) {
	action := "Set default key provider " + provider
	if provider == "" {
		action = "Remove default key provider"
	}
	ok, err := c.ShouldProcess(cl.Name, action)
	if err != nil || !ok {
		return false, err
	}
	if err := cl.s.World.SetClusterDefaultKeyProvider(cl.ID.Value, provider); err != nil {
		return false, c.WriteError(faultError(c, cl.Name, err))
	}
	return true, nil
}
