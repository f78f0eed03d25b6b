package pester

import (
	"os"
	"os/user"
	"path"
	"runtime"
	"strings"
)

// RuntimeEnvironment are the machine facts Pester writes into the
// reports (Get-RunTimeEnvironment): NUnit's environment element and
// JUnit's properties.
type RuntimeEnvironment struct {
	OSVersion, Platform, Cwd, MachineName, User, UserDomain, ClrVersion string
	// Culture is the current culture's name ("en-US").
	Culture string
}

// pairs lists the facts in the order keyhost writes them (Pester builds
// them in a hashtable, whose order .NET does not fix).
func (e RuntimeEnvironment) pairs() [][2]string {
	return [][2]string{
		{"nunit-version", "2.5.8.0"},
		{"junit-version", "4"},
		{"framework-version", Version},
		{"os-version", e.OSVersion},
		{"platform", e.Platform},
		{"cwd", e.Cwd},
		{"machine-name", e.MachineName},
		{"user", e.User},
		{"user-domain", e.UserDomain},
		{"clr-version", e.ClrVersion},
	}
}

// runtimeEnvironment returns the configured facts, or the process's: on
// Linux Pester asks uname and id, and has no CLR version on PowerShell Core.
func runtimeEnvironment(cfg *Config, cwd string) RuntimeEnvironment {
	if cfg.Environment != nil {
		return *cfg.Environment
	}
	e := RuntimeEnvironment{OSVersion: "0.0.0.0", Platform: "Unknown", Cwd: cwd, ClrVersion: "Unknown", Culture: "en-US"}
	switch runtime.GOOS {
	case "linux":
		e.Platform = "Linux"
		if b, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
			e.OSVersion = strings.TrimSpace(string(b))
		}
	case "darwin":
		e.Platform = "Darwin"
	}
	if h, err := os.Hostname(); err == nil {
		e.MachineName = h
	}
	if u, err := user.Current(); err == nil {
		e.User = path.Base(u.Username)
	}
	return e
}
