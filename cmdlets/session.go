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

// Session is a PowerCLI session against keyhost's vCenters: the runspace
// state PowerCLI keeps (the connections, $global:DefaultVIServer(s), the
// tasks), and, for each connection, a Session of its own that stands for
// that one vCenter. The Session NewSession returns is the runspace's; its
// World is the primary vCenter's. A connection's Session has the world of
// its vCenter; objects remember the connection they came from, so a
// cmdlet given an object acts on that object's vCenter.
type Session struct {
	// World is the vCenter this Session stands for: the primary vCenter
	// for the runspace's Session, the connected one for a connection's.
	World *engine.World
	// User is the account shown in the connection and in object Uids
	// (PowerCLI shows SSO users as DOMAIN\user).
	User string
	// server is the connection's VIServer object (nil for the runspace's
	// Session).
	server *value.PSObject
	// name is the server name as the script connected to it.
	name string
	// rs is the runspace state every Session of the runspace shares.
	rs *runspace
}

// runspace is what a PowerCLI session keeps across cmdlets.
type runspace struct {
	fleet *engine.Fleet
	// conns lists the open connections in the order they were made;
	// defaults those in $global:DefaultVIServers.
	conns []*Session
	// tasks are the vCenter tasks the session started (tasks.go).
	tasks *taskList
	// root is the runspace's own Session.
	root *Session
	// cfg is the PowerCLI configuration (powercli_config.go), made on
	// first use.
	cfg *powerCLIConfig
}

// defaultUser is the account keyhost's connections use unless a script
// names another: vCenter's SSO administrator, as PowerCLI shows it.
const defaultUser = `VSPHERE.LOCAL\Administrator`

// NewSession returns a session on w (a fleet of one), not yet connected.
func NewSession(w *engine.World) *Session {
	return NewFleetSession(engine.NewFleet(w))
}

// NewFleetSession returns a session on the vCenters of f, not yet
// connected; its World is f's primary world.
func NewFleetSession(f *engine.Fleet) *Session {
	rs := &runspace{fleet: f, tasks: newTaskList()}
	s := &Session{World: f.Primary(), User: defaultUser, rs: rs}
	rs.root = s
	return s
}

// Fleet returns the vCenters the session can connect to.
func (s *Session) Fleet() *engine.Fleet { return s.rs.fleet }

// Register adds the PowerCLI cmdlets to a command table and their display
// formats to a format registry.
func Register(t *eval.CommandTable, f *format.Registry, s *Session) {
	for _, group := range [][]func(*Session) *eval.CommandInfo{
		sessionCmdlets,
		inventoryCmdlets,
		hostCmdlets,
		vmCmdlets,
		keyProviderCmdlets,
		kmsCmdlets,
		vsanCmdlets,
		taskCmdlets,
	} {
		for _, newCmdlet := range group {
			t.Register(newCmdlet(s.rs.root))
		}
	}
	registerFormats(f)
}

// The cmdlets by area; each area's file lists its own.
var (
	sessionCmdlets = []func(*Session) *eval.CommandInfo{
		(*Session).connectVIServer, (*Session).disconnectVIServer, (*Session).getCredential,
		(*Session).getPowerCLIConfiguration, (*Session).setPowerCLIConfiguration,
	}
	inventoryCmdlets = []func(*Session) *eval.CommandInfo{
		(*Session).getVM, (*Session).getView, (*Session).getCluster, (*Session).getTemplate, (*Session).setTemplate,
		(*Session).getDatacenter, (*Session).getDatastore, (*Session).getFolder,
	}
	hostCmdlets = []func(*Session) *eval.CommandInfo{(*Session).getVMHost, (*Session).setVMHost}
	vmCmdlets   = []func(*Session) *eval.CommandInfo{
		(*Session).setVM, (*Session).newVM, (*Session).startVM, (*Session).stopVM, (*Session).unlockVM,
		(*Session).getHardDisk, (*Session).setHardDisk,
		(*Session).newVTpm, (*Session).getVTpm, (*Session).removeVTpm,
		(*Session).newSnapshot, (*Session).getSnapshot, (*Session).removeSnapshot,
		(*Session).getSecurityInfo,
	}
	keyProviderCmdlets = []func(*Session) *eval.CommandInfo{
		(*Session).getKeyProvider, (*Session).setKeyProvider,
		(*Session).exportKeyProvider, (*Session).importKeyProvider,
		(*Session).addEntityDefaultKeyProvider, (*Session).removeEntityDefaultKeyProvider,
		(*Session).newKeyhostNativeKeyProvider, (*Session).removeKeyhostKeyProvider,
	}
	kmsCmdlets = []func(*Session) *eval.CommandInfo{
		(*Session).getKeyManagementServer, (*Session).addKeyManagementServer,
		(*Session).setKeyManagementServer, (*Session).removeKeyManagementServer,
	}
	vsanCmdlets = []func(*Session) *eval.CommandInfo{
		(*Session).getVsanClusterConfiguration, (*Session).startVsanEncryptionConfiguration,
		(*Session).testVsanClusterHealth, (*Session).getVsanResyncingComponent,
		(*Session).getVsanDiskGroup, (*Session).getVDisk,
	}
	taskCmdlets = []func(*Session) *eval.CommandInfo{(*Session).getTask, (*Session).waitTask, (*Session).stopTask}
)

// Connect makes the session connected to its primary vCenter, as
// Connect-VIServer does, and sets $global:DefaultVIServer and
// $global:DefaultVIServers on the runner. keyhost's commands start
// connected, since the FAQ scripts never connect themselves.
func (s *Session) Connect(r *eval.Runner) {
	rs := s.rs
	conn := rs.root.connection(rs.fleet.Primary(), rs.fleet.Primary().VCenter().Name, defaultUser)
	rs.conns = append(rs.conns, conn)
	r.SetVariable("DefaultVIServer", conn.server)
	r.SetVariable("DefaultVIServers", rs.defaultServers())
}

// uid builds a PowerCLI Uid: "/VIServer=user@server:443/Type=Id/".
func (s *Session) uid(kind, id string) string {
	// Concatenated rather than formatted: every VM object has one.
	return "/VIServer=" + strings.ToLower(s.User) + "@" + s.serverName() + ":443/" + kind + "=" + id + "/"
}

// serverName is the name of the Session's vCenter as connected.
func (s *Session) serverName() string {
	if s.name != "" {
		return s.name
	}
	return s.World.VCenter().Name
}

// requireConnection fails the way PowerCLI does when no server is
// connected.
func (s *Session) requireConnection(c *eval.Call) error {
	if len(s.rs.conns) > 0 {
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
