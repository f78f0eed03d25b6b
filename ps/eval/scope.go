package eval

import (
	"fmt"
	"strings"
)

// Variable is a PowerShell variable. Names keep the case they were first
// given; lookup ignores case.
type Variable struct {
	Name  string
	Value any
	// ReadOnly variables ($true, $PSScriptRoot, Set-Variable -Option
	// ReadOnly) reject assignment; Remove-Variable -Force removes them.
	ReadOnly bool
	// Constant variables can be neither changed nor removed.
	Constant bool
	// Private variables are invisible to child scopes.
	Private bool
	// AllScope is recorded for Get-Variable; keyhost does not copy such
	// variables into new scopes.
	AllScope bool
	// Description is Set-Variable -Description.
	Description string
	// Convert, when set, is the type constraint from [int]$x = ...: every
	// later assignment converts through it.
	Convert func(any) (any, error)
}

// lazyValue is a variable value computed when first read ($MyInvocation
// of a function call, which most functions never read).
type lazyValue func() any

// get returns the variable's value, computing a lazy one.
func (v *Variable) get() any {
	if lv, ok := v.Value.(lazyValue); ok {
		v.Value = lv()
	}
	return v.Value
}

// Options renders the variable's options as ScopedItemOptions does.
func (v *Variable) Options() string {
	var opts []string
	if v.ReadOnly && !v.Constant {
		opts = append(opts, "ReadOnly")
	}
	if v.Constant {
		opts = append(opts, "Constant")
	}
	if v.Private {
		opts = append(opts, "Private")
	}
	if v.AllScope {
		opts = append(opts, "AllScope")
	}
	if len(opts) == 0 {
		return "None"
	}
	return strings.Join(opts, ", ")
}

// Scope is one level of PowerShell's dynamic scoping: global, script,
// or the local scope of a function or script block call. Variables,
// functions and aliases live in scopes.
type Scope struct {
	parent    *Scope
	vars      map[string]*Variable
	functions map[string]*Function
	aliases   map[string]*Alias
	// script marks a script scope ($script: resolves to the nearest one).
	script bool
	// strictSet says Set-StrictMode ran in this scope; strictVersion is
	// then its version (0 for -Off).
	strictSet     bool
	strictVersion int
	// module is set on a module's script scope.
	module *Module
	// gen changes whenever a variable of this scope is replaced or
	// removed, so that code holding a *Variable knows to look it up again.
	gen int
}

// Alias is a script-defined alias (Set-Alias, New-Alias).
type Alias struct {
	Name, Definition, Description string
	ReadOnly, Constant, Private   bool
}

func newScope(parent *Scope, script bool) *Scope {
	return &Scope{parent: parent, vars: map[string]*Variable{}, script: script}
}

// lowerKey is the lookup key of a name: its lower-case form. Most names
// in scripts are lower-case already, which strings.ToLower returns
// without allocating.
func lowerKey(name string) string { return strings.ToLower(name) }

// lookup finds a variable by walking up from s; private variables of
// outer scopes are not visible.
func (s *Scope) lookup(name string) *Variable {
	key := lowerKey(name)
	if v, ok := s.vars[key]; ok {
		return v
	}
	for sc := s.parent; sc != nil; sc = sc.parent {
		if v, ok := sc.vars[key]; ok && !v.Private {
			return v
		}
	}
	return nil
}

// local finds a variable in this scope only.
func (s *Scope) local(name string) *Variable { return s.vars[lowerKey(name)] }

// global returns the outermost scope.
func (s *Scope) global() *Scope {
	sc := s
	for sc.parent != nil {
		sc = sc.parent
	}
	return sc
}

// scriptScope returns the nearest script scope (the global scope when none).
func (s *Scope) scriptScope() *Scope {
	for sc := s; sc != nil; sc = sc.parent {
		if sc.script {
			return sc
		}
	}
	return s.global()
}

// qualified returns the scope a scope qualifier refers to.
func (s *Scope) qualified(qual string) *Scope {
	switch qual {
	case "global":
		return s.global()
	case "script":
		return s.scriptScope()
	}
	return s
}

// moduleScope returns the script scope of the module whose code runs in
// s, or nil outside modules.
func (s *Scope) moduleScope() *Scope {
	for sc := s; sc != nil; sc = sc.parent {
		if sc.module != nil {
			return sc
		}
	}
	return nil
}

// numbered returns the scope n levels up (0 is s), or nil.
func (s *Scope) numbered(n int) *Scope {
	sc := s
	for i := 0; i < n && sc != nil; i++ {
		sc = sc.parent
	}
	return sc
}

// errNotWritable is the text of assigning a read-only or constant variable.
func errNotWritable(name string) error {
	return fmt.Errorf("Cannot overwrite variable %s because it is read-only or constant.", name)
}

// set assigns a variable in this scope, creating it if needed, honouring
// read-only flags and type constraints.
func (s *Scope) set(name string, v any) error {
	key := lowerKey(name)
	if existing, ok := s.vars[key]; ok {
		return existing.assign(v)
	}
	s.vars[key] = &Variable{Name: name, Value: v}
	return nil
}

// assign stores a value in an existing variable.
func (x *Variable) assign(v any) error {
	if x.ReadOnly || x.Constant {
		return errNotWritable(x.Name)
	}
	if x.Convert != nil {
		cv, err := x.Convert(v)
		if err != nil {
			return err
		}
		v = cv
	}
	x.Value = v
	return nil
}

// setLocal sets a variable in this scope, replacing any existing one
// without its constraints ($_ and other automatic variables).
func (s *Scope) setLocal(name string, v any) {
	key := lowerKey(name)
	if x, ok := s.vars[key]; ok && x.Convert == nil && !x.ReadOnly && !x.Constant && !x.Private {
		x.Value = v // reuse the plain variable ($_ is set for every object)
		return
	}
	s.vars[key] = &Variable{Name: name, Value: v}
	s.gen++
}

// setVar installs a prepared variable in this scope (for constraints and
// read-only automatic variables).
func (s *Scope) setVar(v *Variable) {
	s.vars[lowerKey(v.Name)] = v
	s.gen++
}

// remove deletes a variable from this scope.
func (s *Scope) remove(name string) bool {
	key := lowerKey(name)
	if _, ok := s.vars[key]; ok {
		delete(s.vars, key)
		s.gen++
		return true
	}
	return false
}

// lookupFunction finds a function by walking up from s.
func (s *Scope) lookupFunction(name string) *Function {
	return s.lookupFunctionKey(lowerKey(name))
}

// lookupFunctionKey is lookupFunction with the lower-case key.
func (s *Scope) lookupFunctionKey(key string) *Function {
	for sc := s; sc != nil; sc = sc.parent {
		if f, ok := sc.functions[key]; ok && (sc == s || !f.Private) {
			return f
		}
	}
	return nil
}

// defineFunction defines a function in this scope.
func (s *Scope) defineFunction(f *Function) {
	if s.functions == nil {
		s.functions = map[string]*Function{}
	}
	s.functions[lowerKey(f.Name)] = f
}

// removeFunction deletes a function from this scope.
func (s *Scope) removeFunction(name string) bool {
	key := lowerKey(name)
	if _, ok := s.functions[key]; ok {
		delete(s.functions, key)
		return true
	}
	return false
}

// lookupAlias finds a script-defined alias by walking up from s.
func (s *Scope) lookupAlias(name string) *Alias {
	return s.lookupAliasKey(lowerKey(name))
}

// lookupAliasKey is lookupAlias with the lower-case key.
func (s *Scope) lookupAliasKey(key string) *Alias {
	for sc := s; sc != nil; sc = sc.parent {
		if a, ok := sc.aliases[key]; ok && (sc == s || !a.Private) {
			return a
		}
	}
	return nil
}

// defineAlias defines an alias in this scope.
func (s *Scope) defineAlias(a *Alias) {
	if s.aliases == nil {
		s.aliases = map[string]*Alias{}
	}
	s.aliases[lowerKey(a.Name)] = a
}
