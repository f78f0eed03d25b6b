package eval

import "github.com/keyhost/keyhost/ps/value"

// NewPathInfo returns a System.Management.Automation.PathInfo for a
// file-system path: what $PWD, Get-Location and Resolve-Path give. It
// shows and converts as its Path.
func NewPathInfo(p string) *value.PSObject {
	o := value.NewPSObject("System.Management.Automation.PathInfo")
	o.Add("Drive", "/").Add("Provider", "Microsoft.PowerShell.Core\\FileSystem").Add("ProviderPath", p).Add("Path", p)
	o.ToStringFunc = func() string { return p }
	return o
}
