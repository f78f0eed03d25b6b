package cmdlets

import (
	"errors"
	"fmt"
	"strings"

	"github.com/keyhost/keyhost/engine"
	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
	"github.com/keyhost/keyhost/ps/wildcard"
)

// PowerCLI's connections. Connect-VIServer opens one to a vCenter of the
// fleet (building a demo vCenter the first time a script names it) and
// adds it to $global:DefaultVIServers unless -NotDefault; the newest
// default connection is $global:DefaultVIServer. Cmdlets run against the
// servers -Server names, else against every default server (PowerCLI's
// DefaultVIServerMode Multiple, the default Get-PowerCLIConfiguration
// shows), and a cmdlet given objects acts on each object's own server.
// In DefaultVIServerMode Single (Set-PowerCLIConfiguration) a default
// connection replaces the previous default servers.

var viServerTypeNames = []string{
	"VMware.VimAutomation.ViCore.Impl.V1.VIServerImpl",
	"VMware.VimAutomation.ViCore.Types.V1.VIServer",
	"VMware.VimAutomation.Common.Types.V1.VIConnection",
	"System.Object",
}

// connection returns a Session for one connection to w, named as the
// script connected to it, with its VIServer object.
func (s *Session) connection(w *engine.World, name, user string) *Session {
	vc := w.VCenter()
	conn := &Session{World: w, User: user, name: name, rs: s.rs}
	srv := value.NewPSObject(viServerTypeNames...)
	id := fmt.Sprintf("/VIServer=%s@%s:443/", strings.ToLower(user), name)
	srv.Add("IsConnected", true).
		Add("Id", id).
		Add("ServiceUri", "https://"+name+"/sdk").
		Add("SessionSecret", "").
		Add("Name", name).
		Add("Port", int32(443)).
		Add("SessionId", "").
		Add("User", user).
		Add("Uid", id).
		Add("Version", vc.Version).
		Add("Build", vc.Build).
		Add("ProductLine", "vpx").
		Add("InstanceUuid", vc.InstanceUUID).
		Add("RefCount", int32(1)).
		Add("ExtensionData", value.Lazy(func() any { return serviceInstanceView(vc) }))
	srv.ToStringFunc = func() string { return name }
	conn.server = srv
	return conn
}

// serviceInstanceView is the VIServer's ExtensionData: the
// ServiceInstance with its Content.About.
func serviceInstanceView(vc engine.VCenter) *value.PSObject {
	about := vimObject("AboutInfo")
	about.Add("Name", "VMware vCenter Server").
		Add("FullName", fmt.Sprintf("VMware vCenter Server %s build-%s", vc.Version, vc.Build)).
		Add("Version", vc.Version).
		Add("Build", vc.Build).
		Add("ApiType", "VirtualCenter").
		Add("ApiVersion", vc.APIVersion).
		Add("InstanceUuid", vc.InstanceUUID)
	content := vimObject("ServiceContent")
	content.Add("About", about)
	o := managedObject(engine.MoRef{Type: "ServiceInstance", Value: "ServiceInstance"}, "ServiceInstance")
	o.Add("Content", content)
	return o
}

// defaultServers returns $global:DefaultVIServers: the default
// connections, oldest first (best reading of PowerCLI's order).
func (rs *runspace) defaultServers() []any {
	out := []any{}
	for _, c := range rs.conns {
		if c.isDefault() {
			out = append(out, c.server)
		}
	}
	return out
}

// isDefault reports a default connection (not made with -NotDefault).
func (s *Session) isDefault() bool {
	v, _ := s.server.Property("IsDefault")
	return v == nil || value.ToBool(v)
}

// publishServers updates $global:DefaultVIServer(s).
func (rs *runspace) publishServers(c *eval.Call) {
	defaults := rs.defaultServers()
	var current any
	if len(defaults) > 0 {
		current = defaults[len(defaults)-1]
	}
	c.SetGlobalVariable("DefaultVIServer", current)
	c.SetGlobalVariable("DefaultVIServers", defaults)
}

// connected reports whether the connection is still open.
func (s *Session) connected() bool {
	for _, c := range s.rs.conns {
		if c == s {
			return true
		}
	}
	return false
}

// targets returns the connections a cmdlet runs against: those -Server
// names (VIServer objects or names, wildcards allowed), else every
// default connection. It fails as PowerCLI does without a connection, for
// an unknown server, and when the vCenter does not answer.
func (s *Session) targets(c *eval.Call) ([]*Session, error) {
	if err := s.requireConnection(c); err != nil {
		return nil, err
	}
	var out []*Session
	if c.Has("Server") && !value.IsNull(c.Value("Server")) {
		for _, item := range value.Enumerate(c.Value("Server")) {
			name := value.ToString(item)
			found := false
			for _, conn := range s.rs.conns {
				if o, ok := item.(*value.PSObject); ok && o == conn.server || wildcard.Match(name, conn.name, false) {
					if !containsSession(out, conn) {
						out = append(out, conn)
					}
					found = true
				}
			}
			if !found {
				return nil, c.ThrowTerminatingError(viError(c, "Could not find VIServer with name '"+name+"'.",
					"Core_ObnSelector_SelectObjectByNameCore_ObjectNotFound", eval.ObjectNotFound, name, ""))
			}
		}
	} else {
		for _, conn := range s.rs.conns {
			if conn.isDefault() {
				out = append(out, conn)
			}
		}
		if len(out) == 0 {
			return nil, s.notConnected(c)
		}
	}
	for _, conn := range out {
		if err := conn.checkAvailable(c); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func containsSession(list []*Session, s *Session) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// notConnected is PowerCLI's error without a (default) connection.
func (s *Session) notConnected(c *eval.Call) error {
	return c.ThrowTerminatingError(viError(c, "You are not currently connected to any servers. Please connect first using a Connect cmdlet.",
		"Core_BaseCmdlet_NotConnectedError", eval.ResourceUnavailable, nil, "VMware.VimAutomation.ViCore.Types.V1.ErrorHandling.ViServerConnectionException"))
}

// checkAvailable fails the way PowerCLI does when the connected vCenter
// does not answer (an outage injected with World.SetVCenterAvailable).
func (s *Session) checkAvailable(c *eval.Call) error {
	if s.World.VCenterAvailable() {
		return nil
	}
	// PowerCLI's wording for a server that stopped answering is
	// UNVERIFIED; the exception type is its connection error's.
	name := s.serverName()
	return c.ThrowTerminatingError(viError(c, "The underlying connection to '"+name+"' was closed: vCenter Server is not available.",
		"Client20_ConnectivityServiceImpl_Reconnect_SoapException", eval.ConnectionError, name, "VMware.VimAutomation.ViCore.Types.V1.ErrorHandling.ViServerConnectionException"))
}

// useObject checks that an object's connection is still open before a
// cmdlet acts on it.
func (s *Session) useObject(c *eval.Call) error {
	if s.server == nil || s.connected() {
		return s.checkAvailable(c)
	}
	return c.ThrowTerminatingError(viError(c, fmt.Sprintf("The object's server '%s' is not connected. Connect to it with Connect-VIServer first.", s.serverName()),
		"Core_BaseCmdlet_NotConnectedError", eval.ResourceUnavailable, s.serverName(), "VMware.VimAutomation.ViCore.Types.V1.ErrorHandling.ViServerConnectionException"))
}

// connectVIServer is Connect-VIServer:
//
//	Connect-VIServer [-Server] <String[]> [-Port <Int32>] [-Protocol <String>] [-Credential <PSCredential>]
//	    [-User <String>] [-Password <String>] [-NotDefault] [-SaveCredentials] [-AllLinked] [-Force]
//
// It connects to vCenters of keyhost's fleet (a demo vCenter named for the
// first time is built then) and writes the VIServer objects. keyhost keeps
// no passwords: every credential is accepted (keyhost's reading; a real
// vCenter refuses a wrong one with "Cannot complete login due to an
// incorrect user name or password."). A name keyhost does not know fails
// with PowerCLI's name-resolution error. Connecting again to a connected
// server returns that connection with RefCount one higher.
func (s *Session) connectVIServer() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                "Connect-VIServer",
		Module:              "VMware.VimAutomation.Core",
		ImplementingType:    "VMware.VimAutomation.ViCore.Cmdlets.Commands.ConnectVIServer",
		Synopsis:            "Connects to vCenter Server systems (keyhost's simulated ones).",
		DefaultParameterSet: "Default",
		OutputType:          []string{"VMware.VimAutomation.ViCore.Types.V1.VIServer"},
		Parameters: []*eval.Parameter{
			{Name: "Server", Type: eval.StringArrayType, NotNullOrEmpty: true, Sets: []eval.ParameterSet{{Name: "Default", Mandatory: true, Position: 0}},
				Help: "The vCenter Server systems to connect to (vcsa01.lab.local, vcsa02.lab.local, or their short names)."},
			{Name: "Port", Type: eval.Int32Type, Help: "The port (443)."},
			{Name: "Protocol", Type: eval.StringType, ValidateSet: []string{"http", "https"}, Help: "The protocol (https)."},
			{Name: "Credential", Type: credentialParamType, Help: "The credential to log in with."},
			{Name: "User", Aliases: []string{"Username"}, Type: eval.StringType, Help: "The user name to log in with."},
			{Name: "Password", Type: eval.StringType, Help: "The password (a plain string, as in PowerCLI)."},
			{Name: "Session", Type: eval.StringType, Help: "An existing session id (accepted; keyhost starts a new session)."},
			{Name: "NotDefault", Switch: true, Help: "Do not add the connection to $DefaultVIServers."},
			{Name: "SaveCredentials", Switch: true, Help: "Accepted; keyhost keeps no credential store."},
			{Name: "AllLinked", Switch: true, Help: "Accepted; keyhost's vCenters are not linked."},
			{Name: "Force", Switch: true, Help: "Accepted; keyhost's certificates are trusted."},
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				user := defaultUser
				switch {
				case c.Has("Credential") && c.Value("Credential") != nil:
					if o, ok := c.Value("Credential").(value.Object); ok {
						u, _ := o.Property("UserName")
						user = ssoUser(value.ToString(u))
					}
				case c.Has("User"):
					user = ssoUser(c.String("User"))
				}
				for _, name := range c.Strings("Server") {
					if err := s.connectOne(c, name, user); err != nil {
						return err
					}
				}
				return nil
			})
		},
	}
}

// connectOne opens (or reuses) one connection.
func (s *Session) connectOne(c *eval.Call, name, user string) error {
	rs := s.rs
	w, err := rs.fleet.Open(name)
	if err != nil {
		if errors.Is(err, engine.ErrUnknownVCenter) {
			return c.WriteError(viError(c, "Could not resolve the requested VC server.",
				"Client20_ConnectivityServiceImpl_Reconnect_NameResolutionFailure", eval.ObjectNotFound, name,
				"VMware.VimAutomation.Sdk.Types.V1.ErrorHandling.VimException.ViServerConnectionException"))
		}
		return c.WriteError(viError(c, err.Error(), "Client20_ConnectivityServiceImpl_Reconnect_Exception", eval.ConnectionError, name, ""))
	}
	if !w.VCenterAvailable() {
		return c.WriteError(viError(c, "Could not connect using the requested protocol.",
			"Client20_ConnectivityServiceImpl_Reconnect_ProtocolError", eval.ConnectionError, name,
			"VMware.VimAutomation.Sdk.Types.V1.ErrorHandling.VimException.ViServerConnectionException"))
	}
	notDefault := c.Switch("NotDefault")
	for _, conn := range rs.conns {
		if conn.World == w && strings.EqualFold(conn.name, name) && strings.EqualFold(conn.User, user) {
			n, _ := conn.server.Property("RefCount")
			conn.server.Add("RefCount", refCount(n)+1)
			if !notDefault {
				conn.server.Add("IsDefault", true)
				if rs.singleMode() {
					rs.keepOnlyDefault(conn)
				}
			}
			rs.publishServers(c)
			return c.WriteObject(conn.server)
		}
	}
	conn := s.connection(w, name, user)
	if notDefault {
		conn.server.Add("IsDefault", false)
	}
	rs.conns = append(rs.conns, conn)
	if !notDefault && rs.singleMode() {
		rs.keepOnlyDefault(conn)
	}
	rs.publishServers(c)
	return c.WriteObject(conn.server)
}

// ssoUser writes a user as PowerCLI shows it: "administrator@vsphere.local"
// becomes "VSPHERE.LOCAL\administrator"; other forms stay as given.
func ssoUser(u string) string {
	if name, domain, ok := strings.Cut(u, "@"); ok && name != "" && domain != "" {
		return strings.ToUpper(domain) + `\` + name
	}
	if u == "" {
		return defaultUser
	}
	return u
}

// disconnectVIServer is Disconnect-VIServer [[-Server] <VIServer[]>]
// [-Force]: it closes connections ("*" closes all; without -Server, the
// current default server) and writes nothing. It prompts by default, as
// PowerCLI's does (ConfirmImpact High: public transcripts show its
// "Disconnect VIServer" prompt), with PowerCLI's target text.
func (s *Session) disconnectVIServer() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                  "Disconnect-VIServer",
		Module:                "VMware.VimAutomation.Core",
		ImplementingType:      "VMware.VimAutomation.ViCore.Cmdlets.Commands.DisconnectVIServer",
		Synopsis:              "Closes connections to vCenter Server systems.",
		SupportsShouldProcess: true,
		ConfirmImpact:         eval.ImpactHigh,
		Parameters: []*eval.Parameter{
			{Name: "Server", Wildcards: true, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Position: 0, ValueFromPipeline: true}},
				Help: "The connections to close (VIServer objects or names; * for all)."},
			{Name: "Force", Switch: true, Help: "Close the connections even when other scripts share them."},
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				rs := s.rs
				var closing []*Session
				if c.Has("Server") && !value.IsNull(c.Value("Server")) {
					for _, item := range value.Enumerate(c.Value("Server")) {
						found := false
						for _, conn := range rs.conns {
							if o, ok := item.(*value.PSObject); ok && o == conn.server || wildcard.Match(value.ToString(item), conn.name, false) {
								found = true
								if !containsSession(closing, conn) {
									closing = append(closing, conn)
								}
							}
						}
						if !found {
							if err := c.WriteError(viError(c, "Could not find VIServer with name '"+value.ToString(item)+"'.",
								"Core_ObnSelector_SelectObjectByNameCore_ObjectNotFound", eval.ObjectNotFound, value.ToString(item), "")); err != nil {
								return err
							}
						}
					}
				} else {
					defaults := rs.defaultServers()
					if len(defaults) == 0 {
						return s.notConnected(c)
					}
					for _, conn := range rs.conns {
						if conn.server == defaults[len(defaults)-1] {
							closing = append(closing, conn)
						}
					}
				}
				for _, conn := range closing {
					target := fmt.Sprintf("User: %s, Server: %s, Port: 443", conn.User, conn.name)
					ok, err := c.ShouldProcess(target, "Disconnect VIServer")
					if err != nil {
						return err
					}
					if !ok {
						continue
					}
					kept := rs.conns[:0:0]
					for _, o := range rs.conns {
						if o != conn {
							kept = append(kept, o)
						}
					}
					rs.conns = kept
					conn.server.Add("IsConnected", false)
					rs.publishServers(c)
				}
				return nil
			})
		},
	}
}

// serverParam is -Server, accepted by PowerCLI's cmdlets: the connections
// (VIServer objects or names) to run against.
func serverParam() *eval.Parameter {
	return &eval.Parameter{Name: "Server", Help: "The vCenter Server systems to run the cmdlet on (default: $DefaultVIServers)."}
}

// refCount reads a VIServer's RefCount.
func refCount(v any) int32 {
	n, err := value.ToInt32(v)
	if err != nil {
		return 0
	}
	return n
}
