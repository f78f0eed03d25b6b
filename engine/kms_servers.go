package engine

import (
	"fmt"
	"strings"
)

// A Standard key provider is vCenter's name for a cluster of KMIP servers
// (KmipClusterInfo.servers); vCenter registers each server with its
// address, port and credentials (CryptoManagerKmip.RegisterKmipServer).
// keyhost's Standard providers get their keys from the KMS in the state
// file or the embedded KMIP server whatever addresses are registered: the
// registrations are the inventory PowerCLI's *-KeyManagementServer
// cmdlets read and change.

// kmsServerRecord is one registered KMS server.
type kmsServerRecord struct {
	Name         string `json:"name"`
	Address      string `json:"address"`
	Port         int    `json:"port"`
	ProxyAddress string `json:"proxyAddress,omitempty"`
	ProxyPort    int    `json:"proxyPort,omitempty"`
	Username     string `json:"username,omitempty"`
	// Trusted reports that vCenter trusts the server's certificate.
	Trusted bool `json:"trusted,omitempty"`
}

// KMSServer is a copy of one KMS server registration.
type KMSServer struct {
	// Provider is the Standard key provider the server serves.
	Provider     string
	Name         string
	Address      string
	Port         int
	ProxyAddress string
	ProxyPort    int
	Username     string
	Trusted      bool
}

// KMSServerSpec describes a KMS server to register, or (UpdateKMSServer)
// the fields to change: nil keeps the current value.
type KMSServerSpec struct {
	Name         string
	Address      *string
	Port         *int
	ProxyAddress *string
	ProxyPort    *int
	Username     *string
	Trusted      *bool
}

// KMSServers returns the KMS servers of every Standard provider, by
// provider in creation order.
func (w *World) KMSServers() []KMSServer {
	w.mu.RLock()
	defer w.mu.RUnlock()
	var out []KMSServer
	for _, p := range w.st.Providers {
		for _, s := range p.Servers {
			out = append(out, kmsServerCopy(p, s))
		}
	}
	return out
}

func kmsServerCopy(p *providerRecord, s *kmsServerRecord) KMSServer {
	return KMSServer{Provider: p.Name, Name: s.Name, Address: s.Address, Port: s.Port, ProxyAddress: s.ProxyAddress,
		ProxyPort: s.ProxyPort, Username: s.Username, Trusted: s.Trusted}
}

// AddKMSServer registers a KMS server with a Standard provider; naming a
// provider that does not exist creates it (RegisterKmipServer on an
// unknown cluster does, and so does PowerCLI's Add-KeyManagementServer).
// The server's name must be unique within the provider; an address and a
// port are required.
func (w *World) AddKMSServer(provider string, spec KMSServerSpec) (KMSServer, error) {
	if spec.Address == nil || strings.TrimSpace(*spec.Address) == "" {
		return KMSServer{}, providerFault(FaultInvalidArgument, provider, "A KMS server address is required.")
	}
	if spec.Port == nil || *spec.Port <= 0 || *spec.Port > 65535 {
		return KMSServer{}, providerFault(FaultInvalidArgument, provider, "A KMS server port between 1 and 65535 is required.")
	}
	name := spec.Name
	if name == "" {
		name = *spec.Address
	}
	if _, err := w.KeyProvider(provider); err != nil {
		if f, ok := AsFault(err); !ok || f.Name != FaultNotFound {
			return KMSServer{}, err
		}
		if _, err := w.CreateStandardKeyProvider(provider); err != nil {
			return KMSServer{}, err
		}
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.requireVCenter("add KMS server " + name); err != nil {
		return KMSServer{}, err
	}
	p, err := w.providerLocked(provider)
	if err != nil {
		return KMSServer{}, err
	}
	if p.Type != ProviderStandard {
		return KMSServer{}, providerFault(FaultNotSupported, provider, "Key provider %s is a Native Key Provider; KMS servers belong to standard key providers.", provider)
	}
	for _, s := range p.Servers {
		if strings.EqualFold(s.Name, name) {
			return KMSServer{}, providerFault(FaultAlreadyExists, provider, "Key provider %s already has a KMS server named %s.", provider, name)
		}
	}
	s := &kmsServerRecord{Name: name}
	applyKMSSpec(s, spec)
	p.Servers = append(p.Servers, s)
	w.changed()
	return kmsServerCopy(p, s), nil
}

// UpdateKMSServer changes a registered server's settings; a ProxyPort of
// -1 and an empty ProxyAddress clear them. Trust, once given, cannot be
// taken back (as PowerCLI documents for Set-KeyManagementServer).
func (w *World) UpdateKMSServer(provider, server string, spec KMSServerSpec) (KMSServer, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.requireVCenter("update KMS server " + server); err != nil {
		return KMSServer{}, err
	}
	p, s, err := w.kmsServerLocked(provider, server)
	if err != nil {
		return KMSServer{}, err
	}
	if spec.Trusted != nil && !*spec.Trusted && s.Trusted {
		return KMSServer{}, providerFault(FaultNotSupported, provider, "The trust of KMS server %s cannot be revoked.", server)
	}
	if spec.Port != nil && (*spec.Port <= 0 || *spec.Port > 65535) {
		return KMSServer{}, providerFault(FaultInvalidArgument, provider, "A KMS server port between 1 and 65535 is required.")
	}
	applyKMSSpec(s, spec)
	w.changed()
	return kmsServerCopy(p, s), nil
}

// RemoveKMSServer unregisters a server (RemoveKmipServer). A provider
// left without servers stays registered: whether vCenter drops it too is
// UNVERIFIED (powercli.md §1), and keyhost keeps it, with its keys.
func (w *World) RemoveKMSServer(provider, server string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.requireVCenter("remove KMS server " + server); err != nil {
		return err
	}
	p, s, err := w.kmsServerLocked(provider, server)
	if err != nil {
		return err
	}
	kept := p.Servers[:0:0]
	for _, o := range p.Servers {
		if o != s {
			kept = append(kept, o)
		}
	}
	p.Servers = kept
	w.changed()
	return nil
}

func (w *World) kmsServerLocked(provider, server string) (*providerRecord, *kmsServerRecord, error) {
	p, err := w.providerLocked(provider)
	if err != nil {
		return nil, nil, err
	}
	for _, s := range p.Servers {
		if strings.EqualFold(s.Name, server) {
			return p, s, nil
		}
	}
	return nil, nil, &Fault{Name: FaultNotFound, Object: server, Message: fmt.Sprintf("Key provider %s has no KMS server named %s.", provider, server)}
}

func applyKMSSpec(s *kmsServerRecord, spec KMSServerSpec) {
	if spec.Address != nil {
		s.Address = *spec.Address
	}
	if spec.Port != nil {
		s.Port = *spec.Port
	}
	if spec.ProxyAddress != nil {
		s.ProxyAddress = *spec.ProxyAddress
	}
	if spec.ProxyPort != nil {
		s.ProxyPort = max(*spec.ProxyPort, 0)
	}
	if spec.Username != nil {
		s.Username = *spec.Username
	}
	if spec.Trusted != nil {
		s.Trusted = *spec.Trusted
	}
}
