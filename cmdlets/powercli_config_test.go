package cmdlets_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// The PowerCLI configuration table, as PowerCLI prints it.
const configHeader = "\n" +
	"Scope    ProxyPolicy     DefaultVIServerMode InvalidCertificateAction  DisplayDeprecationWarnings WebOperationTimeout\n" +
	"                                                                                                  Seconds\n" +
	"-----    -----------     ------------------- ------------------------  -------------------------- -------------------\n"

// configRow is one row of the table: the cells padded to their columns.
func configRow(scope, proxy, mode, cert, warnings, timeout string) string {
	cells := []string{scope, proxy, mode, cert, warnings, timeout}
	widths := []int{8, 15, 19, 25, 26, 0}
	var b strings.Builder
	for i, c := range cells {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(c)
		if widths[i] > len(c) {
			b.WriteString(strings.Repeat(" ", widths[i]-len(c)))
		}
	}
	return b.String() + "\n"
}

// Set-PowerCLIConfiguration and Get-PowerCLIConfiguration: the first
// lines of most PowerCLI scripts, the scopes, the objects and their
// table, -WhatIf, and DefaultVIServerMode.
func TestPowerCLIConfiguration(t *testing.T) {
	fresh := configHeader +
		configRow("Session", "UseSystemProxy", "Multiple", "Unset", "True", "300") +
		configRow("User", "", "", "", "", "") +
		configRow("AllUsers", "", "", "", "", "") + "\n"
	tests := []struct{ name, src, want string }{
		// The typical first lines of scripts.
		{"ignore certificates", `Set-PowerCLIConfiguration -InvalidCertificateAction Ignore -Confirm:$false | Out-Null; Get-VM web01 | Select-Object -ExpandProperty Name`,
			"web01\n"},
		{"no CEIP for the user", `Set-PowerCLIConfiguration -Scope User -ParticipateInCEIP $false -Confirm:$false | Out-Null; (Get-PowerCLIConfiguration -Scope User).ParticipateInCEIP`,
			"False\n"},
		{"session settings", `Set-PowerCLIConfiguration -InvalidCertificateAction Ignore -DisplayDeprecationWarnings $false -Scope Session -Confirm:$false | Out-Null; $c = Get-PowerCLIConfiguration -Scope Session; "$($c.InvalidCertificateAction) $($c.DisplayDeprecationWarnings)"`,
			"Ignore False\n"},
		{"multiple servers", `Set-PowerCLIConfiguration -DefaultVIServerMode Multiple -Scope User -Confirm:$false | Out-Null; (Get-PowerCLIConfiguration -Scope User).DefaultVIServerMode`,
			"Multiple\n"},
		{"colon syntax", `Set-PowerCLIConfiguration -InvalidCertificateAction:Ignore -ParticipateInCeip:$true -Confirm:$false | Out-Null; $u = Get-PowerCLIConfiguration -Scope User; "$($u.InvalidCertificateAction) $($u.ParticipateInCEIP)"`,
			"Ignore True\n"},
		{"-cf alias", `Set-PowerCLIConfiguration -InvalidCertificateAction Ignore -cf:$false | Out-Null; 'ok'`, "ok\n"},
		{"null assignment", `$null = Set-PowerCLIConfiguration -InvalidCertificateAction Ignore -Confirm:$false; (Get-PowerCLIConfiguration -Scope Session).InvalidCertificateAction`,
			"Ignore\n"},

		// Output objects and their table.
		{"set writes every scope (User by default)", `Set-PowerCLIConfiguration -InvalidCertificateAction Ignore -Confirm:$false`,
			configHeader +
				configRow("Session", "UseSystemProxy", "Multiple", "Ignore", "True", "300") +
				configRow("User", "", "", "Ignore", "", "") +
				configRow("AllUsers", "", "", "", "", "") + "\n"},
		{"get on a fresh session", `Get-PowerCLIConfiguration`, fresh},
		{"get one scope", `Get-PowerCLIConfiguration -Scope Session`,
			configHeader + configRow("Session", "UseSystemProxy", "Multiple", "Unset", "True", "300") + "\n"},
		{"object type", `$c = Get-PowerCLIConfiguration -Scope User; $c.PSObject.TypeNames[0]; $c -is [VMware.VimAutomation.ViCore.Types.V1.PowerCLIConfiguration]`,
			"VMware.VimAutomation.ViCore.Impl.V1.PowerCLIConfigurationImpl\nTrue\n"},
		{"properties in PowerCLI's order", `(Get-PowerCLIConfiguration -Scope Session).PSObject.Properties.Name -join ','`,
			"DefaultVIServerMode,ProxyPolicy,ParticipateInCEIP,CEIPDataTransferProxyPolicy,DisplayDeprecationWarnings,InvalidCertificateAction,WebOperationTimeoutSeconds,VMConsoleWindowBrowser,Scope,PythonPath\n"},
		{"session defaults", `$c = Get-PowerCLIConfiguration -Scope Session; "$($c.CEIPDataTransferProxyPolicy) $($c.WebOperationTimeoutSeconds) [$($c.ParticipateInCEIP)] [$($c.PythonPath)]"`,
			"UseSystemProxy 300 [] []\n"},
		{"scope is an enum", `(Get-PowerCLIConfiguration -Scope AllUsers).Scope.GetType().FullName`, "VMware.VimAutomation.ViCore.Types.V1.ConfigurationScope\n"},
		{"enum values compare to strings", `(Get-PowerCLIConfiguration -Scope Session).DefaultVIServerMode -eq 'Multiple'`, "True\n"},

		// Scopes.
		{"session overrides user", `Set-PowerCLIConfiguration -InvalidCertificateAction Fail -Confirm:$false | Out-Null; Set-PowerCLIConfiguration -InvalidCertificateAction Warn -Scope Session -Confirm:$false | Out-Null; (Get-PowerCLIConfiguration).InvalidCertificateAction -join ','`,
			"Warn,Fail,\n"},
		{"user overrides all users", `Set-PowerCLIConfiguration -WebOperationTimeoutSeconds 60 -Scope AllUsers -Confirm:$false | Out-Null; Set-PowerCLIConfiguration -WebOperationTimeoutSeconds 90 -Confirm:$false | Out-Null; (Get-PowerCLIConfiguration).WebOperationTimeoutSeconds -join ','`,
			"90,90,60\n"},
		{"unset clears a scope", `Set-PowerCLIConfiguration -InvalidCertificateAction Ignore -Confirm:$false | Out-Null; Set-PowerCLIConfiguration -InvalidCertificateAction Unset -Confirm:$false | Out-Null; Get-PowerCLIConfiguration`,
			fresh},
		{"several scopes by name", `Set-PowerCLIConfiguration -ProxyPolicy NoProxy -Scope User, AllUsers -Confirm:$false | Out-Null; (Get-PowerCLIConfiguration -Scope 'User, AllUsers').ProxyPolicy -join ','`,
			"NoProxy,NoProxy\n"},
		{"scopes as a number", `(Get-PowerCLIConfiguration -Scope 5).Scope -join ','`, "Session,AllUsers\n"},
		{"CEIP is not a session setting", `Set-PowerCLIConfiguration -ParticipateInCEIP $false -Scope Session -Confirm:$false | Out-Null; @(Get-PowerCLIConfiguration | Where-Object { $null -ne $_.ParticipateInCEIP }).Count`,
			"0\n"},
		{"settings belong to the session", `Set-PowerCLIConfiguration -PythonPath /usr/bin/python3 -VMConsoleWindowBrowser firefox -CEIPDataTransferProxyPolicy NoProxy -Confirm:$false | Out-Null; $u = Get-PowerCLIConfiguration -Scope User; "$($u.PythonPath) $($u.VMConsoleWindowBrowser) $($u.CEIPDataTransferProxyPolicy)"`,
			"/usr/bin/python3 firefox NoProxy\n"},

		// ShouldProcess.
		{"-WhatIf changes nothing", `Set-PowerCLIConfiguration -InvalidCertificateAction Ignore -WhatIf; (Get-PowerCLIConfiguration -Scope User).InvalidCertificateAction -eq $null`,
			"What if: Performing operation 'Update PowerCLI configuration.'\nTrue\n"},

		// DefaultVIServerMode.
		{"single keeps the last default server", `$null = Connect-VIServer vcsa02; Set-PowerCLIConfiguration -DefaultVIServerMode Single -Scope Session -Confirm:$false | Out-Null; "$($global:DefaultVIServers.Count) $global:DefaultVIServer"; (Get-Cluster).Name -join ','`,
			"1 vcsa02\nDR\n"},
		{"single: a connection replaces the default servers", `Set-PowerCLIConfiguration -DefaultVIServerMode Single -Confirm:$false | Out-Null; $null = Connect-VIServer vcsa02; "$($global:DefaultVIServers.Count) $global:DefaultVIServer"; (Get-Cluster).Name -join ','; (Get-Cluster -Server vcsa01.lab.local).Name -join ','`,
			"1 vcsa02\nDR\nProd,Dev,Mgmt\n"},
		{"single -NotDefault keeps the default", `Set-PowerCLIConfiguration -DefaultVIServerMode Single -Confirm:$false | Out-Null; $null = Connect-VIServer vcsa02 -NotDefault; "$($global:DefaultVIServers.Count) $global:DefaultVIServer"`,
			"1 vcsa01.lab.local\n"},
		{"multiple again", `Set-PowerCLIConfiguration -DefaultVIServerMode Single -Scope Session -Confirm:$false | Out-Null; $null = Connect-VIServer vcsa02; Set-PowerCLIConfiguration -DefaultVIServerMode Multiple -Scope Session -Confirm:$false | Out-Null; $null = Connect-VIServer vcsa01.lab.local; "$($global:DefaultVIServers.Count)"`,
			"2\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, res, _ := session(t, tc.src)
			assert.Equal(t, tc.want, out)
			assert.Empty(t, errOut)
			assert.Equal(t, 0, res.ExitCode)
		})
	}
}

func TestPowerCLIConfigurationErrors(t *testing.T) {
	tests := []struct{ name, src, wantErr string }{
		{"bad certificate action", `Set-PowerCLIConfiguration -InvalidCertificateAction Bogus -Confirm:$false`,
			"Cannot bind parameter 'InvalidCertificateAction'. Cannot convert value \"Bogus\" to type \"VMware.VimAutomation.ViCore.Types.V1.BadCertificateAction\". Error: \"Unable to match the identifier name Bogus to a valid enumerator name. Specify one of the following enumerator names and try again:"},
		{"bad server mode", `Set-PowerCLIConfiguration -DefaultVIServerMode Many -Confirm:$false`,
			"Cannot convert value \"Many\" to type \"VMware.VimAutomation.ViCore.Types.V1.DefaultVIServerMode\"."},
		{"bad proxy policy", `Set-PowerCLIConfiguration -ProxyPolicy Direct -Confirm:$false`,
			"NoProxy, UseSystemProxy, Unset"},
		{"bad scope", `Get-PowerCLIConfiguration -Scope Machine`,
			"Cannot bind parameter 'Scope'. Cannot convert value \"Machine\" to type \"VMware.VimAutomation.ViCore.Types.V1.ConfigurationScope\"."},
		{"a string for a Boolean", `Set-PowerCLIConfiguration -ParticipateInCEIP 'false' -Confirm:$false`,
			"Boolean parameters accept only Boolean values and numbers"},
		{"prompts without -Confirm:$false (ConfirmImpact High)", `Set-PowerCLIConfiguration -InvalidCertificateAction Ignore`, "NonInteractive mode"},
		{"no such parameter", `Set-PowerCLIConfiguration -IgnoreCertificates -Confirm:$false`, "A parameter cannot be found that matches parameter name 'IgnoreCertificates'."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, errOut, _, _ := session(t, tc.src)
			assert.Contains(t, errOut, tc.wantErr)
		})
	}
}
