package eval

import (
	"strings"

	"github.com/keyhost/keyhost/ps/ast"
	"github.com/keyhost/keyhost/ps/value"
	"github.com/keyhost/keyhost/ps/wildcard"
)

// $PSDefaultParameterValues (about_Parameters_Default_Values): entries
// "CommandName:ParameterName" = value give cmdlets and advanced functions
// default values for parameters the command line leaves unbound. The
// command name may use wildcards ("*:Verbose", "Get-*:Server"); the
// parameter is named exactly or by an alias. A script block value is run
// and its result used, unless the parameter takes a script block. The
// entry "Disabled" = $true turns the feature off. Values bound this way
// count as bound ($PSBoundParameters shows them).

// applyDefaultParameterValues binds the matching entries of
// $PSDefaultParameterValues for b's unbound parameters.
func (f *frame) applyDefaultParameterValues(b *binding, cmd ast.Node) error {
	h, ok := f.preference("psdefaultparametervalues").(*value.Hashtable)
	if !ok || h.Len() == 0 {
		return nil
	}
	if d, ok := h.Get("Disabled"); ok && value.ToBool(d) {
		return nil
	}
	type choice struct {
		exact bool
		val   any
	}
	chosen := map[*Parameter]choice{}
	keys, vals := h.Keys(), h.Values()
	for i, k := range keys {
		pattern, paramName, ok := strings.Cut(value.ToString(k), ":")
		if !ok {
			continue
		}
		pattern, paramName = strings.TrimSpace(pattern), strings.TrimSpace(paramName)
		if !wildcard.Match(pattern, b.ci.Name, false) {
			continue
		}
		p := parameterNamed(b.params, paramName)
		if p == nil {
			continue
		}
		if _, bound := b.values[p.Name]; bound {
			continue
		}
		if !isCommonParameter(p) && len(p.Sets) > 0 && len(intersectSets(b.candidates, p)) == 0 {
			continue // not usable with the parameters already bound
		}
		exact := !wildcard.HasWildcard(pattern)
		if prev, seen := chosen[p]; seen && (prev.exact || !exact) {
			continue // an entry naming the command wins over a pattern
		}
		chosen[p] = choice{exact, vals[i]}
	}
	for _, p := range b.params {
		c, ok := chosen[p]
		if !ok {
			continue
		}
		val := c.val
		if sb, isBlock := val.(*ScriptBlock); isBlock && (p.Type == nil || p.Type.Name != "System.Management.Automation.ScriptBlock") {
			bound := value.NewHashtable()
			for _, n := range b.order {
				bound.Set(n, b.values[n])
			}
			out, err := f.invokeScriptBlock(sb, []any{bound})
			if err != nil {
				return err
			}
			val = unwrapOutput(out)
		}
		if p.Switch {
			val = value.ToBool(val)
		}
		if err := f.bindValue(b, p, val, cmd, false); err != nil {
			return err
		}
	}
	return nil
}

// parameterNamed finds a parameter by its name or an alias, exactly.
func parameterNamed(params []*Parameter, name string) *Parameter {
	for _, p := range params {
		if strings.EqualFold(p.Name, name) {
			return p
		}
	}
	for _, p := range params {
		for _, a := range p.Aliases {
			if strings.EqualFold(a, name) {
				return p
			}
		}
	}
	return nil
}

// unwrapOutput is a script block's output as a value: nothing is $null,
// one object itself, several an array.
func unwrapOutput(out []any) any {
	switch len(out) {
	case 0:
		return nil
	case 1:
		return out[0]
	}
	return out
}
