package cmdlets

import (
	"github.com/keyhost/keyhost/engine"
	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
)

// keyProviderKindParamType converts -Type arguments to KeyProviderType.
var keyProviderKindParamType = &eval.Type{Name: keyProviderKindType.Name + "[]", Convert: func(v any) (any, error) {
	var out []any
	for _, item := range value.Enumerate(v) {
		e, err := keyProviderKindType.Convert(item)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}}

// getKeyProvider is Get-KeyProvider (VMware.VimAutomation.Storage): the key
// providers registered in vCenter, in the order they were created.
// A name without wildcards that matches nothing is a non-terminating
// error; -ErrorAction Stop (as the NKP FAQ uses) makes it terminating.
// The error's wording follows PowerCLI's usual not-found text (best
// reading: the exact Get-KeyProvider text is not published).
func (s *Session) getKeyProvider() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                "Get-KeyProvider",
		Module:              "VMware.VimAutomation.Storage",
		ImplementingType:    "VMware.VimAutomation.Storage.Commands.Cmdlets.Encryption.GetKeyProvider",
		Synopsis:            "Retrieves the key providers registered in vCenter Server.",
		DefaultParameterSet: "Default",
		OutputType:          []string{"VMware.VimAutomation.ViCore.Types.V1.Security.KeyProvider"},
		Parameters: []*eval.Parameter{
			{Name: "Name", Type: eval.StringArrayType, Wildcards: true, Sets: []eval.ParameterSet{{Name: "Default", Position: 0}},
				Help: "The names of the key providers to retrieve (wildcards allowed)."},
			{Name: "Type", Type: keyProviderKindParamType, Sets: []eval.ParameterSet{{Name: "Default", Position: -1}},
				Help: "KeyProvider, NativeKeyProvider or TrustedKeyProvider."},
			{Name: "Id", Type: eval.StringArrayType, Sets: []eval.ParameterSet{{Name: "Id", Mandatory: true, Position: -1}},
				Help: "The ids of the key providers to retrieve."},
			serverParam(),
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				targets, err := s.targets(c)
				if err != nil {
					return err
				}
				var kinds []any
				if c.Has("Type") {
					kinds = value.Enumerate(c.Value("Type"))
				}
				var providers []providerRef
				for _, p := range allProviders(targets) {
					if kindMatches(p.KeyProvider, kinds) {
						providers = append(providers, p)
					}
				}
				name := func(p providerRef) string { return p.Name }
				write := func(p providerRef) error { return c.WriteObject(p.s.keyProviderObject(p.KeyProvider)) }
				if c.ParameterSetName() == "Id" {
					return writeByID(c, "KeyProvider", providers, func(p providerRef) string { return p.ID() }, write)
				}
				return writeByName(c, "KeyProvider", providers, name, write)
			})
		},
	}
}

// kindMatches filters providers by -Type.
func kindMatches(p engine.KeyProvider, kinds []any) bool {
	if len(kinds) == 0 {
		return true
	}
	want := "KeyProvider"
	if p.Type == engine.ProviderNative {
		want = "NativeKeyProvider"
	}
	for _, k := range kinds {
		if value.ToString(k) == want {
			return true
		}
	}
	return false
}

// allProviders lists the key providers of the targets.
func allProviders(targets []*Session) []providerRef {
	var out []providerRef
	for _, t := range targets {
		for _, p := range t.World.KeyProviders() {
			out = append(out, providerRef{t, p})
		}
	}
	return out
}

// resolveProviders turns -KeyProvider arguments of the key-provider
// cmdlets into providers: a KeyProvider object stands for the provider of
// its own vCenter; a name (wildcards allowed) matches the targets'.
func (s *Session) resolveProviders(c *eval.Call, args any, targets []*Session) ([]providerRef, error) {
	return resolveByName(c, "KeyProvider", args, func(string) []providerRef { return allProviders(targets) }, func(p providerRef) string { return p.Name },
		func(o *viObject) (providerRef, error) {
			p, err := o.s.World.KeyProvider(o.ref.Value)
			return providerRef{o.s, p}, err
		})
}
