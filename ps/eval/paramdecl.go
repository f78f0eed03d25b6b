package eval

import (
	"strings"

	"github.com/keyhost/keyhost/ps/ast"
	"github.com/keyhost/keyhost/ps/value"
)

// parameters returns the block's declared parameters: param() or the
// function Name($a) form.
func (sb *ScriptBlock) parameters() []*ast.Parameter {
	if sb.Body.Param != nil {
		return sb.Body.Param.Params
	}
	return sb.Params
}

// paramNamed finds a declared parameter by name (any case).
func (sb *ScriptBlock) paramNamed(name string) *ast.Parameter {
	for _, p := range sb.parameters() {
		if strings.EqualFold(p.Name, name) {
			return p
		}
	}
	return nil
}

// isAdvanced reports whether the block is an advanced function: it has
// [CmdletBinding()] or a parameter with [Parameter()].
func (sb *ScriptBlock) isAdvanced() bool {
	for _, a := range sb.Body.Attributes {
		if strings.EqualFold(a.Name.Name, "CmdletBinding") {
			return true
		}
	}
	for _, p := range sb.parameters() {
		for _, a := range p.Attributes {
			if strings.EqualFold(a.Name.Name, "Parameter") {
				return true
			}
		}
	}
	return false
}

func isSwitchParam(p *ast.Parameter) bool {
	for _, t := range p.Types {
		n := strings.ToLower(t.Name)
		if n == "switch" || n == "system.management.automation.switchparameter" {
			return true
		}
	}
	return false
}

// scriptCommandInfo derives binding metadata from a script block's param
// block and attributes. Attribute arguments are constants, evaluated once.
func (f *frame) scriptCommandInfo(sb *ScriptBlock, name string) *CommandInfo {
	ci := &CommandInfo{Name: name, ImplementingType: name, ConfirmImpact: ImpactMedium, script: sb}
	if sb.module != nil {
		ci.Module = sb.module.Name
	}
	positional := true
	for _, a := range sb.Body.Attributes {
		switch strings.ToLower(a.Name.Name) {
		case "cmdletbinding":
			for _, na := range a.Named {
				v := f.attributeValue(na)
				switch strings.ToLower(na.Name) {
				case "supportsshouldprocess":
					ci.SupportsShouldProcess = value.ToBool(v)
				case "confirmimpact":
					ci.ConfirmImpact = confirmImpactOf(v)
				case "defaultparametersetname":
					ci.DefaultParameterSet = value.ToString(v)
				case "positionalbinding":
					positional = value.ToBool(v)
				}
			}
		case "outputtype":
			for _, e := range a.Positional {
				ci.OutputType = append(ci.OutputType, value.ToString(f.constant(e)))
			}
		}
	}
	declared := sb.parameters()
	anyPosition := false
	for _, p := range declared {
		for _, a := range p.Attributes {
			if strings.EqualFold(a.Name.Name, "Parameter") {
				for _, na := range a.Named {
					if strings.EqualFold(na.Name, "Position") {
						anyPosition = true
					}
				}
			}
		}
	}
	nextPos := 0
	for _, p := range declared {
		param := &Parameter{Name: p.Name, Switch: isSwitchParam(p)}
		if !param.Switch {
			param.Type = f.r.scriptParameterType(p.Types)
		}
		if p.Default != nil {
			param.Default = sb.src.textOf(p.Default)
		}
		var sets []ParameterSet
		for _, a := range p.Attributes {
			f.applyParameterAttribute(param, a, &sets)
		}
		if len(sets) == 0 {
			sets = []ParameterSet{{Name: AllParameterSets, Position: -1}}
		}
		// Without any explicit Position, parameters are positional in
		// declaration order (PositionalBinding); switches never are.
		if positional && !anyPosition && !param.Switch {
			for i := range sets {
				if sets[i].Position < 0 {
					sets[i].Position = nextPos
				}
			}
			nextPos++
		}
		param.Sets = sets
		ci.Parameters = append(ci.Parameters, param)
	}
	return ci
}

// applyParameterAttribute applies one attribute of a declared parameter.
func (f *frame) applyParameterAttribute(param *Parameter, a *ast.Attribute, sets *[]ParameterSet) {
	positional := func() []any {
		var out []any
		for _, e := range a.Positional {
			out = append(out, value.Enumerate(f.constant(e))...)
		}
		return out
	}
	ints := func() (int, int, bool) {
		args := positional()
		if len(args) != 2 {
			return 0, 0, false
		}
		lo, err1 := value.ToInt32(args[0])
		hi, err2 := value.ToInt32(args[1])
		return int(lo), int(hi), err1 == nil && err2 == nil
	}
	switch strings.ToLower(a.Name.Name) {
	case "parameter":
		s := f.parameterSetOf(a)
		*sets = append(*sets, s)
		for _, na := range a.Named {
			switch strings.ToLower(na.Name) {
			case "helpmessage":
				param.Help = value.ToString(f.attributeValue(na))
			case "valuefromremainingarguments":
				param.Remaining = value.ToBool(f.attributeValue(na))
			}
		}
	case "alias":
		for _, n := range positional() {
			param.Aliases = append(param.Aliases, value.ToString(n))
		}
	case "validateset":
		for _, n := range positional() {
			param.ValidateSet = append(param.ValidateSet, value.ToString(n))
		}
	case "validatenotnullorempty":
		param.NotNullOrEmpty = true
	case "validatenotnullorwhitespace":
		param.NotNullOrWhiteSpace = true
	case "validatenotnull":
		param.NotNull = true
	case "allownull":
		param.AllowNull = true
	case "allowemptystring":
		param.AllowEmptyString = true
	case "allowemptycollection":
		param.AllowEmptyCollection = true
	case "validaterange":
		var args []any
		for _, e := range a.Positional {
			args = append(args, f.constant(e))
		}
		if v := rangeValidator(args); v != nil {
			param.Validate = append(param.Validate, v)
		}
	case "validatepattern":
		args := positional()
		if len(args) >= 1 {
			cs := false
			for _, na := range a.Named {
				if strings.EqualFold(na.Name, "Options") {
					opts, _ := enumFlags(regexOptionsType, f.attributeValue(na))
					cs = opts&1 == 0
				}
			}
			param.Validate = append(param.Validate, patternValidator(value.ToString(args[0]), cs))
		}
	case "validatelength":
		if lo, hi, ok := ints(); ok {
			param.Validate = append(param.Validate, lengthValidator(lo, hi))
		}
	case "validatecount":
		if lo, hi, ok := ints(); ok {
			param.Validate = append(param.Validate, countValidator(lo, hi))
		}
	case "validatescript":
		if len(a.Positional) == 1 {
			if sbe, ok := a.Positional[0].(*ast.ScriptBlockExpr); ok {
				param.validateScripts = append(param.validateScripts, &ScriptBlock{Body: sbe.Body, Text: sbe.Text, src: f.src})
			}
		}
	}
}

// parameterSetOf reads a [Parameter(...)] attribute.
func (f *frame) parameterSetOf(a *ast.Attribute) ParameterSet {
	s := ParameterSet{Name: AllParameterSets, Position: -1}
	for _, na := range a.Named {
		v := f.attributeValue(na)
		switch strings.ToLower(na.Name) {
		case "mandatory":
			s.Mandatory = value.ToBool(v)
		case "position":
			if n, err := value.ToInt32(v); err == nil {
				s.Position = int(n)
			}
		case "valuefrompipeline":
			s.ValueFromPipeline = value.ToBool(v)
		case "valuefrompipelinebypropertyname":
			s.ValueFromPipelineByPropertyName = value.ToBool(v)
		case "parametersetname":
			s.Name = value.ToString(v)
		}
	}
	return s
}

// attributeValue evaluates a named attribute argument; the short form
// [Parameter(Mandatory)] means $true.
func (f *frame) attributeValue(na *ast.NamedArg) any {
	if na.Value == nil {
		return true
	}
	return f.constant(na.Value)
}

// constant evaluates an attribute argument, ignoring errors (attribute
// arguments are literals; a failure leaves the default).
func (f *frame) constant(e ast.Expr) any {
	v, err := f.eval(e)
	if err != nil {
		return nil
	}
	return v
}

// commandInfoFor returns the cached binding metadata of a script block.
func (sb *ScriptBlock) commandInfoFor(f *frame, name string) *CommandInfo {
	if sb.info == nil {
		sb.info = f.scriptCommandInfo(sb, name)
	}
	return sb.info
}

// bindScriptArguments binds arguments to a script's parameters: strictly,
// with common parameters, for advanced functions; leniently, with leftovers
// in $args, for simple ones.
func (f *frame) bindScriptArguments(ci *CommandInfo, cmd ast.Node, args []argument, expectInput, advanced bool) (*binding, []any, error) {
	params := ci.Parameters
	if advanced {
		params = allParameters(ci)
	}
	return f.bindArgs(ci, params, cmd, args, expectInput, !advanced)
}
