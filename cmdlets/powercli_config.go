package cmdlets

import (
	"strings"

	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
)

// PowerCLI's configuration: Get-PowerCLIConfiguration and
// Set-PowerCLIConfiguration (module VMware.VimAutomation.Core), which
// nearly every PowerCLI script calls on its first line
// ("Set-PowerCLIConfiguration -InvalidCertificateAction Ignore
// -Confirm:$false | Out-Null").
//
// PowerCLI keeps three scopes of settings: Session (this PowerShell
// session only), User and AllUsers (PowerCLI_settings.xml files). A
// setting's effective value is the Session one, else the User one, else
// the AllUsers one, else PowerCLI's default; Get-PowerCLIConfiguration's
// Session row shows the effective values, the User and AllUsers rows only
// what was set there (blank otherwise). keyhost keeps all three scopes in
// the runspace (per keyhost run, per server connection): nothing is read
// from or written to disk, and User and AllUsers settings last as long as
// the session, since keyhost has no profile directory.
//
// Facts used (public PowerCLI help and transcripts of PowerCLI 12/13):
// the parameters and their enum types (BadCertificateAction, ProxyPolicy,
// DefaultVIServerMode, ConfigurationScope); Set- without -Scope changes
// the User scope and writes the objects of all three scopes; the defaults
// the Session row shows on a fresh install (ProxyPolicy UseSystemProxy,
// DefaultVIServerMode Multiple, InvalidCertificateAction Unset,
// DisplayDeprecationWarnings True, WebOperationTimeoutSeconds 300,
// CEIPDataTransferProxyPolicy UseSystemProxy); the property order of
// Format-List; the table PowerCLI prints; and the confirmation prompt
// ("Perform operation?" / "Performing operation 'Update PowerCLI
// configuration.'?") that Set- shows unless -Confirm:$false, which means
// ConfirmImpact High with the default $ConfirmPreference.
//
// Only DefaultVIServerMode changes what keyhost does (see singleMode).
// InvalidCertificateAction, ProxyPolicy, WebOperationTimeoutSeconds,
// DisplayDeprecationWarnings, the CEIP settings, VMConsoleWindowBrowser
// and PythonPath are accepted and recorded: keyhost's vCenters have no
// certificates to check, no proxy, no web timeouts and no telemetry.

var powerCLIConfigTypeNames = []string{
	"VMware.VimAutomation.ViCore.Impl.V1.PowerCLIConfigurationImpl",
	"VMware.VimAutomation.ViCore.Types.V1.PowerCLIConfiguration",
	"System.Object",
}

// PowerCLI's configuration enums. The member order is the order .NET
// lists them in binding errors; it follows the public stubs of these
// enums (best reading: PowerCLI's assemblies are not published).
var (
	badCertificateActionType = &value.EnumType{
		Name:    "VMware.VimAutomation.ViCore.Types.V1.BadCertificateAction",
		Members: []string{"Ignore", "Warn", "Prompt", "Fail", "Unset"},
	}
	defaultVIServerModeType = &value.EnumType{
		Name:    "VMware.VimAutomation.ViCore.Types.V1.DefaultVIServerMode",
		Members: []string{"Single", "Multiple", "Unset"},
	}
	proxyPolicyType = &value.EnumType{
		Name:    "VMware.VimAutomation.ViCore.Types.V1.ProxyPolicy",
		Members: []string{"NoProxy", "UseSystemProxy", "Unset"},
	}
	// configurationScopeType is a [Flags] enum (PowerCLI's help combines
	// scopes with -bor); the values 1, 2, 4 are a best reading.
	configurationScopeType = &value.EnumType{
		Name:    "VMware.VimAutomation.ViCore.Types.V1.ConfigurationScope",
		Members: []string{"Session", "User", "AllUsers"},
		Values:  []int64{1, 2, 4},
	}
)

// The configuration scopes as bits of a ConfigurationScope value.
const (
	scopeSession  = 1
	scopeUser     = 2
	scopeAllUsers = 4
	scopeAll      = scopeSession | scopeUser | scopeAllUsers
)

// configScopes lists the scopes in the order PowerCLI writes them.
var configScopes = []struct {
	bit  int
	name string
}{{scopeSession, "Session"}, {scopeUser, "User"}, {scopeAllUsers, "AllUsers"}}

// configSetting is one setting: its property name, the parameter of
// Set-PowerCLIConfiguration that sets it (name, type, help), and its
// default.
type configSetting struct {
	name, param, help string
	typ               *eval.Type
	// def is the effective value when no scope sets it (nil: none).
	def any
	// userOnly marks settings PowerCLI documents as valid only for the
	// User and AllUsers scopes (the CEIP ones).
	userOnly bool
}

// configSettings are PowerCLI 13's settings in the order its
// PowerCLIConfiguration objects list them (Format-List); Scope comes
// between VMConsoleWindowBrowser and PythonPath there.
var configSettings = []configSetting{
	{name: "DefaultVIServerMode", def: defaultVIServerModeType.Member("Multiple"),
		param: "DefaultVIServerMode", typ: enumType(defaultVIServerModeType),
		help: "Single or Multiple: whether cmdlets without -Server run against the last connected server only or against every default server (default Multiple)."},
	{name: "ProxyPolicy", def: proxyPolicyType.Member("UseSystemProxy"),
		param: "ProxyPolicy", typ: enumType(proxyPolicyType),
		help: "NoProxy or UseSystemProxy (recorded; keyhost's vCenters need no proxy)."},
	{name: "ParticipateInCEIP", userOnly: true,
		param: "ParticipateInCeip", typ: eval.BoolType,
		help: "Whether PowerCLI sends usage data to VMware (recorded; keyhost sends nothing). User and AllUsers scopes only."},
	{name: "CEIPDataTransferProxyPolicy", def: proxyPolicyType.Member("UseSystemProxy"), userOnly: true,
		param: "CEIPDataTransferProxyPolicy", typ: enumType(proxyPolicyType),
		help: "The proxy policy for CEIP data (recorded). User and AllUsers scopes only."},
	{name: "DisplayDeprecationWarnings", def: true,
		param: "DisplayDeprecationWarnings", typ: eval.BoolType,
		help: "Whether to show warnings about deprecated elements (recorded)."},
	{name: "InvalidCertificateAction", def: badCertificateActionType.Member("Unset"),
		param: "InvalidCertificateAction", typ: enumType(badCertificateActionType),
		help: "Ignore, Warn, Prompt, Fail or Unset (recorded; keyhost's vCenters have no certificates to check)."},
	{name: "WebOperationTimeoutSeconds", def: int32(300),
		param: "WebOperationTimeoutSeconds", typ: eval.Int32Type,
		help: "The timeout of web operations in seconds, negative for none (recorded; default 300)."},
	{name: "VMConsoleWindowBrowser",
		param: "VMConsoleWindowBrowser", typ: eval.StringType,
		help: "The browser for Open-VMConsoleWindow (recorded)."},
	{name: "PythonPath",
		param: "PythonPath", typ: eval.StringType,
		help: "The Python executable for VMware.ImageBuilder (recorded)."},
}

// powerCLIConfig is the runspace's PowerCLI configuration: the settings
// each scope sets explicitly.
type powerCLIConfig struct {
	scopes map[int]map[string]any // scope bit -> setting name -> value
}

// config returns the runspace's configuration, made on first use.
func (rs *runspace) config() *powerCLIConfig {
	if rs.cfg == nil {
		rs.cfg = &powerCLIConfig{scopes: map[int]map[string]any{}}
	}
	return rs.cfg
}

// effective is a setting's value in force: Session, else User, else
// AllUsers, else PowerCLI's default.
func (cfg *powerCLIConfig) effective(s configSetting) any {
	for _, sc := range configScopes {
		if v, ok := cfg.scopes[sc.bit][s.name]; ok {
			return v
		}
	}
	return s.def
}

// set records a setting in a scope; an enum's Unset member clears it
// there, so the next scope (or the default) applies again (best reading
// of "Unset": PowerCLI's default value of these settings).
func (cfg *powerCLIConfig) set(scope int, name string, v any) {
	m := cfg.scopes[scope]
	if m == nil {
		m = map[string]any{}
		cfg.scopes[scope] = m
	}
	if e, ok := v.(value.Enum); ok && e.String() == "Unset" {
		delete(m, name)
		return
	}
	m[name] = v
}

// object builds the PowerCLIConfiguration object of one scope: the
// effective values for Session, the scope's own settings otherwise.
func (cfg *powerCLIConfig) object(scope int, scopeName string) *value.PSObject {
	o := value.NewPSObject(powerCLIConfigTypeNames...)
	for _, s := range configSettings {
		if s.name == "PythonPath" {
			o.Add("Scope", configurationScopeType.Member(scopeName))
		}
		var v any
		if scope == scopeSession {
			v = cfg.effective(s)
		} else {
			v = cfg.scopes[scope][s.name]
		}
		o.Add(s.name, v)
	}
	return o
}

// singleMode reports DefaultVIServerMode Single in force.
func (rs *runspace) singleMode() bool {
	if rs.cfg == nil {
		return false
	}
	for _, st := range configSettings {
		if st.name == "DefaultVIServerMode" {
			mode, _ := rs.cfg.effective(st).(value.Enum)
			return mode.String() == "Single"
		}
	}
	return false
}

// keepOnlyDefault makes conn the only default server, as Single mode
// does: the other connections stay open (cmdlets still reach them with
// -Server) but leave $global:DefaultVIServers (best reading of "removes
// all server connections except the last established one").
func (rs *runspace) keepOnlyDefault(conn *Session) {
	for _, o := range rs.conns {
		if o != conn && o.isDefault() {
			o.server.Add("IsDefault", false)
		}
	}
}

// enumType is a parameter type converting to a PowerCLI enum, with
// PowerShell's binding error for a name that is not a member.
func enumType(t *value.EnumType) *eval.Type {
	return &eval.Type{Name: t.Name, Convert: func(v any) (any, error) { return t.Convert(v) }}
}

// scopeParamType converts -Scope: a ConfigurationScope member, names
// joined with commas ("User, AllUsers"), an array of names, or a number
// (the -bor of scopes, as PowerCLI's examples pass it). It yields the
// scope bits as an int.
var scopeParamType = &eval.Type{Name: configurationScopeType.Name, Convert: func(v any) (any, error) {
	mask := 0
	for _, item := range value.Enumerate(v) {
		if value.IsNumber(item) {
			n, err := value.ToInt64(item)
			if err == nil && n > 0 && n&^scopeAll == 0 {
				mask |= int(n)
				continue
			}
		}
		for _, part := range strings.Split(value.ToString(item), ",") {
			e, err := configurationScopeType.Convert(strings.TrimSpace(part))
			if err != nil {
				return nil, err
			}
			mask |= int(e.Int())
		}
	}
	return mask, nil
}}

// scopeMask reads -Scope, or def when it was not given.
func scopeMask(c *eval.Call, def int) int {
	if !c.Has("Scope") {
		return def
	}
	if n, ok := c.Value("Scope").(int); ok && n != 0 {
		return n
	}
	return def
}

// writeConfig writes the configuration objects of the scopes in mask.
func (cfg *powerCLIConfig) writeConfig(c *eval.Call, mask int) error {
	for _, sc := range configScopes {
		if mask&sc.bit != 0 {
			if err := c.WriteObject(cfg.object(sc.bit, sc.name)); err != nil {
				return err
			}
		}
	}
	return nil
}

const configScopeHelp = "Session, User or AllUsers (or several, as \"User, AllUsers\"). keyhost keeps every scope in the session only: it has no profile directory, so User and AllUsers settings last until the session ends."

// getPowerCLIConfiguration is Get-PowerCLIConfiguration [-Scope
// <ConfigurationScope>]: the configuration objects of the scopes asked
// for (all three by default), Session first.
func (s *Session) getPowerCLIConfiguration() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:             "Get-PowerCLIConfiguration",
		Module:           "VMware.VimAutomation.Core",
		ImplementingType: "VMware.VimAutomation.ViCore.Cmdlets.Commands.GetPowerCLIConfiguration",
		Synopsis:         "Retrieves the PowerCLI configuration (proxy policy, default server mode, certificate action) of each scope. keyhost keeps the User and AllUsers scopes for the session's life only.",
		OutputType:       []string{"VMware.VimAutomation.ViCore.Types.V1.PowerCLIConfiguration"},
		Parameters: []*eval.Parameter{
			{Name: "Scope", Type: scopeParamType, Help: "The scopes to retrieve: " + configScopeHelp},
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				return s.rs.config().writeConfig(c, scopeMask(c, scopeAll))
			})
		},
	}
}

// setPowerCLIConfiguration is Set-PowerCLIConfiguration: it records the
// settings given in the scopes -Scope names (User by default, as
// PowerCLI's transcripts show) and writes the configuration objects of
// all three scopes. It asks for confirmation unless -Confirm:$false
// (ConfirmImpact High), with PowerCLI's prompt; -WhatIf prints the What
// if line, changes nothing and writes nothing (best reading: PowerCLI's
// What if text is not published; keyhost prints the prompt's operation).
//
// The CEIP settings are valid for the User and AllUsers scopes only;
// given with -Scope Session they are ignored there (best reading: what
// PowerCLI does then is not documented).
//
// DefaultVIServerMode Single takes effect at once: only the last default
// server stays in $global:DefaultVIServers, and each later
// Connect-VIServer replaces the default servers with the new connection.
func (s *Session) setPowerCLIConfiguration() *eval.CommandInfo {
	params := make([]*eval.Parameter, 0, len(configSettings)+1)
	for _, st := range configSettings {
		params = append(params, &eval.Parameter{Name: st.param, Type: st.typ, Help: st.help})
	}
	params = append(params, &eval.Parameter{Name: "Scope", Type: scopeParamType, Help: "The scopes to change (default User): " + configScopeHelp})
	return &eval.CommandInfo{
		Name:                  "Set-PowerCLIConfiguration",
		Module:                "VMware.VimAutomation.Core",
		ImplementingType:      "VMware.VimAutomation.ViCore.Cmdlets.Commands.SetPowerCLIConfiguration",
		Synopsis:              "Modifies the PowerCLI configuration. keyhost keeps every scope in the session only (no profile directory): User and AllUsers settings last until the session ends.",
		SupportsShouldProcess: true,
		ConfirmImpact:         eval.ImpactHigh,
		OutputType:            []string{"VMware.VimAutomation.ViCore.Types.V1.PowerCLIConfiguration"},
		Parameters:            params,
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				const op = "Performing operation 'Update PowerCLI configuration.'"
				ok, err := c.ShouldProcessCaption(op, op+"?", "Perform operation?")
				if err != nil || !ok {
					return err
				}
				rs := s.rs
				cfg := rs.config()
				mask := scopeMask(c, scopeUser)
				for _, st := range configSettings {
					if !c.Has(st.param) {
						continue
					}
					v := c.Value(st.param)
					for _, sc := range configScopes {
						if mask&sc.bit == 0 || st.userOnly && sc.bit == scopeSession {
							continue
						}
						cfg.set(sc.bit, st.name, v)
					}
				}
				if c.Has("DefaultVIServerMode") && rs.singleMode() {
					if defaults := rs.defaultServers(); len(defaults) > 1 {
						for _, conn := range rs.conns {
							if conn.server == defaults[len(defaults)-1] {
								rs.keepOnlyDefault(conn)
							}
						}
						rs.publishServers(c)
					}
				}
				return cfg.writeConfig(c, scopeAll)
			})
		},
	}
}
