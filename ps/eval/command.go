package eval

import (
	"slices"
	"sort"
	"strings"
)

// ConfirmImpact is a command's declared impact; a command prompts when its
// impact is at or above $ConfirmPreference.
type ConfirmImpact int

// The impact levels, in order.
const (
	ImpactNone ConfirmImpact = iota
	ImpactLow
	ImpactMedium
	ImpactHigh
)

// String returns the .NET enum name.
func (c ConfirmImpact) String() string {
	return [...]string{"None", "Low", "Medium", "High"}[c]
}

// AllParameterSets is the name of the implicit set every parameter without
// an explicit set belongs to.
const AllParameterSets = "__AllParameterSets"

// ParameterSet holds a parameter's attributes within one parameter set,
// as [Parameter(ParameterSetName=..., Mandatory, Position, ...)] does.
type ParameterSet struct {
	// Name is the set's name, or AllParameterSets.
	Name                            string
	Mandatory                       bool
	Position                        int // -1: named only
	ValueFromPipeline               bool
	ValueFromPipelineByPropertyName bool
}

// Type is a parameter type: its .NET name for messages and the conversion
// the binder applies to arguments.
type Type struct {
	// Name is the .NET type name used in messages, e.g. "System.String[]"
	// or "VMware.VimAutomation.ViCore.Types.V1.Inventory.VirtualMachine[]".
	Name string
	// Convert turns an argument into the parameter's value. A nil Convert
	// accepts any value unchanged.
	Convert func(v any) (any, error)
	// PipelineConvert, when set, is used for pipeline input instead of
	// Convert (PowerCLI does not convert strings coming down the pipeline
	// into inventory objects).
	PipelineConvert func(v any) (any, error)
	// script marks a script parameter's type: $null converts too ([string]
	// gets '', [int] 0), and the variable keeps the type as a constraint.
	script bool
}

// Parameter describes one parameter of a command.
type Parameter struct {
	Name    string
	Aliases []string
	Type    *Type // nil: System.Object, no conversion
	// Switch marks a [switch] parameter: present means $true and it never
	// takes the next argument.
	Switch bool
	// Sets lists the sets the parameter belongs to; empty means all sets
	// with no special attributes (named, optional).
	Sets []ParameterSet
	// NotNullOrEmpty rejects $null, '' and empty arrays with PowerShell's
	// validation error.
	NotNullOrEmpty bool
	// ValidateSet, when non-empty, lists the allowed values (any case).
	ValidateSet []string
	// Remaining marks ValueFromRemainingArguments: positional arguments
	// no other parameter takes are collected into this one.
	Remaining bool
	// Wildcards is documentation: the parameter accepts wildcard patterns.
	Wildcards bool
	// Help is a one-line description for Get-Help and cmdlet.list.
	Help string
	// NotNull rejects $null (and collections holding $null) with
	// [ValidateNotNull()]'s error.
	NotNull bool
	// NotNullOrWhiteSpace is [ValidateNotNullOrWhiteSpace()].
	NotNullOrWhiteSpace bool
	// AllowNull, AllowEmptyString and AllowEmptyCollection relax the
	// checks a mandatory parameter makes.
	AllowNull, AllowEmptyString, AllowEmptyCollection bool
	// Validate lists further validations ([ValidateRange()],
	// [ValidatePattern()], [ValidateLength()], [ValidateCount()]); each
	// returns the message after "Cannot validate argument on parameter
	// 'X'. ", or "" when the value is valid.
	Validate []func(v any) string
	// validateScripts are [ValidateScript({...})] blocks, run with $_ set
	// to each value.
	validateScripts []*ScriptBlock
	// Default is the parameter's default value as shown by Get-Help and
	// Get-Command ("" for none).
	Default string
}

// setFor returns the parameter's attributes in the named set, and whether
// it belongs to that set.
func (p *Parameter) setFor(set string) (ParameterSet, bool) {
	if len(p.Sets) == 0 {
		return ParameterSet{Name: AllParameterSets, Position: -1}, true
	}
	for _, s := range p.Sets {
		if s.Name == set || s.Name == AllParameterSets {
			return s, true
		}
	}
	return ParameterSet{}, false
}

// CommandInfo is a command's metadata: its name, module, parameters and
// the other facts the binder and Get-Command need.
type CommandInfo struct {
	Name string
	// Module is the module that exports it, e.g. "VMware.VimAutomation.Core".
	Module string
	// ImplementingType is the cmdlet's .NET class, used in
	// FullyQualifiedErrorIds ("NamedParameterNotFound,<class>").
	ImplementingType string
	Parameters       []*Parameter
	// DefaultParameterSet names the set used when the arguments fit more
	// than one.
	DefaultParameterSet   string
	SupportsShouldProcess bool
	ConfirmImpact         ConfirmImpact
	// OutputType lists the .NET types the command writes.
	OutputType []string
	// Synopsis is the one-line help text.
	Synopsis string
	// New returns a fresh processor for one invocation.
	New func() Processor
	// script is the script block of a function's CommandInfo.
	script *ScriptBlock
}

// Processor runs one invocation of a command: Begin once, Process once per
// pipeline input object (or once with no input when nothing is piped in),
// End once.
type Processor interface {
	Begin(c *Call) error
	Process(c *Call) error
	End(c *Call) error
}

// ProcessFunc adapts a function to a Processor that only has a process
// step, the common case for keyhost's cmdlets.
type ProcessFunc func(c *Call) error

// Begin implements Processor.
func (ProcessFunc) Begin(*Call) error { return nil }

// Process implements Processor.
func (f ProcessFunc) Process(c *Call) error { return f(c) }

// End implements Processor.
func (ProcessFunc) End(*Call) error { return nil }

// parameterSets returns the names of the command's explicit sets, sorted,
// or [AllParameterSets] when it has none.
func (ci *CommandInfo) parameterSets() []string {
	// Every command invocation asks this; commands have a handful of
	// sets, where a linear search for duplicates beats a map.
	var names []string
	for _, p := range ci.Parameters {
		for _, s := range p.Sets {
			if s.Name != AllParameterSets && !slices.Contains(names, s.Name) {
				names = append(names, s.Name)
			}
		}
	}
	if len(names) == 0 {
		return []string{AllParameterSets}
	}
	sort.Strings(names)
	return names
}

// ParameterSetNames is the exported form of parameterSets, for tools that
// describe commands (cmdlet.list, Get-Command).
func (ci *CommandInfo) ParameterSetNames() []string { return ci.parameterSets() }

// CommandTable is the registry of commands (cmdlets written in Go) and
// aliases. The interpreter knows no command by name: whoever builds a
// runner registers what it should offer.
type CommandTable struct {
	commands map[string]*CommandInfo
	aliases  map[string]string
	order    []string
}

// NewCommandTable returns an empty table.
func NewCommandTable() *CommandTable {
	return &CommandTable{commands: map[string]*CommandInfo{}, aliases: map[string]string{}}
}

// Register adds a command; a later registration of the same name replaces
// the earlier one.
func (t *CommandTable) Register(ci *CommandInfo) {
	key := strings.ToLower(ci.Name)
	if _, exists := t.commands[key]; !exists {
		t.order = append(t.order, ci.Name)
	}
	t.commands[key] = ci
}

// Alias maps an alias to a command name (echo -> Write-Output).
func (t *CommandTable) Alias(alias, target string) {
	t.aliases[strings.ToLower(alias)] = target
}

// Lookup finds a command by name (case-insensitive), not following aliases.
func (t *CommandTable) Lookup(name string) (*CommandInfo, bool) {
	ci, ok := t.commands[strings.ToLower(name)]
	return ci, ok
}

// lookupKey is Lookup with the lower-case name.
func (t *CommandTable) lookupKey(key string) (*CommandInfo, bool) {
	ci, ok := t.commands[key]
	return ci, ok
}

// resolveAliasKey is ResolveAlias with the lower-case name.
func (t *CommandTable) resolveAliasKey(key string) (string, bool) {
	target, ok := t.aliases[key]
	return target, ok
}

// ResolveAlias returns the target of an alias.
func (t *CommandTable) ResolveAlias(name string) (string, bool) {
	target, ok := t.aliases[strings.ToLower(name)]
	return target, ok
}

// Commands lists the registered commands in registration order.
func (t *CommandTable) Commands() []*CommandInfo {
	out := make([]*CommandInfo, 0, len(t.order))
	for _, n := range t.order {
		out = append(out, t.commands[strings.ToLower(n)])
	}
	return out
}

// Aliases returns a copy of the alias map (lower-case alias -> target).
func (t *CommandTable) Aliases() map[string]string {
	out := make(map[string]string, len(t.aliases))
	for k, v := range t.aliases {
		out[k] = v
	}
	return out
}
