package eval

import (
	"fmt"
	"sort"
	"strings"

	"github.com/keyhost/keyhost/ps/value"
)

// Command metadata as scripts see it: the CommandInfo objects Get-Command
// returns (CmdletInfo, FunctionInfo, AliasInfo, ExternalScriptInfo) with
// their Parameters dictionary and ParameterSets, which Pester's Mock reads.

// commandInfoObject is one CommandInfo.
type commandInfoObject struct {
	kind string // Alias, Function, Filter, Cmdlet, ExternalScript
	name string
	ci   *CommandInfo
	fn   *Function
	// def is an alias's definition; target the command it resolves to.
	def    string
	target *commandInfoObject
	path   string
}

// commandTypeOrder sorts Get-Command's output as pwsh does: aliases,
// functions, then cmdlets.
var commandTypeOrder = map[string]int{"Alias": 0, "Function": 1, "Filter": 2, "Cmdlet": 3, "ExternalScript": 4, "Application": 5}

// TypeNames implements value.Object.
func (o *commandInfoObject) TypeNames() []string {
	t := "System.Management.Automation." + o.kind + "Info"
	if o.kind == "Filter" {
		t = "System.Management.Automation.FilterInfo"
	}
	return []string{t, "System.Management.Automation.CommandInfo", "System.Object"}
}

// String renders the command's name.
func (o *commandInfoObject) String() string { return o.name }

// EqualTo implements value.Equaler.
func (o *commandInfoObject) EqualTo(other any) bool {
	x, ok := other.(*commandInfoObject)
	return ok && x.kind == o.kind && strings.EqualFold(x.name, o.name)
}

// moduleName is the command's module name (Source for cmdlets and
// functions).
func (o *commandInfoObject) moduleName() string {
	switch {
	case o.ci != nil && o.ci.Module != "":
		return o.ci.Module
	case o.fn != nil && o.fn.block != nil && o.fn.block.module != nil:
		return o.fn.block.module.Name
	case o.target != nil:
		return o.target.moduleName()
	}
	return ""
}

// Property implements value.Object.
func (o *commandInfoObject) Property(name string) (any, bool) {
	switch strings.ToLower(name) {
	case "name":
		return o.name, true
	case "commandtype":
		e, _ := commandTypesType.Parse(o.kind)
		return e, true
	case "source":
		if o.kind == "ExternalScript" {
			return o.path, true
		}
		return o.moduleName(), true
	case "modulename":
		return o.moduleName(), true
	case "module":
		return nil, true
	case "version":
		if o.kind == "Cmdlet" && o.moduleName() != "" {
			v, _ := parseVersion(binaryModuleVersion(o.moduleName()))
			return v, true
		}
		return nil, true
	case "definition":
		switch o.kind {
		case "Alias":
			return o.def, true
		case "Function", "Filter":
			if o.fn == nil || o.fn.block == nil {
				return "", true
			}
			return o.fn.block.Text, true
		case "ExternalScript":
			return o.path, true
		}
		return o.syntax(), true
	case "displayname":
		if o.kind == "Alias" {
			return o.name + " -> " + o.def, true
		}
		return o.name, true
	case "resolvedcommand", "referencedcommand":
		if o.kind == "Alias" {
			if o.target == nil {
				return nil, true
			}
			return o.target, true
		}
		return nil, false
	case "resolvedcommandname":
		if o.kind == "Alias" {
			return o.def, true
		}
		return nil, false
	case "scriptblock":
		if o.fn != nil {
			return o.fn.block, true
		}
		return nil, true
	case "parameters":
		return o.parametersDict(), true
	case "parametersets":
		return o.parameterSets(), true
	case "outputtype":
		var out []any
		if o.ci != nil {
			for _, t := range o.ci.OutputType {
				out = append(out, value.NewPSObject("System.Management.Automation.PSTypeName").Add("Name", t).Add("Type", newTypeValue(t)))
			}
		}
		return out, true
	case "verb", "noun":
		verb, noun, ok := strings.Cut(o.name, "-")
		if !ok {
			return "", true
		}
		if strings.EqualFold(name, "verb") {
			return verb, true
		}
		return noun, true
	case "cmdletbinding":
		return o.fn != nil && o.fn.block.isAdvanced(), true
	case "defaultparameterset":
		if o.ci != nil {
			return o.ci.DefaultParameterSet, true
		}
		return nil, true
	case "implementingtype":
		if o.kind == "Cmdlet" && o.ci != nil {
			return newTypeValue(o.ci.ImplementingType), true
		}
		return nil, false
	case "helpuri", "helpfile", "description", "dll", "pssnapin":
		return "", true
	case "visibility":
		return "Public", true
	case "options":
		return "None", true
	case "path":
		if o.kind == "ExternalScript" {
			return o.path, true
		}
		return nil, false
	case "remotingcapability":
		return "PowerShell", true
	}
	return nil, false
}

// PropertyNames implements value.Object.
func (o *commandInfoObject) PropertyNames() []string {
	return []string{"CommandType", "Name", "Version", "Source", "Definition", "ModuleName", "Parameters", "ParameterSets"}
}

// info returns the binding metadata of the command (nil for aliases that
// resolve to nothing).
func (o *commandInfoObject) info() *CommandInfo {
	if o.target != nil {
		return o.target.info()
	}
	return o.ci
}

// allParams lists the command's parameters with the common ones, as
// Get-Command's Parameters shows them.
func (o *commandInfoObject) allParams() []*Parameter {
	ci := o.info()
	if ci == nil {
		return nil
	}
	advanced := ci.script == nil || ci.script.isAdvanced()
	if !advanced {
		return ci.Parameters
	}
	return allParameters(ci)
}

// parametersDict is CommandInfo.Parameters: name -> ParameterMetadata.
func (o *commandInfoObject) parametersDict() *value.Hashtable {
	d := value.NewDictionary(&value.DictionaryType{TypeName: "System.Collections.Generic.Dictionary`2[System.String,System.Management.Automation.ParameterMetadata]", KeyType: "System.String", ValueType: "System.Management.Automation.ParameterMetadata"})
	ci := o.info()
	for _, p := range o.allParams() {
		d.Set(p.Name, parameterMetadata(ci, p))
	}
	return d
}

// parameterTypeName is a parameter's .NET type name.
func parameterTypeName(p *Parameter) string {
	if p.Switch {
		return "System.Management.Automation.SwitchParameter"
	}
	if p.Type != nil {
		return p.Type.Name
	}
	return "System.Object"
}

// parameterMetadata is a ParameterMetadata object.
func parameterMetadata(ci *CommandInfo, p *Parameter) *value.PSObject {
	m := value.NewPSObject("System.Management.Automation.ParameterMetadata")
	aliases := make([]any, len(p.Aliases))
	for i, a := range p.Aliases {
		aliases[i] = a
	}
	sets := value.NewDictionary(&value.DictionaryType{TypeName: "System.Collections.Generic.Dictionary`2[System.String,System.Management.Automation.ParameterSetMetadata]", KeyType: "System.String", ValueType: "System.Management.Automation.ParameterSetMetadata"})
	for _, s := range p.Sets {
		sm := value.NewPSObject("System.Management.Automation.ParameterSetMetadata")
		pos := int32(s.Position)
		if s.Position < 0 {
			pos = -2147483648
		}
		sm.Add("IsMandatory", s.Mandatory).Add("Position", pos).Add("ValueFromPipeline", s.ValueFromPipeline).
			Add("ValueFromPipelineByPropertyName", s.ValueFromPipelineByPropertyName).Add("ValueFromRemainingArguments", p.Remaining).
			Add("HelpMessage", p.Help)
		sets.Set(s.Name, sm)
	}
	if len(p.Sets) == 0 {
		sm := value.NewPSObject("System.Management.Automation.ParameterSetMetadata")
		sm.Add("IsMandatory", false).Add("Position", int32(-2147483648)).Add("ValueFromPipeline", false).
			Add("ValueFromPipelineByPropertyName", false).Add("ValueFromRemainingArguments", p.Remaining).Add("HelpMessage", p.Help)
		sets.Set(AllParameterSets, sm)
	}
	m.Add("Name", p.Name).Add("ParameterType", newTypeValue(parameterTypeName(p))).Add("ParameterSets", sets).
		Add("IsDynamic", false).Add("Aliases", aliases).Add("Attributes", []any{}).Add("SwitchParameter", p.Switch)
	m.ToStringFunc = func() string { return p.Name }
	return m
}

// parameterSets is CommandInfo.ParameterSets.
func (o *commandInfoObject) parameterSets() []any {
	ci := o.info()
	if ci == nil {
		return []any{}
	}
	params := o.allParams()
	var out []any
	for _, set := range ci.parameterSets() {
		s := value.NewPSObject("System.Management.Automation.CommandParameterSetInfo")
		var list []any
		for _, p := range params {
			ps, ok := p.setFor(set)
			if !ok {
				continue
			}
			aliases := make([]any, len(p.Aliases))
			for i, a := range p.Aliases {
				aliases[i] = a
			}
			pos := int32(ps.Position)
			if ps.Position < 0 {
				pos = -2147483648
			}
			cp := value.NewPSObject("System.Management.Automation.CommandParameterInfo")
			cp.Add("Name", p.Name).Add("ParameterType", newTypeValue(parameterTypeName(p))).Add("IsMandatory", ps.Mandatory).
				Add("IsDynamic", false).Add("Position", pos).Add("ValueFromPipeline", ps.ValueFromPipeline).
				Add("ValueFromPipelineByPropertyName", ps.ValueFromPipelineByPropertyName).
				Add("ValueFromRemainingArguments", p.Remaining).Add("HelpMessage", p.Help).Add("Aliases", aliases).Add("Attributes", []any{})
			list = append(list, cp)
		}
		isDefault := set == ci.DefaultParameterSet || (set == AllParameterSets)
		s.Add("Name", set).Add("IsDefault", isDefault).Add("Parameters", list)
		text := o.name + " " + syntaxOf(ci, set, params, syntaxParamType)
		s.ToStringFunc = func() string { return strings.TrimSpace(strings.TrimPrefix(text, o.name)) }
		out = append(out, s)
	}
	return out
}

// syntax is the command's syntax as Get-Command shows it, one line per
// parameter set, types by their accelerators (<string>, <int>).
func (o *commandInfoObject) syntax() string { return o.syntaxWith(syntaxParamType) }

// helpSyntax is the syntax as Get-Help shows it: types by their .NET
// names (<String>, <Int32>), as the help built from comments does.
func (o *commandInfoObject) helpSyntax() string { return o.syntaxWith(helpParamType) }

func (o *commandInfoObject) syntaxWith(typeName func(*Parameter) string) string {
	ci := o.info()
	if ci == nil {
		return o.name
	}
	params := o.allParams()
	var lines []string
	for _, set := range ci.parameterSets() {
		lines = append(lines, strings.TrimSpace(o.name+" "+syntaxOf(ci, set, params, typeName)))
	}
	return strings.Join(lines, "\n")
}

// syntaxParamType is a parameter's type in Get-Command's syntax.
func syntaxParamType(p *Parameter) string { return shortParamType(parameterTypeName(p)) }

// helpParamType is a parameter's type in help: the .NET Type.Name
// (String, Int32[], List`1), which HelpCommentsParser writes.
func helpParamType(p *Parameter) string { return shortTypeName(parameterTypeName(p)) }

// shortParamType is how syntax shows a type: its accelerator where it has
// one (string, int, switch), else its name without namespace.
func shortParamType(name string) string {
	arr := ""
	for strings.HasSuffix(name, "[]") {
		arr += "[]"
		name = strings.TrimSuffix(name, "[]")
	}
	accel := map[string]string{
		"System.String": "string", "System.Int32": "int", "System.Int64": "long", "System.Double": "double",
		"System.Boolean": "bool", "System.Object": "Object", "System.Collections.Hashtable": "hashtable",
		"System.Management.Automation.ScriptBlock": "scriptblock", "System.Management.Automation.PSObject": "psobject",
		"System.Decimal": "decimal", "System.Char": "char", "System.Byte": "byte", "System.Single": "float",
		"System.Management.Automation.PSCredential": "pscredential", "System.Security.SecureString": "securestring",
		"System.DateTime": "datetime", "System.TimeSpan": "timespan", "System.Version": "version", "System.Guid": "guid",
		"System.Management.Automation.ActionPreference": "ActionPreference",
	}
	if a, ok := accel[name]; ok {
		return a + arr
	}
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		name = name[i+1:]
	}
	return name + arr
}

// syntaxOf renders one parameter set: positional parameters by position,
// then the named ones, then [<CommonParameters>].
func syntaxOf(ci *CommandInfo, set string, params []*Parameter, typeName func(*Parameter) string) string {
	type entry struct {
		p   *Parameter
		s   ParameterSet
		idx int
	}
	var entries []entry
	common := false
	for i, p := range params {
		if isCommonParameter(p) {
			if p.Name != "WhatIf" && p.Name != "Confirm" {
				common = true
				continue
			}
		}
		s, ok := p.setFor(set)
		if !ok {
			continue
		}
		entries = append(entries, entry{p, s, i})
	}
	sort.SliceStable(entries, func(i, j int) bool {
		a, b := entries[i], entries[j]
		ap, bp := a.s.Position >= 0, b.s.Position >= 0
		if ap != bp {
			return ap
		}
		if ap && bp {
			return a.s.Position < b.s.Position
		}
		if isCommonParameter(a.p) != isCommonParameter(b.p) {
			return !isCommonParameter(a.p)
		}
		if a.s.Mandatory != b.s.Mandatory {
			return a.s.Mandatory
		}
		return a.idx < b.idx
	})
	var parts []string
	for _, e := range entries {
		name := "-" + e.p.Name
		if e.s.Position >= 0 {
			name = "[" + name + "]"
		}
		text := name
		if !e.p.Switch {
			text += " <" + typeName(e.p) + ">"
		}
		if !e.s.Mandatory {
			text = "[" + text + "]"
		}
		parts = append(parts, text)
	}
	if common {
		parts = append(parts, "[<CommonParameters>]")
	}
	return strings.Join(parts, " ")
}

// aliasInfo builds the AliasInfo for an alias name and definition.
func (c *Call) aliasInfo(name, def string) *commandInfoObject {
	o := &commandInfoObject{kind: "Alias", name: name, def: def}
	if t := c.resolveCommandInfo(def, false); t != nil {
		o.target = t
	}
	return o
}

// resolveCommandInfo finds the command a name means (following aliases
// when follow is set): function, cmdlet or script.
func (c *Call) resolveCommandInfo(name string, follow bool) *commandInfoObject {
	f := c.f
	if follow {
		if a := f.scope.lookupAlias(name); a != nil {
			return c.aliasInfo(a.Name, a.Definition)
		}
		if def, ok := f.r.table.ResolveAlias(name); ok {
			return c.aliasInfo(strings.ToLower(name), def)
		}
	}
	if fn := f.scope.lookupFunction(name); fn != nil {
		return c.functionInfo(fn)
	}
	if ci, ok := f.r.table.Lookup(name); ok {
		return &commandInfoObject{kind: "Cmdlet", name: ci.Name, ci: ci}
	}
	return nil
}

// functionInfo builds the FunctionInfo (or FilterInfo) of a function.
func (c *Call) functionInfo(fn *Function) *commandInfoObject {
	kind := "Function"
	if fn.IsFilter {
		kind = "Filter"
	}
	return &commandInfoObject{kind: kind, name: fn.Name, fn: fn, ci: fn.block.commandInfoFor(c.f, fn.Name)}
}

// CommandQuery is Get-Command's selection.
type CommandQuery struct {
	Names       []string
	Modules     []string
	CommandType []string
	Verbs       []string
	Nouns       []string
	All         bool
}

// FindCommands implements Get-Command: the commands visible from the
// caller matching the query, sorted as pwsh sorts them. Names without
// wildcards that match nothing are returned in missing.
func (c *Call) FindCommands(q CommandQuery) (found []any, missing []string) {
	var all []*commandInfoObject
	seen := map[string]bool{}
	add := func(o *commandInfoObject) {
		key := o.kind + "\x00" + strings.ToLower(o.name)
		if !seen[key] {
			seen[key] = true
			all = append(all, o)
		}
	}
	for sc := c.f.scope; sc != nil; sc = sc.parent {
		for _, a := range sc.aliases {
			add(c.aliasInfo(a.Name, a.Definition))
		}
		for _, fn := range sc.functions {
			if sc != c.f.scope && fn.Private {
				continue
			}
			add(c.functionInfo(fn))
		}
	}
	for name, def := range c.f.r.table.Aliases() {
		add(c.aliasInfo(name, def))
	}
	for _, ci := range c.f.r.table.Commands() {
		add(&commandInfoObject{kind: "Cmdlet", name: ci.Name, ci: ci})
	}
	matched := map[int]bool{}
	for _, o := range all {
		if len(q.CommandType) > 0 && !matchesAny(q.CommandType, o.kind) && !(o.kind == "Filter" && matchesAny(q.CommandType, "Function")) {
			continue
		}
		if len(q.Modules) > 0 && !matchesAny(q.Modules, o.moduleName()) {
			continue
		}
		verb, noun, _ := strings.Cut(o.name, "-")
		if len(q.Verbs) > 0 && !matchesAny(q.Verbs, verb) {
			continue
		}
		if len(q.Nouns) > 0 && !matchesAny(q.Nouns, noun) {
			continue
		}
		if len(q.Names) > 0 {
			hit := false
			for i, n := range q.Names {
				if matchesAny([]string{n}, o.name) {
					hit = true
					matched[i] = true
				}
			}
			if !hit {
				continue
			}
		}
		found = append(found, o)
	}
	for i, n := range q.Names {
		if !matched[i] && !strings.ContainsAny(n, "*?[") {
			if p := c.f.r.absPath(n); looksLikeScriptPath(n) {
				if fi, err := c.f.r.host.FS.Stat(p); err == nil && !fi.IsDir() {
					found = append(found, &commandInfoObject{kind: "ExternalScript", name: p[strings.LastIndexByte(p, '/')+1:], path: p})
					continue
				}
			}
			missing = append(missing, n)
		}
	}
	sort.SliceStable(found, func(i, j int) bool {
		a, b := found[i].(*commandInfoObject), found[j].(*commandInfoObject)
		if ta, tb := commandTypeOrder[a.kind], commandTypeOrder[b.kind]; ta != tb {
			return ta < tb
		}
		return strings.ToLower(a.name) < strings.ToLower(b.name)
	})
	if !q.All {
		// Without -All, a name shows only the command that would run.
		var out []any
		shown := map[string]bool{}
		for _, o := range found {
			n := strings.ToLower(o.(*commandInfoObject).name)
			if len(q.Names) > 0 && shown[n] {
				continue
			}
			shown[n] = true
			out = append(out, o)
		}
		found = out
	}
	return found, missing
}

// CommandNotFound writes Get-Command's error for a name that matches no
// command.
func (c *Call) CommandNotFound(name string) error {
	msg := "The term '" + name + "' is not recognized as a name of a cmdlet, function, script file, or executable program.\n" +
		"Check the spelling of the name, or if a path was included, verify that the path is correct and try again."
	rec := c.NewError(&Exception{Types: notFoundTypes, Message: msg}, "CommandNotFoundException", ObjectNotFound, name)
	return c.WriteError(rec)
}

// commandStageFor builds the stage that runs a CommandInfo object
// (& (Get-Command Name) args).
func (f *frame) commandInfoName(o *commandInfoObject) string {
	switch o.kind {
	case "ExternalScript":
		return o.path
	case "Alias":
		return o.def
	}
	return o.name
}

// describe is a one-line description of a command for errors.
func (o *commandInfoObject) describe() string { return fmt.Sprintf("%s %s", o.kind, o.name) }

// Syntax is Get-Command -Syntax's text for the command.
func (o *commandInfoObject) Syntax() string { return o.syntax() }
