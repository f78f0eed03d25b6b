package cmdlets

import (
	"fmt"

	"github.com/keyhost/keyhost/engine"
	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
	"github.com/keyhost/keyhost/ps/wildcard"
)

// The *-KeyManagementServer cmdlets (VMware.VimAutomation.Storage) manage
// the KMS servers of standard key providers. Add-KeyManagementServer with a
// provider name vCenter does not know creates that standard provider, as
// PowerCLI documents; Remove-KeyManagementServer leaves the provider (best
// reading: whether vCenter drops a provider left without servers is not
// documented). keyhost's standard providers get their keys from keyhost's
// own KMS whatever addresses are registered.

var (
	kmsTypeNames = []string{
		"VMware.VimAutomation.Storage.Impl.V1.Encryption.KeyManagementServerImpl",
		"VMware.VimAutomation.Storage.Types.V1.Encryption.KeyManagementServer",
		"System.Object",
	}
	kmsParamType = inventoryParamType("VMware.VimAutomation.Storage.Types.V1.Encryption.KeyManagementServer[]", "VMware.VimAutomation.Storage.Types.V1.Encryption.KeyManagementServer")
)

// kmsObject is a PowerCLI KeyManagementServer; it remembers its provider.
type kmsObject struct {
	*viObject
	provider, name string
}

// kmsRef is a KMS server of one connection's vCenter.
type kmsRef struct {
	s *Session
	engine.KMSServer
}

// kmsServerObject builds a KeyManagementServer.
func (s *Session) kmsServerObject(k engine.KMSServer) *kmsObject {
	id := k.Provider + "/" + k.Name
	o := &kmsObject{viObject: s.newVIObject(engine.MoRef{Type: "KeyManagementServer", Value: id}, k.Name, kmsTypeNames...), provider: k.Provider, name: k.Name}
	var proxy, proxyPort any
	if k.ProxyAddress != "" {
		proxy = k.ProxyAddress
	}
	if k.ProxyPort > 0 {
		proxyPort = int32(k.ProxyPort)
	}
	var provider any
	if p, err := s.World.KeyProvider(k.Provider); err == nil {
		provider = s.keyProviderObject(p)
	}
	o.Add("Address", k.Address).
		Add("Id", id).
		Add("KeyProvider", provider).
		Add("KmsCluster", provider).
		Add("Name", k.Name).
		Add("Port", int32(k.Port)).
		Add("ProxyAddress", proxy).
		Add("ProxyPort", proxyPort).
		Add("Username", k.Username).
		Add("Uid", s.uid("KeyManagementServer", id))
	return o
}

// allKMSServers lists the KMS servers of the targets.
func allKMSServers(targets []*Session) []kmsRef {
	var out []kmsRef
	for _, t := range targets {
		for _, k := range t.World.KMSServers() {
			out = append(out, kmsRef{t, k})
		}
	}
	return out
}

// getKeyManagementServer is Get-KeyManagementServer:
//
//	Get-KeyManagementServer [[-KeyProvider] <KeyProvider[]>] [-Name <String[]>]
//	Get-KeyManagementServer -Address <String[]>
func (s *Session) getKeyManagementServer() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                "Get-KeyManagementServer",
		Module:              "VMware.VimAutomation.Storage",
		ImplementingType:    "VMware.VimAutomation.Storage.Commands.Cmdlets.Encryption.GetKeyManagementServer",
		Synopsis:            "Retrieves the key management servers of standard key providers.",
		DefaultParameterSet: "Default",
		OutputType:          []string{"VMware.VimAutomation.Storage.Types.V1.Encryption.KeyManagementServer"},
		Parameters: []*eval.Parameter{
			{Name: "KeyProvider", Aliases: []string{"KmsCluster"}, Type: keyProviderParamType, Wildcards: true, Sets: []eval.ParameterSet{{Name: "Default", Position: 0, ValueFromPipeline: true}},
				Help: "The key providers whose servers to retrieve."},
			{Name: "Name", Type: eval.StringArrayType, Wildcards: true, Sets: []eval.ParameterSet{{Name: "Default", Position: -1}},
				Help: "The names of the servers (wildcards allowed)."},
			{Name: "Address", Type: eval.StringArrayType, Sets: []eval.ParameterSet{{Name: "Address", Mandatory: true, Position: -1}},
				Help: "The addresses of the servers."},
			serverParam(),
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				targets, err := s.targets(c)
				if err != nil {
					return err
				}
				servers := allKMSServers(targets)
				write := func(k kmsRef) error { return c.WriteObject(k.s.kmsServerObject(k.KMSServer)) }
				if c.ParameterSetName() == "Address" {
					for _, k := range servers {
						if matchesAny(k.Address, c.Strings("Address")) {
							if err := write(k); err != nil {
								return err
							}
						}
					}
					return nil
				}
				if c.Has("KeyProvider") {
					providers, err := s.resolveProviders(c, c.Value("KeyProvider"), targets)
					if err != nil {
						return err
					}
					var kept []kmsRef
					for _, k := range servers {
						for _, p := range providers {
							if p.s.World == k.s.World && p.Name == k.Provider {
								kept = append(kept, k)
								break
							}
						}
					}
					servers = kept
				}
				return writeByName(c, "KeyManagementServer", servers, func(k kmsRef) string { return k.Name }, write)
			})
		},
	}
}

// kmsCredentialParams are the credential parameters of Add- and
// Set-KeyManagementServer.
func kmsCredentialParams() []*eval.Parameter {
	return []*eval.Parameter{
		{Name: "Credential", Type: credentialParamType, Help: "The credential vCenter logs in to the server with."},
		{Name: "Username", Type: eval.StringType, Help: "The user name vCenter logs in with."},
		{Name: "Password", Type: secureStringParamType, Help: "The password vCenter logs in with."},
		{Name: "ProxyAddress", Type: eval.StringType, Help: "The proxy's address ('' clears it)."},
		{Name: "ProxyPort", Type: eval.Int32Type, Help: "The proxy's port (-1 clears it)."},
	}
}

// kmsSpec reads the parameters common to Add- and Set-KeyManagementServer.
func kmsSpec(c *eval.Call) engine.KMSServerSpec {
	var spec engine.KMSServerSpec
	str := func(name string) *string {
		if !c.Has(name) {
			return nil
		}
		v := c.String(name)
		return &v
	}
	num := func(name string) *int {
		if !c.Has(name) {
			return nil
		}
		n, _ := value.ToInt32(c.Value(name))
		v := int(n)
		return &v
	}
	spec.Address, spec.Port = str("Address"), num("Port")
	spec.ProxyAddress, spec.ProxyPort = str("ProxyAddress"), num("ProxyPort")
	spec.Username = str("Username")
	if o, ok := c.Value("Credential").(value.Object); ok {
		u, _ := o.Property("UserName")
		user := value.ToString(u)
		spec.Username = &user
	}
	if c.Has("TrustKeyManagementServer") {
		b := c.Switch("TrustKeyManagementServer")
		spec.Trusted = &b
	}
	return spec
}

// addKeyManagementServer is Add-KeyManagementServer:
//
//	Add-KeyManagementServer -Address <String> -Port <Int32> -KeyProvider <String> -TrustKeyManagementServer <Boolean>
//	    [-Name <String>] [-Credential <PSCredential> | -Username <String> -Password <SecureString>]
//	    [-ProxyAddress <String>] [-ProxyPort <Int32>]
//
// -KeyProvider is a String (a KeyProvider object converts to its name);
// its old name -KmsCluster is accepted, as PowerCLI 10/11 scripts write it
// (alias: best reading). A provider name vCenter does not have creates a
// standard key provider. It writes the new KeyManagementServer.
func (s *Session) addKeyManagementServer() *eval.CommandInfo {
	params := []*eval.Parameter{
		{Name: "Address", Type: eval.StringType, NotNullOrEmpty: true, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Mandatory: true, Position: -1}},
			Help: "The server's address."},
		{Name: "Port", Type: eval.Int32Type, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Mandatory: true, Position: -1}},
			Help: "The server's KMIP port (5696)."},
		{Name: "KeyProvider", Aliases: []string{"KmsCluster"}, Type: eval.StringType, NotNullOrEmpty: true, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Mandatory: true, Position: -1}},
			Help: "The standard key provider to add the server to; a new name creates the provider."},
		{Name: "TrustKeyManagementServer", Type: eval.BoolType, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Mandatory: true, Position: -1}},
			Help: "Whether vCenter trusts the server's certificate (a Boolean)."},
		{Name: "Name", Type: eval.StringType, Help: "The server's name in vCenter (default: its address)."},
	}
	params = append(params, kmsCredentialParams()...)
	params = append(params, serverParam())
	return &eval.CommandInfo{
		Name:                  "Add-KeyManagementServer",
		Module:                "VMware.VimAutomation.Storage",
		ImplementingType:      "VMware.VimAutomation.Storage.Commands.Cmdlets.Encryption.AddKeyManagementServer",
		Synopsis:              "Adds a key management server to a standard key provider, creating the provider if needed.",
		SupportsShouldProcess: true,
		ConfirmImpact:         eval.ImpactMedium,
		OutputType:            []string{"VMware.VimAutomation.Storage.Types.V1.Encryption.KeyManagementServer"},
		Parameters:            params,
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				targets, err := s.targets(c)
				if err != nil {
					return err
				}
				spec := kmsSpec(c)
				spec.Name = c.String("Name")
				provider := c.String("KeyProvider")
				for _, t := range targets {
					ok, err := c.ShouldProcess(provider, "Add key management server "+c.String("Address"))
					if err != nil || !ok {
						return err
					}
					k, err := t.World.AddKMSServer(provider, spec)
					if err != nil {
						if werr := c.WriteError(faultError(c, provider, err)); werr != nil {
							return werr
						}
						continue
					}
					if err := c.WriteObject(t.kmsServerObject(k)); err != nil {
						return err
					}
				}
				return nil
			})
		},
	}
}

// resolveKMSServers turns -KeyManagementServer arguments into servers.
func (s *Session) resolveKMSServers(c *eval.Call, targets []*Session) ([]kmsRef, error) {
	var out []kmsRef
	for _, item := range value.Enumerate(c.Value("KeyManagementServer")) {
		if o, ok := item.(*kmsObject); ok {
			if err := o.s.useObject(c); err != nil {
				return nil, err
			}
			found := false
			for _, k := range o.s.World.KMSServers() {
				if k.Provider == o.provider && k.Name == o.name {
					out, found = append(out, kmsRef{o.s, k}), true
				}
			}
			if !found {
				if err := c.WriteError(notFound(c, "KeyManagementServer", o.name)); err != nil {
					return nil, err
				}
			}
			continue
		}
		name := value.ToString(item)
		found := false
		for _, k := range allKMSServers(targets) {
			if wildcard.Match(name, k.Name, false) {
				out, found = append(out, k), true
			}
		}
		if !found {
			if err := c.WriteError(notFound(c, "KeyManagementServer", name)); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// setKeyManagementServer is Set-KeyManagementServer
// -KeyManagementServer <KeyManagementServer[]> with -Address, -Port,
// -ProxyAddress (” clears), -ProxyPort (-1 clears),
// -TrustKeyManagementServer, -Credential or -Username/-Password. Trust
// cannot be withdrawn, as PowerCLI documents. It writes the servers.
func (s *Session) setKeyManagementServer() *eval.CommandInfo {
	params := []*eval.Parameter{
		{Name: "KeyManagementServer", Type: kmsParamType, NotNullOrEmpty: true, Wildcards: true, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Mandatory: true, Position: -1, ValueFromPipeline: true}},
			Help: "The servers to change."},
		{Name: "Address", Type: eval.StringType, Help: "A new address."},
		{Name: "Port", Type: eval.Int32Type, Help: "A new port."},
		{Name: "TrustKeyManagementServer", Type: eval.BoolType, Help: "Trust the server's certificate ($true only)."},
	}
	params = append(params, kmsCredentialParams()...)
	params = append(params, serverParam())
	return &eval.CommandInfo{
		Name:                  "Set-KeyManagementServer",
		Module:                "VMware.VimAutomation.Storage",
		ImplementingType:      "VMware.VimAutomation.Storage.Commands.Cmdlets.Encryption.SetKeyManagementServer",
		Synopsis:              "Changes the settings of key management servers.",
		SupportsShouldProcess: true,
		ConfirmImpact:         eval.ImpactMedium,
		OutputType:            []string{"VMware.VimAutomation.Storage.Types.V1.Encryption.KeyManagementServer"},
		Parameters:            params,
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				targets, err := s.targets(c)
				if err != nil {
					return err
				}
				servers, err := s.resolveKMSServers(c, targets)
				if err != nil {
					return err
				}
				spec := kmsSpec(c)
				for _, k := range servers {
					ok, err := c.ShouldProcess(k.Name, "Update key management server")
					if err != nil {
						return err
					}
					if !ok {
						continue
					}
					updated, err := k.s.World.UpdateKMSServer(k.Provider, k.Name, spec)
					if err != nil {
						if werr := c.WriteError(faultError(c, k.Name, err)); werr != nil {
							return werr
						}
						continue
					}
					if err := c.WriteObject(k.s.kmsServerObject(updated)); err != nil {
						return err
					}
				}
				return nil
			})
		},
	}
}

// removeKeyManagementServer is Remove-KeyManagementServer
// -KeyManagementServer <KeyManagementServer[]>: it unregisters servers and
// writes nothing. It prompts by default (ConfirmImpact High, best reading:
// PowerCLI's Remove cmdlets do).
func (s *Session) removeKeyManagementServer() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                  "Remove-KeyManagementServer",
		Module:                "VMware.VimAutomation.Storage",
		ImplementingType:      "VMware.VimAutomation.Storage.Commands.Cmdlets.Encryption.RemoveKeyManagementServer",
		Synopsis:              "Removes key management servers from their standard key providers.",
		SupportsShouldProcess: true,
		ConfirmImpact:         eval.ImpactHigh,
		Parameters: []*eval.Parameter{
			{Name: "KeyManagementServer", Type: kmsParamType, NotNullOrEmpty: true, Wildcards: true, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Mandatory: true, Position: 0, ValueFromPipeline: true}},
				Help: "The servers to remove."},
			serverParam(),
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				targets, err := s.targets(c)
				if err != nil {
					return err
				}
				servers, err := s.resolveKMSServers(c, targets)
				if err != nil {
					return err
				}
				for _, k := range servers {
					ok, err := c.ShouldProcess(k.Name, fmt.Sprintf("Remove key management server from key provider %s", k.Provider))
					if err != nil {
						return err
					}
					if !ok {
						continue
					}
					if err := k.s.World.RemoveKMSServer(k.Provider, k.Name); err != nil {
						if werr := c.WriteError(faultError(c, k.Name, err)); werr != nil {
							return werr
						}
					}
				}
				return nil
			})
		},
	}
}
