package eval

import (
	"sort"
	"strings"

	"github.com/keyhost/keyhost/ps/value"
	"github.com/keyhost/keyhost/ps/wildcard"
)

// The session-state drives: Variable:, Function:, Alias: and Env:. The
// item cmdlets (Test-Path, Get-Item, Get-ChildItem, Remove-Item,
// Set-Item, New-Item) reach the session's variables, functions, aliases
// and environment through these hooks, as pwsh's providers do:
// Test-Path variable:x, Get-ChildItem env:, Remove-Item function:f.

// Session drive names, as SessionDrive returns them.
const (
	VariableDrive = "Variable"
	FunctionDrive = "Function"
	AliasDrive    = "Alias"
	EnvDrive      = "Env"
)

// SessionDrive splits a path on a session-state drive ("variable:x",
// "Env:\PATH", "function:/f", "alias:"): the drive's canonical name and
// the item name ("" for the drive itself). ok is false for other paths,
// which are file system paths. A provider-qualified path
// (Microsoft.PowerShell.Core\Variable::x) is accepted too.
func SessionDrive(p string) (drive, name string, ok bool) {
	if i := strings.Index(p, "::"); i >= 0 {
		provider := p[:i]
		if j := strings.LastIndexByte(provider, '\\'); j >= 0 {
			provider = provider[j+1:]
		}
		p = provider + ":" + p[i+2:]
	}
	d, rest, found := strings.Cut(p, ":")
	if !found {
		return "", "", false
	}
	switch strings.ToLower(d) {
	case "variable":
		drive = VariableDrive
	case "function":
		drive = FunctionDrive
	case "alias":
		drive = AliasDrive
	case "env", "environment":
		drive = EnvDrive
	default:
		return "", "", false
	}
	return drive, strings.TrimLeft(rest, `\/`), true
}

// SessionItems returns the items of a session drive whose names match
// pattern (wildcards allowed; "" for all), sorted by name: PSVariable
// objects for Variable:, FunctionInfo for Function:, AliasInfo for
// Alias:, and Name/Key/Value DictionaryEntry objects for Env:.
func (c *Call) SessionItems(drive, pattern string) []any {
	match := func(name string) bool {
		return pattern == "" || wildcard.Match(pattern, name, false)
	}
	var out []any
	switch drive {
	case VariableDrive:
		for _, v := range variablesVisible(c.f.scope, false) {
			if match(v.Name) {
				out = append(out, &psVariable{v: v})
			}
		}
	case FunctionDrive:
		seen := map[string]bool{}
		var fns []*Function
		for sc := c.f.scope; sc != nil; sc = sc.parent {
			for k, fn := range sc.functions {
				if seen[k] || (sc != c.f.scope && fn.Private) {
					continue
				}
				seen[k] = true
				if match(fn.Name) {
					fns = append(fns, fn)
				}
			}
		}
		sort.Slice(fns, func(i, j int) bool { return strings.ToLower(fns[i].Name) < strings.ToLower(fns[j].Name) })
		for _, fn := range fns {
			out = append(out, c.functionInfo(fn))
		}
	case AliasDrive:
		out = c.Aliases(patternList(pattern), nil)
	case EnvDrive:
		if pattern != "" && !wildcard.HasWildcard(pattern) {
			// An exact name is looked up directly: a host may answer
			// lookups without being able to list its environment.
			if v, ok := c.f.r.env.get(pattern); ok {
				out = append(out, dictionaryEntry(pattern, v))
			}
			break
		}
		for _, n := range c.f.r.env.names() {
			if match(n) {
				v, _ := c.f.r.env.get(n)
				out = append(out, dictionaryEntry(n, v))
			}
		}
	}
	return out
}

// patternList is a pattern as the list the listing hooks take.
func patternList(p string) []string {
	if p == "" {
		return nil
	}
	return []string{p}
}

// SessionItemExists reports whether a session drive has an item of that
// name (Test-Path variable:x); a name with wildcards tests for any match.
func (c *Call) SessionItemExists(drive, name string) bool {
	if name == "" {
		return true
	}
	return len(c.SessionItems(drive, name)) > 0
}

// RemoveSessionItem removes the variables, functions, aliases or
// environment variables matching name, as seen from the caller (Remove-Item
// variable:x). It reports whether anything matched; a read-only or
// constant variable is refused with Remove-Variable's error.
func (c *Call) RemoveSessionItem(drive, name string, force bool) (bool, error) {
	if name == "" {
		return false, nil
	}
	switch drive {
	case VariableDrive:
		if !c.SessionItemExists(drive, name) {
			return false, nil
		}
		return true, c.RemoveVariable(name, "", force)
	case FunctionDrive, AliasDrive:
		// Each matching name goes from the nearest scope that has it, as
		// Remove-Item function:f removes the function the caller sees.
		removed := map[string]bool{}
		for sc := c.f.scope; sc != nil; sc = sc.parent {
			if drive == FunctionDrive {
				for k, fn := range sc.functions {
					if !removed[k] && wildcard.Match(name, fn.Name, false) {
						delete(sc.functions, k)
						removed[k] = true
					}
				}
				continue
			}
			for k, a := range sc.aliases {
				if !removed[k] && wildcard.Match(name, a.Name, false) {
					delete(sc.aliases, k)
					removed[k] = true
				}
			}
		}
		return len(removed) > 0, nil
	case EnvDrive:
		found := false
		for _, n := range c.f.r.env.names() {
			if wildcard.Match(name, n, false) {
				c.f.r.env.set(n, "")
				found = true
			}
		}
		return found, nil
	}
	return false, nil
}

// SetSessionItem sets an item of a session drive (Set-Item, New-Item):
// a variable's value, an environment variable's text, a function's body
// (a script block, or script text) or an alias's definition.
func (c *Call) SetSessionItem(drive, name string, v any) error {
	switch drive {
	case VariableDrive:
		_, err := c.SetVariableEx(name, v, VariableOptions{HasValue: true}, false)
		return err
	case EnvDrive:
		c.f.r.env.set(name, value.ToString(v))
	case FunctionDrive:
		sb, ok := v.(*ScriptBlock)
		if !ok {
			var err error
			if sb, err = c.f.r.compileScriptBlock(value.ToString(v)); err != nil {
				return err
			}
		}
		c.f.scope.defineFunction(&Function{Name: name, block: sb})
	case AliasDrive:
		_, err := c.SetAlias(name, value.ToString(v), "", "", "", false, false)
		return err
	}
	return nil
}
