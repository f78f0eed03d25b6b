package eval

import (
	"errors"
	"fmt"
	"strings"

	"github.com/keyhost/keyhost/ps/ast"
	"github.com/keyhost/keyhost/ps/value"
)

// TransformError is returned by a parameter type's Convert when an
// argument transformation (rather than a plain cast) fails; PowerShell
// reports it as "Cannot process argument transformation on parameter ...".
type TransformError struct{ Msg string }

// Error implements error.
func (e *TransformError) Error() string { return e.Msg }

// commonParameters are the parameters every cmdlet and advanced function
// has (about_CommonParameters), with their aliases.
var commonParameters = []*Parameter{
	{Name: "Verbose", Aliases: []string{"vb"}, Switch: true},
	{Name: "Debug", Aliases: []string{"db"}, Switch: true},
	{Name: "ErrorAction", Aliases: []string{"ea"}, Type: enumParamType(ActionPreferenceType)},
	{Name: "WarningAction", Aliases: []string{"wa"}, Type: enumParamType(ActionPreferenceType)},
	{Name: "InformationAction", Aliases: []string{"infa"}, Type: enumParamType(ActionPreferenceType)},
	{Name: "ProgressAction", Aliases: []string{"proga"}, Type: enumParamType(ActionPreferenceType)},
	{Name: "ErrorVariable", Aliases: []string{"ev"}, Type: StringType},
	{Name: "WarningVariable", Aliases: []string{"wv"}, Type: StringType},
	{Name: "InformationVariable", Aliases: []string{"iv"}, Type: StringType},
	{Name: "OutVariable", Aliases: []string{"ov"}, Type: StringType},
	{Name: "OutBuffer", Aliases: []string{"ob"}, Type: Int32Type},
	{Name: "PipelineVariable", Aliases: []string{"pv"}, Type: StringType},
}

// shouldProcessParameters are added to commands that support ShouldProcess.
var shouldProcessParameters = []*Parameter{
	{Name: "WhatIf", Aliases: []string{"wi"}, Switch: true},
	{Name: "Confirm", Aliases: []string{"cf"}, Switch: true},
}

// enumParamType is a parameter type that converts to an enum.
func enumParamType(t *value.EnumType) *Type {
	return &Type{Name: t.Name, Convert: func(v any) (any, error) { return t.Convert(v) }}
}

// StringType converts arguments to [string].
var StringType = &Type{Name: "System.String", Convert: func(v any) (any, error) {
	if value.IsNull(v) {
		return nil, nil
	}
	return value.ToString(v), nil
}}

// StringArrayType converts arguments to [string[]].
var StringArrayType = &Type{Name: "System.String[]", Convert: func(v any) (any, error) {
	if value.IsNull(v) {
		return nil, nil
	}
	items := value.Enumerate(v)
	out := make([]any, len(items))
	for i, it := range items {
		out[i] = value.ToString(it)
	}
	return out, nil
}}

// Int32Type converts arguments to [int].
var Int32Type = &Type{Name: "System.Int32", Convert: func(v any) (any, error) { return value.ToInt32(v) }}

// BoolType converts arguments to [bool]; like PowerShell it refuses
// strings, which are almost always a mistake (-Enabled 'false').
var BoolType = &Type{Name: "System.Boolean", Convert: func(v any) (any, error) {
	switch x := v.(type) {
	case bool:
		return x, nil
	case string:
		return nil, fmt.Errorf("Cannot convert value \"System.String\" to type \"System.Boolean\". Boolean parameters accept only Boolean values and numbers, such as $True, $False, 1 or 0.")
	}
	if value.IsNumber(v) {
		return value.ToBool(v), nil
	}
	return nil, fmt.Errorf("Cannot convert value \"%s\" to type \"System.Boolean\". Boolean parameters accept only Boolean values and numbers, such as $True, $False, 1 or 0.", value.ToString(v))
}}

// binding is the state of binding one command invocation's parameters.
type binding struct {
	ci     *CommandInfo
	params []*Parameter // the command's own parameters plus common ones
	values map[string]any
	order  []string
	// fromPipe marks parameters bound from the current pipeline object.
	// It holds only true entries, and like splatted it is made on first
	// use: most invocations bind nothing from the pipeline or a splat.
	fromPipe map[string]bool
	// splatted marks parameters bound from a splatted hashtable.
	splatted   map[string]bool
	candidates []string
	set        string
	// pipeSets are the parameter sets still open to each pipeline object
	// when the command line left more than one, the chosen set first:
	// PowerShell settles the set per input object (Get-VM | Get-HardDisk
	// binds -VM, Get-Template | Get-HardDisk binds -Template).
	pipeSets []string
	// pipeParams are the pipeline parameters of pipeParamsSet, kept for
	// the next input object.
	pipeParams    []*Parameter
	pipeParamsSet string
}

func hasKey(m map[string]any, k string) bool {
	_, ok := m[k]
	return ok
}

// lookup reads a bound value by parameter name: the canonical spelling
// (the usual case) or any other case.
func (b *binding) lookup(name string) (any, bool) {
	if v, ok := b.values[name]; ok {
		return v, true
	}
	// Cmdlets ask for many parameters that are not bound (-RunAsync,
	// -ErrorVariable, ...). The bound names are also in order, a short
	// slice that is much cheaper to scan than the map; the map scan stays
	// for a binding whose order was not kept.
	if len(b.order) == len(b.values) {
		for _, k := range b.order {
			if strings.EqualFold(k, name) {
				v, ok := b.values[k]
				return v, ok
			}
		}
		return nil, false
	}
	for k, v := range b.values {
		if strings.EqualFold(k, name) {
			return v, true
		}
	}
	return nil, false
}

// unbind forgets a bound parameter.
func (b *binding) unbind(key string) {
	delete(b.values, key)
	delete(b.fromPipe, key)
	delete(b.splatted, key)
	for i, n := range b.order {
		if strings.EqualFold(n, key) {
			b.order = append(b.order[:i], b.order[i+1:]...)
			break
		}
	}
}

// allParameters returns the parameters a command accepts, common ones
// included.
func allParameters(ci *CommandInfo) []*Parameter {
	ps := make([]*Parameter, 0, len(ci.Parameters)+len(commonParameters)+len(shouldProcessParameters))
	ps = append(ps, ci.Parameters...)
	ps = append(ps, commonParameters...)
	if ci.SupportsShouldProcess {
		ps = append(ps, shouldProcessParameters...)
	}
	return ps
}

func isCommonParameter(p *Parameter) bool {
	for _, c := range commonParameters {
		if c == p {
			return true
		}
	}
	for _, c := range shouldProcessParameters {
		if c == p {
			return true
		}
	}
	return false
}

// bindError builds a ParameterBindingException error record.
func (f *frame) bindError(ci *CommandInfo, cmd ast.Node, id, msg string, cat ErrorCategory) error {
	return f.bindErrorOf(ci, cmd, id, "System.Management.Automation.ParameterBindingException", msg, cat)
}

// bindErrorOf is bindError with a given exception type (one of the
// ParameterBindingException family).
func (f *frame) bindErrorOf(ci *CommandInfo, cmd ast.Node, id, exType, msg string, cat ErrorCategory) error {
	ex := &Exception{Types: append([]string{exType}, bindingExceptionTypes...), Message: msg}
	if exType == "System.Management.Automation.ParameterBindingException" {
		ex.Types = bindingExceptionTypes
	}
	rec := NewErrorRecord(ex, id+","+ci.ImplementingType, cat, nil)
	rec.Activity = ci.Name
	rec.Invocation = f.invocation(cmd, ci.Name)
	rec.ScriptStackTrace = f.r.stackTrace() // where the command was called from
	return newRuntimeError(rec, true)
}

// resolveParameter finds the parameter a name given on the command line
// refers to: an exact name or alias, or an unambiguous prefix of a name.
func (f *frame) resolveParameter(ci *CommandInfo, params []*Parameter, name string, cmd ast.Node) (*Parameter, error) {
	for _, p := range params {
		if strings.EqualFold(p.Name, name) {
			return p, nil
		}
		for _, a := range p.Aliases {
			if strings.EqualFold(a, name) {
				return p, nil
			}
		}
	}
	var matches []*Parameter
	for _, p := range params {
		if len(name) > 0 && len(name) <= len(p.Name) && strings.EqualFold(p.Name[:len(name)], name) {
			matches = append(matches, p)
		}
	}
	switch len(matches) {
	case 1:
		return matches[0], nil
	case 0:
		return nil, f.bindError(ci, cmd, "NamedParameterNotFound",
			fmt.Sprintf("A parameter cannot be found that matches parameter name '%s'.", name), InvalidArgument)
	}
	names := make([]string, len(matches))
	for i, m := range matches {
		names[i] = "-" + m.Name
	}
	return nil, f.bindError(ci, cmd, "AmbiguousParameter",
		fmt.Sprintf("Parameter cannot be processed because the parameter name '%s' is ambiguous. Possible matches include: %s.", name, strings.Join(names, " ")), InvalidArgument)
}

// bindArguments binds a command's command-line arguments (named, then
// positional) and narrows the parameter sets. Pipeline binding happens
// later, per object.
func (f *frame) bindArguments(ci *CommandInfo, cmd ast.Node, args []argument, expectInput bool) (*binding, error) {
	b, _, err := f.bindArgs(ci, allParameters(ci), cmd, args, expectInput, false)
	return b, err
}

// bindArgs is the binder proper. With lenient set (simple script
// functions) unknown parameter names and surplus positional arguments are
// returned as rest, which becomes $args, instead of failing.
func (f *frame) bindArgs(ci *CommandInfo, params []*Parameter, cmd ast.Node, args []argument, expectInput, lenient bool) (*binding, []any, error) {
	b := &binding{ci: ci, params: params, values: make(map[string]any, len(args)), order: make([]string, 0, len(args)), candidates: ci.parameterSets()}
	var positional []argument
	// rest collects what a lenient binder leaves for $args, keyed by the
	// argument's place on the command line so $args keeps that order.
	rest := map[int][]any{}
	for i := 0; i < len(args); i++ {
		a := args[i]
		a.index = i
		if a.name == "" {
			positional = append(positional, a)
			continue
		}
		p, err := f.resolveParameter(ci, b.params, a.name, argNode(a, cmd))
		if err != nil {
			if lenient {
				rest[i] = []any{"-" + a.name + colonSuffix(a)}
				if a.colon {
					rest[i] = append(rest[i], a.value)
				}
				continue
			}
			return nil, nil, err
		}
		if key := p.Name; b.values[key] != nil || hasKey(b.values, key) {
			// In PowerShell 7 an explicit named argument wins over the
			// same parameter from a splatted hashtable.
			switch {
			case a.splatted && !b.splatted[key]:
				continue
			case !a.splatted && b.splatted[key]:
				b.unbind(key)
			}
		}
		val, has, valNode := a.value, a.hasValue, valueNode(a, cmd)
		if !p.Switch && !has {
			// The value is the next argument, unless that is a parameter
			// or there is none.
			if i+1 < len(args) && args[i+1].name == "" && !args[i+1].splatted {
				i++
				val, has, valNode = args[i].value, true, argNode(args[i], cmd)
			}
		}
		if !p.Switch && !has {
			return nil, nil, f.bindError(ci, argNode(a, cmd), "MissingArgument",
				fmt.Sprintf("Missing an argument for parameter '%s'. Specify a parameter of type '%s' and try again.", p.Name, typeNameOf(p)), InvalidArgument)
		}
		if p.Switch {
			if has {
				val = value.ToBool(val)
			} else {
				val = true
			}
		}
		if err := f.bindValue(b, p, val, valNode, false); err != nil {
			return nil, nil, err
		}
		if a.splatted {
			if b.splatted == nil {
				b.splatted = map[string]bool{}
			}
			b.splatted[p.Name] = true
		}
	}
	extra, err := f.bindPositional(b, positional, cmd, lenient)
	if err != nil {
		return nil, nil, err
	}
	for _, a := range extra {
		rest[a.index] = []any{a.value}
	}
	if !lenient {
		if err := f.applyDefaultParameterValues(b, cmd); err != nil {
			return nil, nil, err
		}
	}
	if err := f.chooseSet(b, cmd, expectInput); err != nil {
		return nil, nil, err
	}
	return b, orderedRest(rest, len(args)), nil
}

// argNode is where an error about argument a points, as PowerShell's
// binder errors do: at the parameter name (-Bogus) or the value that
// failed to convert; at the whole command for a splatted argument.
func argNode(a argument, cmd ast.Node) ast.Node {
	if a.node == nil || a.splatted {
		return cmd
	}
	return a.node
}

// valueNode is argNode for the value of a named argument: the value after
// the colon of -Name:value.
func valueNode(a argument, cmd ast.Node) ast.Node {
	if p, ok := a.node.(*ast.CommandParameter); ok && p.Arg != nil && !a.splatted {
		return p.Arg
	}
	return argNode(a, cmd)
}

// orderedRest flattens the leftover arguments in command-line order.
func orderedRest(rest map[int][]any, n int) []any {
	var out []any
	for i := 0; i < n; i++ {
		out = append(out, rest[i]...)
	}
	return out
}

// colonSuffix is ":" for an argument written -Name:value.
func colonSuffix(a argument) string {
	if a.colon {
		return ":"
	}
	return ""
}

// typeNameOf is the .NET type name of a parameter, for messages.
func typeNameOf(p *Parameter) string {
	if p.Type != nil {
		return p.Type.Name
	}
	if p.Switch {
		return "System.Management.Automation.SwitchParameter"
	}
	return "System.Object"
}

// bindValue converts, validates and records one parameter value, and
// narrows the candidate parameter sets.
func (f *frame) bindValue(b *binding, p *Parameter, val any, cmd ast.Node, fromPipe bool) error {
	key := p.Name
	if _, dup := b.values[key]; dup && !b.fromPipe[key] {
		return f.bindError(b.ci, cmd, "ParameterAlreadyBound",
			fmt.Sprintf("Cannot bind parameter because parameter '%s' is specified more than once. To provide multiple values to parameters that can accept multiple values, use the array syntax. For example, \"-parameter value1,value2,value3\".", p.Name), InvalidArgument)
	}
	converted, err := f.convertArgument(b.ci, p, val, cmd, fromPipe)
	if err != nil {
		return err
	}
	if err := f.validateArgument(b.ci, p, converted, cmd); err != nil {
		return err
	}
	if isMandatoryInSomeSet(p) {
		if err := f.checkMandatoryValue(b.ci, p, converted, cmd); err != nil {
			return err
		}
	}
	if _, existed := b.values[key]; !existed {
		b.order = append(b.order, p.Name)
	}
	b.values[key] = converted
	if fromPipe {
		if b.fromPipe == nil {
			b.fromPipe = map[string]bool{}
		}
		b.fromPipe[key] = true
	} else {
		delete(b.fromPipe, key)
	}
	if !isCommonParameter(p) && len(p.Sets) > 0 {
		b.candidates = narrowSets(b.candidates, p)
		if len(b.candidates) == 0 {
			return f.bindError(b.ci, cmd, "AmbiguousParameterSet",
				"Parameter set cannot be resolved using the specified named parameters. One or more parameters issued cannot be used together or an insufficient number of parameters were provided.", InvalidArgument)
		}
	}
	return nil
}

// isMandatoryInSomeSet reports whether p is mandatory in any parameter
// set; such a parameter rejects $null and empty values.
func isMandatoryInSomeSet(p *Parameter) bool {
	for _, s := range p.Sets {
		if s.Mandatory {
			return true
		}
	}
	return false
}

// intersectSets keeps the candidate sets parameter p belongs to.
func intersectSets(candidates []string, p *Parameter) []string {
	var out []string
	for _, c := range candidates {
		if _, ok := p.setFor(c); ok {
			out = append(out, c)
		}
	}
	return out
}

// narrowSets is intersectSets for the binding's own candidate list, which
// it filters in place instead of allocating a new one for each bound
// parameter.
func narrowSets(candidates []string, p *Parameter) []string {
	out := candidates[:0]
	for _, c := range candidates {
		if _, ok := p.setFor(c); ok {
			out = append(out, c)
		}
	}
	return out
}

// convertArgument applies the parameter type's conversion, turning a
// failure into PowerShell's binding error.
func (f *frame) convertArgument(ci *CommandInfo, p *Parameter, val any, cmd ast.Node, fromPipe bool) (any, error) {
	if p.Type == nil || p.Switch {
		return val, nil
	}
	conv := p.Type.Convert
	if fromPipe && p.Type.PipelineConvert != nil {
		conv = p.Type.PipelineConvert
	}
	if conv == nil || (val == nil && !p.Type.script) {
		return val, nil
	}
	out, err := conv(val)
	if err == nil {
		return out, nil
	}
	var te *TransformError
	if errors.As(err, &te) {
		return nil, f.bindErrorOf(ci, cmd, "ParameterArgumentTransformationError", "System.Management.Automation.ParameterBindingArgumentTransformationException",
			fmt.Sprintf("Cannot process argument transformation on parameter '%s'. %s", p.Name, te.Msg), InvalidData)
	}
	return nil, f.bindError(ci, cmd, "CannotConvertArgumentNoMessage",
		fmt.Sprintf("Cannot bind parameter '%s'. %s", p.Name, err.Error()), InvalidArgument)
}

// bindPositional binds positional arguments to the unbound parameters with
// positions, lowest position first, within the candidate sets. With
// lenient set, arguments left over are returned instead of failing.
func (f *frame) bindPositional(b *binding, positional []argument, cmd ast.Node, lenient bool) ([]argument, error) {
	var rest []argument
	for _, a := range positional {
		p := b.nextPositional()
		if p == nil {
			if rp := b.remainingParameter(); rp != nil {
				if err := f.appendRemaining(b, rp, a.value, cmd); err != nil {
					return nil, err
				}
				continue
			}
			if lenient {
				rest = append(rest, a)
				continue
			}
			return nil, f.bindError(b.ci, cmd, "PositionalParameterNotFound",
				fmt.Sprintf("A positional parameter cannot be found that accepts argument '%s'.", value.ToString(a.value)), InvalidArgument)
		}
		if err := f.bindValue(b, p, a.value, argNode(a, cmd), false); err != nil {
			return nil, err
		}
	}
	return rest, nil
}

// remainingParameter returns the ValueFromRemainingArguments parameter of
// the candidate sets, if any.
func (b *binding) remainingParameter() *Parameter {
	for _, p := range b.ci.Parameters {
		if !p.Remaining {
			continue
		}
		for _, c := range b.candidates {
			if _, ok := p.setFor(c); ok {
				return p
			}
		}
	}
	return nil
}

// appendRemaining adds a surplus positional argument to the remaining-
// arguments parameter, turning its value into a list.
func (f *frame) appendRemaining(b *binding, p *Parameter, v any, cmd ast.Node) error {
	key := p.Name
	prev, bound := b.values[key]
	if !bound {
		return f.bindValue(b, p, []any{v}, cmd, false)
	}
	list := append(append([]any{}, value.Enumerate(prev)...), v)
	if prev != nil && !value.IsCollection(prev) {
		list = []any{prev, v}
	}
	converted, err := f.convertArgument(b.ci, p, list, cmd, false)
	if err != nil {
		return err
	}
	b.values[key] = converted
	return nil
}

// nextPositional returns the unbound parameter with the lowest position in
// any candidate set.
func (b *binding) nextPositional() *Parameter {
	var best *Parameter
	bestPos := 1 << 30
	for _, p := range b.ci.Parameters {
		if _, bound := b.values[p.Name]; bound {
			continue
		}
		for _, c := range b.candidates {
			s, ok := p.setFor(c)
			if ok && s.Position >= 0 && s.Position < bestPos {
				best, bestPos = p, s.Position
			}
		}
	}
	return best
}

// chooseSet settles the parameter set once command-line arguments are
// bound, and checks mandatory parameters that cannot come from the
// pipeline.
func (f *frame) chooseSet(b *binding, cmd ast.Node, expectInput bool) error {
	cands := b.candidates
	open := append([]string(nil), cands...)
	if len(cands) > 1 {
		var satisfied []string
		for _, c := range cands {
			if len(b.missingMandatory(c, expectInput)) == 0 {
				satisfied = append(satisfied, c)
			}
		}
		switch {
		case containsString(cands, b.ci.DefaultParameterSet) && (len(satisfied) == 0 || containsString(satisfied, b.ci.DefaultParameterSet)):
			cands = []string{b.ci.DefaultParameterSet}
		case len(satisfied) == 1:
			cands = satisfied
		case len(satisfied) > 1 && containsString(satisfied, b.ci.DefaultParameterSet):
			cands = []string{b.ci.DefaultParameterSet}
		default:
			return f.bindError(b.ci, cmd, "AmbiguousParameterSet",
				"Parameter set cannot be resolved using the specified named parameters. One or more parameters issued cannot be used together or an insufficient number of parameters were provided.", InvalidArgument)
		}
	}
	b.set = cands[0]
	b.candidates = cands
	if expectInput {
		b.pipeSets = pipelineSets(b, open, cands[0])
	}
	if missing := b.missingMandatory(b.set, expectInput); len(missing) > 0 {
		return f.bindError(b.ci, cmd, "MissingMandatoryParameter",
			fmt.Sprintf("Cannot process command because of one or more missing mandatory parameters: %s.", strings.Join(missing, " ")), InvalidArgument)
	}
	return nil
}

// missingMandatory lists the mandatory parameters of set that are not
// bound and (when input is expected) cannot be bound from the pipeline.
func (b *binding) missingMandatory(set string, expectInput bool) []string {
	var missing []string
	for _, p := range b.ci.Parameters {
		s, ok := p.setFor(set)
		if !ok || !s.Mandatory {
			continue
		}
		if _, bound := b.values[p.Name]; bound {
			continue
		}
		if expectInput && (s.ValueFromPipeline || s.ValueFromPipelineByPropertyName) {
			continue
		}
		missing = append(missing, p.Name)
	}
	return missing
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// pipelineSets returns the candidate sets that pipeline input could
// complete (their missing mandatory parameters all take pipeline input),
// chosen first, when there are several; nil otherwise.
func pipelineSets(b *binding, open []string, chosen string) []string {
	sets := []string{chosen}
	for _, c := range open {
		if c != chosen && len(b.missingMandatory(c, true)) == 0 && b.takesPipelineInputIn(c) {
			sets = append(sets, c)
		}
	}
	if len(sets) < 2 {
		return nil
	}
	return sets
}

// bindPipelineInput binds one pipeline object the way PowerShell's binder
// does. What the previous object bound is forgotten; then, over the
// parameter sets still open to pipeline input (pipeSets, or the chosen
// set), four stages run in order: by value without conversion (the object
// is already of the parameter's type), by property name without
// conversion, by value with conversion, by property name with conversion.
// By value binds one parameter at most; by property name binds every
// parameter whose name (or alias) is a property of the object. Each bound
// parameter narrows the open sets, so an object settles the set for
// itself: Get-VM | Get-HardDisk binds -VM, Get-Template | Get-HardDisk
// -Template. It returns false when the object binds to nothing.
func (f *frame) bindPipelineInput(b *binding, input any, cmd ast.Node) (bool, error) {
	f.forgetPipelineInput(b)
	first := b.set
	var params []*Parameter
	if len(b.pipeSets) < 2 {
		// One set, as for most commands: its pipeline parameters are
		// worked out once per invocation, not once per object.
		b.candidates = append(b.candidates[:0], first)
		if b.pipeParams == nil || b.pipeParamsSet != first {
			b.pipeParams, b.pipeParamsSet = b.pipelineCandidates(), first
		}
		params = b.pipeParams
	} else {
		first = b.pipeSets[0]
		b.candidates = append(b.candidates[:0], b.pipeSets...)
		params = b.pipelineCandidates()
	}
	byValue, boundAny := false, false
	for _, exact := range []bool{true, false} {
		for _, p := range params {
			s := b.pipelineSet(p)
			if byValue || !s.ValueFromPipeline || b.isBound(p) {
				continue
			}
			if exact && !isOfParameterType(input, p) {
				continue
			}
			if err := f.bindValue(b, p, input, cmd, true); err == nil {
				byValue, boundAny = true, true
			}
		}
		for _, p := range params {
			s := b.pipelineSet(p)
			if !s.ValueFromPipelineByPropertyName || b.isBound(p) {
				continue
			}
			v, ok := propertyFor(input, p)
			if !ok || (exact && !isOfParameterType(v, p)) {
				continue
			}
			if err := f.bindValue(b, p, v, cmd, true); err != nil {
				if exact {
					continue
				}
				return false, err
			}
			boundAny = true
		}
	}
	// Settle the set: the chosen one while it is still open, else the
	// first open one.
	b.set = b.candidates[0]
	if containsString(b.candidates, first) {
		b.set = first
	}
	b.candidates = append(b.candidates[:0], b.set)
	return boundAny, nil
}

// forgetPipelineInput unbinds what the previous pipeline object bound.
func (f *frame) forgetPipelineInput(b *binding) {
	for key := range b.fromPipe { // only true entries (bindValue)
		b.unbind(key)
	}
}

// pipelineCandidates lists, in declaration order, the parameters that take
// pipeline input in one of the open (candidate) sets.
func (b *binding) pipelineCandidates() []*Parameter {
	var out []*Parameter
	for _, p := range b.ci.Parameters {
		if s := b.pipelineSet(p); s.ValueFromPipeline || s.ValueFromPipelineByPropertyName {
			out = append(out, p)
		}
	}
	return out
}

// pipelineSet merges how p takes pipeline input in the open sets.
func (b *binding) pipelineSet(p *Parameter) ParameterSet {
	var merged ParameterSet
	for _, c := range b.candidates {
		if s, ok := p.setFor(c); ok {
			merged.ValueFromPipeline = merged.ValueFromPipeline || s.ValueFromPipeline
			merged.ValueFromPipelineByPropertyName = merged.ValueFromPipelineByPropertyName || s.ValueFromPipelineByPropertyName
		}
	}
	return merged
}

func (b *binding) isBound(p *Parameter) bool {
	_, bound := b.values[p.Name]
	return bound
}

// propertyFor reads the property of input that binds p by property name:
// its name or one of its aliases.
func propertyFor(input any, p *Parameter) (any, bool) {
	if v, ok := value.GetProperty(input, p.Name); ok {
		return v, true
	}
	for _, a := range p.Aliases {
		if v, ok := value.GetProperty(input, a); ok {
			return v, true
		}
	}
	return nil, false
}

// isOfParameterType reports whether v already is of p's type (or of its
// element type, for an array parameter), so that binding it needs no
// conversion. An untyped parameter takes anything as it is.
func isOfParameterType(v any, p *Parameter) bool {
	if p.Type == nil {
		return true
	}
	want := strings.TrimSuffix(p.Type.Name, "[]")
	if want == "System.Object" || want == "" {
		return true
	}
	if value.IsNull(v) {
		return false
	}
	for _, n := range value.TypeNames(v) {
		if strings.EqualFold(n, want) {
			return true
		}
	}
	return false
}

// takesPipelineInputIn reports whether any parameter of set accepts
// pipeline input.
func (b *binding) takesPipelineInputIn(set string) bool {
	for _, p := range b.ci.Parameters {
		if s, ok := p.setFor(set); ok && (s.ValueFromPipeline || s.ValueFromPipelineByPropertyName) {
			return true
		}
	}
	return false
}

// takesPipelineInput reports whether any parameter of the chosen set
// accepts pipeline input.
func (b *binding) takesPipelineInput() bool { return b.takesPipelineInputIn(b.set) }
