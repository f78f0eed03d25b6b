package eval

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/keyhost/keyhost/ps/parser"
	"github.com/keyhost/keyhost/ps/value"
	"github.com/keyhost/keyhost/ps/wildcard"
)

// Hooks for the language cmdlets in ps/builtin/language.go: variables by
// scope, aliases, Invoke-Expression. Commands and help are in
// call_commands.go and help.go.

// scopeError is the error for a -Scope argument that names no scope.
func (c *Call) scopeError(scope string) error {
	n, err := strconv.Atoi(scope)
	msg := fmt.Sprintf("The scope number '%s' exceeds the number of active scopes. (Parameter 'Scope')", scope)
	if err != nil || n < 0 {
		msg = fmt.Sprintf("Cannot process argument because the value of argument \"scopeID\" is not valid. Specify a valid scope ID and try again. (Parameter 'scopeID')\nActual value was %s.", scope)
	}
	rec := c.NewError(newExceptionOf("System.Management.Automation.PSArgumentOutOfRangeException", msg), "ArgumentOutOfRange", InvalidArgument, scope)
	return c.ThrowTerminatingError(rec)
}

// scopeOf resolves a -Scope argument: Global, Script, Local, Private or a
// number of levels up from the caller's scope ("" is Local).
func (c *Call) scopeOf(scope string) (*Scope, error) {
	cur := c.f.scope
	switch strings.ToLower(scope) {
	case "", "local", "private":
		return cur, nil
	case "global":
		return cur.global(), nil
	case "script":
		return cur.scriptScope(), nil
	}
	n, err := strconv.Atoi(scope)
	if err != nil || n < 0 {
		return nil, c.scopeError(scope)
	}
	sc := cur.numbered(n)
	if sc == nil {
		return nil, c.scopeError(scope)
	}
	return sc, nil
}

// psVariable is a PSVariable object (Get-Variable's output): Name, Value,
// Description, Options, Visibility; its Value can be set.
type psVariable struct {
	v      *Variable
	module string
}

// TypeNames implements value.Object.
func (p *psVariable) TypeNames() []string {
	return []string{"System.Management.Automation.PSVariable", "System.Object"}
}

// Property implements value.Object.
func (p *psVariable) Property(name string) (any, bool) {
	switch strings.ToLower(name) {
	case "name":
		return p.v.Name, true
	case "value":
		return p.v.get(), true
	case "description":
		return p.v.Description, true
	case "options":
		e, err := convertFlags(scopedItemOptionsType, p.v.Options())
		if err != nil {
			return p.v.Options(), true
		}
		return e, true
	case "visibility":
		return "Public", true
	case "modulename":
		return p.module, true
	case "module":
		return nil, true
	case "attributes":
		return []any{}, true
	}
	return nil, false
}

// PropertyNames implements value.Object.
func (p *psVariable) PropertyNames() []string {
	return []string{"Name", "Description", "Value", "Visibility", "Module", "ModuleName", "Options", "Attributes"}
}

// SetProperty implements value.PropertySetter.
func (p *psVariable) SetProperty(name string, v any) error {
	switch strings.ToLower(name) {
	case "value":
		return p.v.assign(v)
	case "description":
		p.v.Description = value.ToString(v)
		return nil
	}
	return fmt.Errorf("'%s' is a ReadOnly property.", name)
}

// String renders the variable's name, as PSVariable.ToString does.
func (p *psVariable) String() string { return p.v.Name }

// variablesVisible lists the variables visible from a scope (or in it
// only), sorted by name.
func variablesVisible(sc *Scope, localOnly bool) []*Variable {
	seen := map[string]bool{}
	var out []*Variable
	for s := sc; s != nil; s = s.parent {
		for k, v := range s.vars {
			if seen[k] || (s != sc && v.Private) {
				continue
			}
			seen[k] = true
			out = append(out, v)
		}
		if localOnly {
			break
		}
	}
	sort.Slice(out, func(i, j int) bool { return strings.ToLower(out[i].Name) < strings.ToLower(out[j].Name) })
	return out
}

// GetVariables implements Get-Variable: the variables whose names match a
// pattern (all for none), seen from the given scope (-Scope) and not
// excluded. An explicit -Scope shows that scope's own variables only.
func (c *Call) GetVariables(patterns []string, scope string, exclude []string) ([]any, error) {
	sc, err := c.scopeOf(scope)
	if err != nil {
		return nil, err
	}
	var out []any
	for _, v := range variablesVisible(sc, scope != "") {
		if len(patterns) > 0 && !matchesAny(patterns, v.Name) {
			continue
		}
		if matchesAny(exclude, v.Name) {
			continue
		}
		out = append(out, &psVariable{v: v})
	}
	return out, nil
}

// VariableOptions are the options of Set-Variable and New-Variable.
type VariableOptions struct {
	Scope       string
	Option      string // ScopedItemOptions as text: "ReadOnly", "Constant, Private" ...
	Description string
	HasValue    bool
	HasDesc     bool
	HasOption   bool
	Force       bool
	Visibility  string
}

// parseOptions reads ScopedItemOptions text.
func parseOptions(text string) (readOnly, constant, private, allScope bool, err error) {
	n, err := enumFlags(scopedItemOptionsType, text)
	if err != nil {
		return false, false, false, false, err
	}
	return n&1 != 0, n&2 != 0, n&4 != 0, n&8 != 0, nil
}

// varNotWritable is the error for changing a read-only or constant
// variable through the variable cmdlets.
func (c *Call) varNotWritable(name, what string) error {
	rec := c.NewError(newExceptionOf("System.Management.Automation.SessionStateUnauthorizedAccessException",
		fmt.Sprintf("Cannot %s variable %s because it is read-only or constant.", what, name)), "VariableNotWritable", WriteError, name)
	return c.WriteError(rec)
}

// SetVariableEx implements Set-Variable and New-Variable (create set):
// it assigns (or creates) a variable in the given scope with options.
// With create set an existing variable is an error unless force.
func (c *Call) SetVariableEx(name string, v any, opts VariableOptions, create bool) (any, error) {
	sc, err := c.scopeOf(opts.Scope)
	if err != nil {
		return nil, err
	}
	readOnly, constant, private, allScope, err := parseOptions(opts.Option)
	if err != nil && opts.HasOption {
		return nil, err
	}
	if strings.EqualFold(opts.Scope, "private") {
		private = true
	}
	x := sc.local(name)
	if x != nil && create && !opts.Force {
		rec := c.NewError(newExceptionOf("System.Management.Automation.SessionStateException", fmt.Sprintf("A variable with name '%s' already exists.", name)),
			"VariableAlreadyExists", ResourceExists, name)
		return nil, c.WriteError(rec)
	}
	if x == nil {
		x = &Variable{Name: name}
		if opts.HasValue {
			x.Value = v
		}
		sc.setVar(x)
	} else {
		if x.Constant || (x.ReadOnly && !opts.Force) {
			return nil, c.varNotWritable(name, "overwrite")
		}
		if opts.HasValue {
			if x.Convert != nil {
				cv, err := x.Convert(v)
				if err != nil {
					return nil, err
				}
				v = cv
			}
			x.Value = v
		}
	}
	if opts.HasOption {
		if x.Constant && !constant {
			return nil, c.varNotWritable(name, "overwrite")
		}
		x.ReadOnly, x.Constant, x.Private, x.AllScope = readOnly || constant, constant, private, allScope
	} else if private {
		x.Private = true
	}
	if opts.HasDesc {
		x.Description = opts.Description
	}
	return &psVariable{v: x}, nil
}

// RemoveVariable implements Remove-Variable for one name (wildcards
// allowed) in the given scope; it writes VariableNotFound when nothing
// matches a name without wildcards.
func (c *Call) RemoveVariable(name, scope string, force bool) error {
	sc, err := c.scopeOf(scope)
	if err != nil {
		return err
	}
	found := false
	for s := sc; s != nil; s = s.parent {
		for k, v := range s.vars {
			if !wildcard.Match(name, v.Name, false) {
				continue
			}
			found = true
			if v.Constant || (v.ReadOnly && !force) {
				rec := c.NewError(newExceptionOf("System.Management.Automation.SessionStateUnauthorizedAccessException",
					fmt.Sprintf("Cannot remove variable %s because it is constant or read-only. If the variable is read-only, try the operation again specifying the Force option.", v.Name)),
					"VariableNotRemovable", WriteError, v.Name)
				if err := c.WriteError(rec); err != nil {
					return err
				}
				continue
			}
			delete(s.vars, k)
			s.gen++
		}
		if found || scope != "" || wildcard.HasWildcard(name) {
			break
		}
	}
	if !found && !wildcard.HasWildcard(name) {
		return c.variableNotFound(name)
	}
	return nil
}

// variableNotFound is the variable cmdlets' error for a missing name.
func (c *Call) variableNotFound(name string) error {
	rec := c.NewError(newExceptionOf("System.Management.Automation.ItemNotFoundException", fmt.Sprintf("Cannot find a variable with the name '%s'.", name)),
		"VariableNotFound", ObjectNotFound, name)
	return c.WriteError(rec)
}

// LookupVariable finds a variable as seen from the given scope, for
// Get-Variable -ValueOnly and Clear-Variable.
func (c *Call) LookupVariable(name, scope string) (*Variable, error) {
	sc, err := c.scopeOf(scope)
	if err != nil {
		return nil, err
	}
	if scope != "" {
		return sc.local(name), nil
	}
	return sc.lookup(name), nil
}

// ClearVariable implements Clear-Variable for one name.
func (c *Call) ClearVariable(name, scope string, force bool) (any, error) {
	x, err := c.LookupVariable(name, scope)
	if err != nil {
		return nil, err
	}
	if x == nil {
		return nil, c.variableNotFound(name)
	}
	if x.Constant || (x.ReadOnly && !force) {
		return nil, c.varNotWritable(x.Name, "overwrite")
	}
	x.Value = nil
	return &psVariable{v: x}, nil
}

// SetAlias implements Set-Alias and New-Alias: it defines an alias in the
// given scope. With create set an existing alias is an error unless force.
func (c *Call) SetAlias(name, definition, description, scope, option string, create, force bool) (any, error) {
	sc, err := c.scopeOf(scope)
	if err != nil {
		return nil, err
	}
	readOnly, constant, private, _, _ := parseOptions(option)
	if existing := sc.aliases[lowerKey(name)]; existing != nil {
		if create && !force {
			rec := c.NewError(newExceptionOf("System.Management.Automation.SessionStateException", fmt.Sprintf("The alias is not allowed, because an alias with the name '%s' already exists.", name)),
				"AliasAlreadyExists", ResourceExists, name)
			return nil, c.WriteError(rec)
		}
		if existing.Constant || (existing.ReadOnly && !force) {
			rec := c.NewError(newExceptionOf("System.Management.Automation.SessionStateUnauthorizedAccessException", fmt.Sprintf("Alias %s cannot be modified because it is read-only or constant.", name)),
				"AliasNotWritable", WriteError, name)
			return nil, c.WriteError(rec)
		}
	}
	a := &Alias{Name: name, Definition: definition, Description: description, ReadOnly: readOnly || constant, Constant: constant, Private: private}
	sc.defineAlias(a)
	return c.aliasInfo(a.Name, a.Definition), nil
}

// Aliases lists the aliases visible from the caller (script-defined ones
// and the command table's), sorted by name, filtered by name patterns and
// by definition patterns.
func (c *Call) Aliases(patterns, definitions []string) []any {
	seen := map[string]bool{}
	type pair struct{ name, def string }
	var all []pair
	for sc := c.f.scope; sc != nil; sc = sc.parent {
		for _, a := range sc.aliases {
			if k := lowerKey(a.Name); !seen[k] {
				seen[k] = true
				all = append(all, pair{a.Name, a.Definition})
			}
		}
	}
	for k, def := range c.f.r.table.Aliases() {
		if !seen[k] {
			seen[k] = true
			all = append(all, pair{k, def})
		}
	}
	sort.Slice(all, func(i, j int) bool { return strings.ToLower(all[i].name) < strings.ToLower(all[j].name) })
	var out []any
	for _, p := range all {
		if len(patterns) > 0 && !matchesAny(patterns, p.name) {
			continue
		}
		if len(definitions) > 0 && !matchesAny(definitions, p.def) {
			continue
		}
		out = append(out, c.aliasInfo(p.name, p.def))
	}
	return out
}

// InvokeExpression implements Invoke-Expression: the text runs as script
// code in the caller's scope, its output going to the command's output.
// A parse error is reported as Invoke-Expression's ParseException.
func (c *Call) InvokeExpression(text string) error {
	file, err := parser.ParseFile("", text)
	if err == nil {
		err = c.f.applyUsing(file)
	}
	if err != nil {
		var list parser.ErrorList
		msg := err.Error()
		id := "ParseException"
		if asErrList(err, &list) && len(list) > 0 {
			msg = list[0].Msg
			id = list[0].ID
			rec := c.NewError(parseException(msg), id, ParserError, nil)
			rec.Invocation = &InvocationInfo{Line: text, Pos: list[0].Pos, EndPos: list[0].Pos, CommandName: c.info.Name, InvocationName: c.info.Name}
			return c.ThrowTerminatingError(rec)
		}
		if _, isParse := err.(parser.ErrorList); !isParse && file != nil && file.Body != nil && len(file.Body.UsingStatements) > 0 {
			return err // a using module that failed to load
		}
		return c.ThrowTerminatingError(c.NewError(parseException(msg), id, ParserError, nil))
	}
	inner := c.f.child(c.f.scope, newSource(file))
	inner.src.scriptName = ""
	return inner.runScriptBody(file.Body, c.WriteObject)
}

func asErrList(err error, out *parser.ErrorList) bool {
	l, ok := err.(parser.ErrorList)
	if ok {
		*out = l
	}
	return ok
}
