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
				if err := s.checkServer(c); err != nil {
					return err
				}
				var kinds []any
				if c.Has("Type") {
					kinds = value.Enumerate(c.Value("Type"))
				}
				var providers []engine.KeyProvider
				for _, p := range s.World.KeyProviders() {
					if kindMatches(p, kinds) {
						providers = append(providers, p)
					}
				}
				name := func(p engine.KeyProvider) string { return p.Name }
				write := func(p engine.KeyProvider) error { return c.WriteObject(s.keyProviderObject(p)) }
				if c.ParameterSetName() == "Id" {
					return writeByID(c, "KeyProvider", providers, engine.KeyProvider.ID, write)
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
