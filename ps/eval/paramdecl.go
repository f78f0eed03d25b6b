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
	ci := &CommandInfo{Name: name, ImplementingType: name, ConfirmImpact: ImpactMedium}
	for _, a := range sb.Body.Attributes {
		if !strings.EqualFold(a.Name.Name, "CmdletBinding") {
			continue
		}
		for _, na := range a.Named {
			v := f.attributeValue(na)
			switch strings.ToLower(na.Name) {
			case "supportsshouldprocess":
				ci.SupportsShouldProcess = value.ToBool(v)
			case "confirmimpact":
				ci.ConfirmImpact = confirmImpactOf(v)
			case "defaultparametersetname":
				ci.DefaultParameterSet = value.ToString(v)
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
			param.Type = f.r.parameterType(p.Types)
		}
		var sets []ParameterSet
		for _, a := range p.Attributes {
			switch strings.ToLower(a.Name.Name) {
			case "parameter":
				sets = append(sets, f.parameterSetOf(a))
			case "alias":
				for _, e := range a.Positional {
					for _, n := range value.Enumerate(f.constant(e)) {
						param.Aliases = append(param.Aliases, value.ToString(n))
					}
				}
			case "validateset":
				for _, e := range a.Positional {
					for _, n := range value.Enumerate(f.constant(e)) {
						param.ValidateSet = append(param.ValidateSet, value.ToString(n))
					}
				}
			case "validatenotnullorempty", "validatenotnull":
				param.NotNullOrEmpty = true
			}
		}
		if len(sets) == 0 {
			sets = []ParameterSet{{Name: AllParameterSets, Position: -1}}
		}
		// Without any explicit Position, parameters are positional in
		// declaration order (PositionalBinding); switches never are.
		if !anyPosition && !param.Switch {
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
