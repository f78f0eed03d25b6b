package eval

import (
	"sort"
	"strings"

	"github.com/keyhost/keyhost/ps/value"
)

// environment is a run's environment variables: the host's, with the
// script's changes on top. keyhost never changes the process environment
// (runs can share a process); a change lasts for the run, as a pwsh
// process's changes last for that process.
type environment struct {
	host func(string) (string, bool)
	list func() []string
	// changes holds the names the script set or removed; a nil value
	// means removed.
	changes map[string]*string
}

func newEnvironment(h *Host) *environment {
	return &environment{host: h.Getenv, list: h.Environ}
}

// get reads a variable. Names are case-sensitive, as on Unix.
func (e *environment) get(name string) (string, bool) {
	if v, ok := e.changes[name]; ok {
		if v == nil {
			return "", false
		}
		return *v, true
	}
	return e.host(name)
}

// set sets a variable; an empty value removes it (as pwsh's Env provider
// does when $env:X is set to an empty string or $null).
func (e *environment) set(name, val string) {
	if e.changes == nil {
		e.changes = map[string]*string{}
	}
	if val == "" {
		e.changes[name] = nil
		return
	}
	e.changes[name] = &val
}

// names lists the variables, sorted: the host's (when it can list them)
// and the script's.
func (e *environment) names() []string {
	seen := map[string]bool{}
	var out []string
	if e.list != nil {
		for _, kv := range e.list() {
			name, _, _ := strings.Cut(kv, "=")
			if name != "" && !seen[name] {
				seen[name] = true
				out = append(out, name)
			}
		}
	}
	for name := range e.changes {
		if !seen[name] {
			seen[name] = true
			out = append(out, name)
		}
	}
	var live []string
	for _, n := range out {
		if _, ok := e.get(n); ok {
			live = append(live, n)
		}
	}
	sort.Strings(live)
	return live
}

// table returns the variables as a hashtable, as
// [Environment]::GetEnvironmentVariables() does.
func (e *environment) table() *value.Hashtable {
	h := value.NewHashtable()
	for _, n := range e.names() {
		v, _ := e.get(n)
		h.Set(n, v)
	}
	return h
}

// Getenv reads an environment variable of the run ($env:NAME), with the
// script's changes; for the Env: drive of the item cmdlets.
func (c *Call) Getenv(name string) (string, bool) { return c.f.r.env.get(name) }

// Setenv sets an environment variable of the run; an empty value removes
// it. The process environment is not changed.
func (c *Call) Setenv(name, val string) { c.f.r.env.set(name, val) }

// EnvironmentNames lists the run's environment variables, sorted (the
// Env: drive's items).
func (c *Call) EnvironmentNames() []string { return c.f.r.env.names() }
