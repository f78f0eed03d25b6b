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
	// ReadOnly variables ($true, $PSScriptRoot ...) reject assignment.
	ReadOnly bool
	// Convert, when set, is the type constraint from [int]$x = ...: every
	// later assignment converts through it.
	Convert func(any) (any, error)
}

// Scope is one level of PowerShell's dynamic scoping: global, script,
// or the local scope of a function or script block call.
type Scope struct {
	parent    *Scope
	vars      map[string]*Variable
	functions map[string]*Function
	// script marks a script scope ($script: resolves to the nearest one).
	script bool
}

func newScope(parent *Scope, script bool) *Scope {
	return &Scope{parent: parent, vars: map[string]*Variable{}, script: script}
}

// lookup finds a variable by walking up from s.
func (s *Scope) lookup(name string) *Variable {
	key := strings.ToLower(name)
	for sc := s; sc != nil; sc = sc.parent {
		if v, ok := sc.vars[key]; ok {
			return v
		}
	}
	return nil
}

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

// set assigns a variable in this scope, creating it if needed, honouring
// read-only flags and type constraints.
func (s *Scope) set(name string, v any) error {
	key := strings.ToLower(name)
	if existing, ok := s.vars[key]; ok {
		if existing.ReadOnly {
			return fmt.Errorf("Cannot overwrite variable %s because it is read-only or constant.", existing.Name)
		}
		if existing.Convert != nil {
			cv, err := existing.Convert(v)
			if err != nil {
				return err
			}
			v = cv
		}
		existing.Value = v
		return nil
	}
	s.vars[key] = &Variable{Name: name, Value: v}
	return nil
}

// setVar installs a prepared variable in this scope (for constraints and
// read-only automatic variables).
func (s *Scope) setVar(v *Variable) {
	s.vars[strings.ToLower(v.Name)] = v
}

// remove deletes a variable from this scope.
func (s *Scope) remove(name string) bool {
	key := strings.ToLower(name)
	if _, ok := s.vars[key]; ok {
		delete(s.vars, key)
		return true
	}
	return false
}

// lookupFunction finds a function by walking up from s.
func (s *Scope) lookupFunction(name string) *Function {
	key := strings.ToLower(name)
	for sc := s; sc != nil; sc = sc.parent {
		if f, ok := sc.functions[key]; ok {
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
	s.functions[strings.ToLower(f.Name)] = f
}
