package cmdlets

import (
	"fmt"
	"strings"

	"github.com/keyhost/keyhost/engine"
	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
)

// newKeyhostNativeKeyProvider is keyhost's own New-KeyhostNativeKeyProvider.
// PowerCLI has no cmdlet that creates a Native Key Provider: vCenter does
// it in the vSphere Client or through its REST API (POST
// /api/vcenter/crypto-manager/kms/providers). The new provider has a fresh
// random KDK and key_id and, as the vSphere Client's default, the "use key
// provider only with TPM protected ESXi hosts" constraint
// (-TpmRequired:$false turns it off). It serves no keys until it has been
// backed up with Export-KeyProvider. A name in use is an AlreadyExists
// error; a vCenter has at most 32 key providers.
func (s *Session) newKeyhostNativeKeyProvider() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                  "New-KeyhostNativeKeyProvider",
		Module:                "keyhost",
		ImplementingType:      "Keyhost.Commands.NewKeyhostNativeKeyProvider",
		Synopsis:              "keyhost's own: creates a Native Key Provider, as vCenter's REST API does (PowerCLI has no cmdlet for it). Back it up with Export-KeyProvider before use.",
		SupportsShouldProcess: true,
		ConfirmImpact:         eval.ImpactMedium,
		OutputType:            []string{"VMware.VimAutomation.ViCore.Types.V1.Security.KeyProvider"},
		Parameters: []*eval.Parameter{
			{Name: "Name", Type: eval.StringType, NotNullOrEmpty: true, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Mandatory: true, Position: 0}},
				Help: "The provider's name, unique in the vCenter; it is also its id in every key reference."},
			{Name: "TpmRequired", Switch: true, Help: "Use the provider only with TPM protected hosts (on by default; -TpmRequired:$false turns it off)."},
			serverParam(),
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				targets, err := s.targets(c)
				if err != nil {
					return err
				}
				name := c.String("Name")
				tpm := !c.Has("TpmRequired") || c.Switch("TpmRequired")
				for _, t := range targets {
					ok, err := c.ShouldProcess(name, "Create Native Key Provider")
					if err != nil || !ok {
						return err
					}
					p, err := t.World.CreateNativeKeyProvider(name, tpm)
					if err != nil {
						if werr := c.WriteError(faultError(c, name, err)); werr != nil {
							return werr
						}
						continue
					}
					if err := c.WriteWarning(fmt.Sprintf("Key provider %s requires backup: it serves no keys until it is backed up with Export-KeyProvider.", name)); err != nil {
						return err
					}
					if err := c.WriteObject(t.keyProviderObject(p)); err != nil {
						return err
					}
				}
				return nil
			})
		},
	}
}

// removeKeyhostKeyProvider is keyhost's own Remove-KeyhostKeyProvider.
// vCenter lets an administrator delete a key provider even while VMs use
// it and cannot tell which do; keyhost can, and says so loudly before it
// deletes: one warning with the count, one per VM, vSAN cluster and host
// that depends on the provider, and warnings about the default and about
// the KDK, which vCenter forgets (only .p12 backups keep it). Dependent
// objects are locked afterwards until the provider is imported again.
//
// -Force is required to remove a provider that objects still depend on; a
// provider nothing uses goes without it. -Force does not skip the prompt
// (ConfirmImpact High: it asks unless -Confirm:$false or $ConfirmPreference
// says otherwise). -WhatIf prints the report and what it would do, and
// changes nothing. Nothing is written to the output.
func (s *Session) removeKeyhostKeyProvider() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                  "Remove-KeyhostKeyProvider",
		Module:                "keyhost",
		ImplementingType:      "Keyhost.Commands.RemoveKeyhostKeyProvider",
		Synopsis:              "keyhost's own: deletes a key provider, after reporting what still depends on it (vCenter cannot tell).",
		SupportsShouldProcess: true,
		ConfirmImpact:         eval.ImpactHigh,
		Parameters: []*eval.Parameter{
			{Name: "Name", Type: eval.StringType, NotNullOrEmpty: true, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Mandatory: true, Position: 0, ValueFromPipelineByPropertyName: true}},
				Help: "The key provider to delete."},
			{Name: "Force", Switch: true, Help: "Delete it even though objects still depend on it (they stay locked until it is imported again)."},
			serverParam(),
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				targets, err := s.targets(c)
				if err != nil {
					return err
				}
				for _, t := range targets {
					if _, err := t.World.KeyProvider(c.String("Name")); err == nil || len(targets) == 1 {
						if err := t.removeProvider(c, c.String("Name")); err != nil {
							return err
						}
					}
				}
				return nil
			})
		},
	}
}

// removeProvider reports, confirms and deletes one provider.
func (s *Session) removeProvider(c *eval.Call, name string) error {
	p, err := s.World.KeyProvider(name)
	if err != nil {
		return c.WriteError(notFound(c, "KeyProvider", name))
	}
	deps, err := s.World.KeyProviderDependencies(name)
	if err != nil {
		return c.WriteError(faultError(c, name, err))
	}
	for _, w := range dependencyWarnings(p, deps) {
		if err := c.WriteWarning(w); err != nil {
			return err
		}
	}
	if deps.InUse() && !c.Switch("Force") && !whatIf(c) {
		return c.WriteError(viError(c, fmt.Sprintf("Key provider %s is still in use by %s; it was not removed. Use -Force to remove it anyway: those objects stay locked until the provider is imported again from a backup.", name, deps.Summary()),
			"Keyhost_RemoveKeyProvider_InUse", eval.InvalidOperation, name, "VMware.VimAutomation.ViCore.Types.V1.ErrorHandling.ResourceInUse"))
	}
	ok, err := c.ShouldProcess(name, "Remove key provider")
	if err != nil || !ok {
		return err
	}
	if _, err := s.World.RemoveKeyProvider(name); err != nil {
		return c.WriteError(faultError(c, name, err))
	}
	c.WriteVerbose(fmt.Sprintf("Key provider %s removed.", name))
	return nil
}

// whatIf reports whether -WhatIf (or $WhatIfPreference) is in effect.
func whatIf(c *eval.Call) bool {
	if c.Has("WhatIf") {
		return c.Switch("WhatIf")
	}
	v, _ := c.Variable("WhatIfPreference")
	return value.ToBool(v)
}

// dependencyWarnings words the dependency report for the warning stream.
func dependencyWarnings(p engine.KeyProvider, d engine.ProviderDependencies) []string {
	var out []string
	if d.InUse() {
		out = append(out, fmt.Sprintf("Key provider %s is still in use by %s. Removing it locks them: they cannot be decrypted, powered on or rekeyed until the provider is imported again from a backup.", p.Name, d.Summary()))
	}
	byVM := map[string][]string{}
	var vmOrder []string
	for _, o := range d.Objects {
		if o.Kind == engine.ObjectVsanDiskGroup {
			continue
		}
		if _, seen := byVM[o.Owner.Name]; !seen {
			vmOrder = append(vmOrder, o.Owner.Name)
		}
		byVM[o.Owner.Name] = append(byVM[o.Owner.Name], o.Object)
	}
	for _, vm := range vmOrder {
		out = append(out, fmt.Sprintf("  VM %s: %s", vm, strings.Join(byVM[vm], ", ")))
	}
	for _, c := range d.VsanClusters {
		n := 0
		for _, o := range d.Objects {
			if o.Kind == engine.ObjectVsanDiskGroup && o.Owner.ID == c.ID {
				n++
			}
		}
		out = append(out, fmt.Sprintf("  vSAN cluster %s: KEK of %d disk groups", c.Name, n))
	}
	for _, h := range d.Hosts {
		out = append(out, fmt.Sprintf("  host %s: host key", h.Name))
	}
	if d.DefaultForSystem {
		out = append(out, fmt.Sprintf("Key provider %s is the system default key provider; after its removal vCenter has no default key provider (vSphere does not choose one). Set one with Set-KeyProvider -DefaultForSystem.", p.Name))
	}
	if len(d.DefaultForClusters) > 0 {
		var names []string
		for _, c := range d.DefaultForClusters {
			names = append(names, c.Name)
		}
		out = append(out, fmt.Sprintf("Key provider %s is the default of cluster(s) %s, which fall back to the system default.", p.Name, strings.Join(names, ", ")))
	}
	if p.Type == engine.ProviderNative {
		if p.BackedUp {
			out = append(out, fmt.Sprintf("vCenter forgets the key derivation key of %s: only its .p12 backups will hold it. Keep them; backups and replicas of its VMs need them.", p.Name))
		} else {
			out = append(out, fmt.Sprintf("Key provider %s was never backed up: removing it destroys its key derivation key for good.", p.Name))
		}
	}
	return out
}
