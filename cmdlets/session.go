// Package cmdlets gives the engine PowerCLI's face: the cmdlets encryption
// scripts call (Get-VM, Set-VM -KeyProvider, Get-KeyProvider,
// Start-VsanEncryptionConfiguration, ...) with PowerCLI's parameter sets,
// output objects, property names, string forms and error texts, written
// against the interpreter's command interface.
//
// Where PowerCLI's exact behaviour is not documented publicly the code says
// so in a comment ("best reading"); see ../shared/reference/powercli.md.
package cmdlets

import (
	"fmt"
	"strings"

	"github.com/keyhost/keyhost/engine"
	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/format"
	"github.com/keyhost/keyhost/ps/value"
	"github.com/keyhost/keyhost/ps/wildcard"
)

// Session is one PowerCLI session against a keyhost world: the world and
// the connection scripts see as $global:DefaultVIServer.
type Session struct {
	World *engine.World
	// User is the account shown in the connection and in object Uids.
	User string
	// server is the connection object; nil when disconnected.
	server *value.PSObject
}

// NewSession returns a session on w, not yet connected.
func NewSession(w *engine.World) *Session {
	return &Session{World: w, User: "administrator@vsphere.local"}
}

// Register adds the PowerCLI cmdlets to a command table and their display
// formats to a format registry.
func Register(t *eval.CommandTable, f *format.Registry, s *Session) {
	for _, group := range [][]func(*Session) *eval.CommandInfo{
		inventoryCmdlets,
		hostCmdlets,
		vmCmdlets,
		keyProviderCmdlets,
		vsanCmdlets,
	} {
		for _, newCmdlet := range group {
			t.Register(newCmdlet(s))
		}
	}
	registerFormats(f)
}

// The cmdlets by area; each area's file lists its own.
var (
	inventoryCmdlets = []func(*Session) *eval.CommandInfo{(*Session).getVM, (*Session).getView, (*Session).getCluster, (*Session).getTemplate, (*Session).setTemplate}
	hostCmdlets      = []func(*Session) *eval.CommandInfo{(*Session).getVMHost, (*Session).setVMHost}
	vmCmdlets        = []func(*Session) *eval.CommandInfo{
		(*Session).setVM, (*Session).startVM, (*Session).stopVM, (*Session).unlockVM,
		(*Session).getHardDisk, (*Session).setHardDisk,
		(*Session).newVTpm, (*Session).getVTpm, (*Session).removeVTpm,
		(*Session).newSnapshot, (*Session).getSnapshot, (*Session).removeSnapshot,
	}
	keyProviderCmdlets = []func(*Session) *eval.CommandInfo{
		(*Session).getKeyProvider, (*Session).setKeyProvider,
		(*Session).exportKeyProvider, (*Session).importKeyProvider,
		(*Session).addEntityDefaultKeyProvider, (*Session).removeEntityDefaultKeyProvider,
		(*Session).newKeyhostNativeKeyProvider, (*Session).removeKeyhostKeyProvider,
	}
	vsanCmdlets = []func(*Session) *eval.CommandInfo{
		(*Session).getVsanClusterConfiguration, (*Session).startVsanEncryptionConfiguration,
		(*Session).testVsanClusterHealth, (*Session).getVsanResyncingComponent,
	}
)

// Connect makes the session connected, as Connect-VIServer does, and sets
// $global:DefaultVIServer and $global:DefaultVIServers on the runner.
// keyhost's commands start connected, since the FAQ scripts never connect
// themselves.
func (s *Session) Connect(r *eval.Runner) {
	vc := s.World.VCenter()
	srv := value.NewPSObject("VMware.VimAutomation.ViCore.Impl.V1.VIServerImpl", "VMware.VimAutomation.ViCore.Types.V1.VIServer")
	srv.Add("IsConnected", true).
		Add("Id", fmt.Sprintf("/VIServer=%s@%s:443/", s.User, vc.Name)).
		Add("ServiceUri", "https://"+vc.Name+"/sdk").
		Add("SessionSecret", "").
		Add("Name", vc.Name).
		Add("Port", int32(443)).
		Add("SessionId", "").
		Add("User", s.User).
		Add("Uid", fmt.Sprintf("/VIServer=%s@%s:443/", s.User, vc.Name)).
		Add("Version", vc.Version).
		Add("Build", vc.Build).
		Add("ProductLine", "vpx").
		Add("InstanceUuid", vc.InstanceUUID).
		Add("RefCount", int32(1))
	srv.ToStringFunc = func() string { return vc.Name }
	s.server = srv
	r.SetVariable("DefaultVIServer", srv)
	r.SetVariable("DefaultVIServers", []any{srv})
}

// uid builds a PowerCLI Uid: "/VIServer=user@server:443/Type=Id/".
func (s *Session) uid(kind, id string) string {
	return fmt.Sprintf("/VIServer=%s@%s:443/%s=%s/", s.User, s.World.VCenter().Name, kind, id)
}

// requireConnection fails the way PowerCLI does when no server is
// connected.
func (s *Session) requireConnection(c *eval.Call) error {
	if s.server != nil {
		return nil
	}
	return c.ThrowTerminatingError(viError(c, "You are not currently connected to any servers. Please connect first using a Connect cmdlet.",
		"Core_BaseCmdlet_NotConnectedError", eval.ResourceUnavailable, nil, "VMware.VimAutomation.ViCore.Types.V1.ErrorHandling.ViServerConnectionException"))
}

// viError builds an error record the way PowerCLI words them: the message
// starts with a timestamp and the cmdlet name ("11/24/2026 3:11:08 AM
// Get-VM  VM with name 'x' was not found ..."), tab-separated.
func viError(c *eval.Call, msg, id string, cat eval.ErrorCategory, target any, exceptionType string) *eval.ErrorRecord {
	stamp := c.Now().Format("1/2/2006 3:04:05 PM")
	full := stamp + "\t" + c.Name() + "\t\t" + msg
	if exceptionType == "" {
		exceptionType = "VMware.VimAutomation.Sdk.Types.V1.ErrorHandling.VimException.VimException"
	}
	return c.NewError(eval.NewException(exceptionType, full), id, cat, target)
}

// notFound is PowerCLI's object-not-found error (a non-terminating error):
// "VM with name 'x' was not found using the specified filter(s)."
func notFound(c *eval.Call, kind, name string) *eval.ErrorRecord {
	return viError(c, fmt.Sprintf("%s with name '%s' was not found using the specified filter(s).", kind, name),
		"Core_OutputHelper_WriteNotFoundError", eval.ObjectNotFound, name, "")
}

// faultError turns an engine fault from a server-side operation into
// PowerCLI's task-failure error: "The operation for the entity "web01"
// failed with the following message: "..."".
func faultError(c *eval.Call, entity string, err error) *eval.ErrorRecord {
	msg := err.Error()
	cat := eval.InvalidOperation
	exType := "VMware.VimAutomation.ViCore.Types.V1.ErrorHandling.VimException"
	if f, ok := engine.AsFault(err); ok {
		exType = "VMware.VimAutomation.ViCore.Types.V1.ErrorHandling." + f.Name
		switch f.Name {
		case engine.FaultNotFound:
			cat = eval.ObjectNotFound
		case engine.FaultInvalidArgument:
			cat = eval.InvalidArgument
		case engine.FaultNotSupported:
			cat = eval.NotImplemented
		}
	}
	return viError(c, fmt.Sprintf("The operation for the entity \"%s\" failed with the following message: \"%s\"", entity, msg),
		"Client20_TaskServiceImpl_CheckServerSideTaskUpdates_OperationFailed", cat, entity, exType)
}

// matchesAny reports whether name matches one of the patterns (wildcards,
// any case); no patterns match everything.
func matchesAny(name string, patterns []string) bool {
	if len(patterns) == 0 {
		return true
	}
	for _, p := range patterns {
		if wildcard.Match(p, name, false) {
			return true
		}
	}
	return false
}

// idValue strips the PowerCLI type prefix from an id
// ("VirtualMachine-vm-101" -> "vm-101").
func idValue(id, typ string) string {
	return strings.TrimPrefix(id, typ+"-")
}
