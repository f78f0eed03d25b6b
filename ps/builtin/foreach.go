package builtin

import (
	"fmt"
	"strings"

	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
	"github.com/keyhost/keyhost/ps/wildcard"
)

// forEachObject is ForEach-Object (aliases % and foreach): script blocks
// run for each input object with $_ set, in the caller's scope; or
// -MemberName, which reads a property or calls a method of each object.
func forEachObject() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                  "ForEach-Object",
		Module:                coreModule,
		ImplementingType:      "Microsoft.PowerShell.Commands.ForEachObjectCommand",
		Synopsis:              "Performs an operation against each item in a collection of input objects.",
		DefaultParameterSet:   "ScriptBlockSet",
		SupportsShouldProcess: true,
		ConfirmImpact:         eval.ImpactLow,
		Parameters: []*eval.Parameter{
			inputObject(-1),
			// Process takes any value: a bare word in its position is the
			// member name (% Name), as pwsh's binder decides by trying the
			// PropertyAndMethodSet when the value is not a script block.
			{Name: "Process", Sets: []eval.ParameterSet{{Name: "ScriptBlockSet", Mandatory: true, Position: 0}}},
			{Name: "Begin", Type: scriptBlockType, Sets: []eval.ParameterSet{{Name: "ScriptBlockSet", Position: -1}}},
			{Name: "End", Type: scriptBlockType, Sets: []eval.ParameterSet{{Name: "ScriptBlockSet", Position: -1}}},
			{Name: "RemainingScripts", Remaining: true, Sets: []eval.ParameterSet{{Name: "ScriptBlockSet", Position: -1}}},
			{Name: "MemberName", Type: eval.StringType, Sets: []eval.ParameterSet{{Name: "PropertyAndMethodSet", Mandatory: true, Position: 0}}},
			{Name: "ArgumentList", Aliases: []string{"Args"}, Remaining: true, Sets: []eval.ParameterSet{{Name: "PropertyAndMethodSet", Position: -1}}},
			{Name: "Parallel", Type: scriptBlockType, Sets: []eval.ParameterSet{{Name: "ParallelParameterSet", Mandatory: true, Position: -1}}},
			{Name: "ThrottleLimit", Type: eval.Int32Type, Sets: []eval.ParameterSet{{Name: "ParallelParameterSet", Position: -1}}},
		},
		New: func() eval.Processor { return &forEach{} },
	}
}

// forEach is one ForEach-Object invocation.
type forEach struct {
	// scripts are -Begin, -Process and -RemainingScripts in order; the
	// process blocks are scripts[start:end].
	scripts    []*eval.ScriptBlock
	start, end int
	endScript  *eval.ScriptBlock
	// member and args are the PropertyAndMethodSet's.
	member   string
	args     []any
	byMember bool
}

// scriptList turns a parameter value into script blocks; ok is false
// when it holds something else.
func scriptList(v any) ([]*eval.ScriptBlock, bool) {
	var out []*eval.ScriptBlock
	for _, it := range value.Enumerate(v) {
		if value.IsNull(it) {
			out = append(out, nil)
			continue
		}
		sb, ok := it.(*eval.ScriptBlock)
		if !ok {
			return nil, false
		}
		out = append(out, sb)
	}
	return out, true
}

func (p *forEach) Begin(c *eval.Call) error {
	switch c.ParameterSetName() {
	case "ParallelParameterSet":
		return c.ThrowTerminatingError(c.NewError(eval.NewException("System.NotSupportedException",
			"ForEach-Object -Parallel is not supported by keyhost: it runs scripts one at a time. Use -Process."), "ParallelNotSupported", eval.NotImplemented, nil))
	case "PropertyAndMethodSet":
		p.byMember = true
		p.member = c.String("MemberName")
		p.args = argumentList(c.Value("ArgumentList"))
		return nil
	}
	process, ok := scriptList(c.Value("Process"))
	if !ok {
		// % Name [args]: the member form.
		p.byMember = true
		p.member = c.String("Process")
		p.args = argumentList(c.Value("RemainingScripts"))
		return nil
	}
	if c.Has("Begin") {
		p.scripts = append(p.scripts, c.Value("Begin").(*eval.ScriptBlock))
	}
	p.scripts = append(p.scripts, process...)
	var rest []*eval.ScriptBlock
	if c.Has("RemainingScripts") {
		rest, ok = scriptList(c.Value("RemainingScripts"))
	}
	if !ok {
		return c.ThrowTerminatingError(c.NewError(eval.NewException("System.Management.Automation.ParameterBindingException",
			fmt.Sprintf("Cannot bind parameter 'RemainingScripts'. Cannot convert the \"%s\" value of type \"%s\" to type \"System.Management.Automation.ScriptBlock\".",
				value.ToString(c.Value("RemainingScripts")), value.TypeName(c.Value("RemainingScripts")))), "CannotConvertArgumentNoMessage", eval.InvalidArgument, nil))
	}
	p.scripts = append(p.scripts, rest...)
	// pwsh's rule: with several blocks the first is begin and, unless
	// -End was given, a third or later one is end.
	p.end = len(p.scripts)
	if len(p.scripts) > 1 {
		p.start = 1
	}
	if sb, ok := c.Value("End").(*eval.ScriptBlock); ok {
		p.endScript = sb
	} else if len(p.scripts) > 2 {
		p.end = len(p.scripts) - 1
		p.endScript = p.scripts[p.end]
	}
	if p.end >= 2 && p.scripts[0] != nil {
		return c.InvokeScriptTo(p.scripts[0], nil)
	}
	return nil
}

// argumentList flattens -ArgumentList (remaining arguments) into a list.
func argumentList(v any) []any {
	if value.IsNull(v) {
		return nil
	}
	return append([]any(nil), value.Enumerate(v)...)
}

func (p *forEach) Process(c *eval.Call) error {
	in, has := c.Input()
	if !has {
		if !c.Has("InputObject") {
			return nil
		}
		in = c.Value("InputObject")
	}
	if p.byMember {
		return p.member1(c, in)
	}
	for _, sb := range p.scripts[p.start:p.end] {
		if sb == nil {
			continue
		}
		if err := c.InvokeScriptTo(sb, in); err != nil {
			return err
		}
	}
	return nil
}

// member1 applies -MemberName to one object: a hashtable key, a property
// (wildcards allowed) or a method (always when arguments are given).
func (p *forEach) member1(c *eval.Call, in any) error {
	if value.IsNull(in) {
		if len(p.args) > 0 {
			return c.WriteError(c.NewError(argumentException("You cannot call a method on a null-valued expression."), "InvokeMethodOnNull", eval.InvalidArgument, in))
		}
		return c.WriteObject(nil)
	}
	if len(p.args) == 0 {
		if h, ok := in.(*value.Hashtable); ok {
			if v, ok := h.Get(p.member); ok {
				return c.WriteObjects(v)
			}
		}
		name := p.member
		if wildcard.HasWildcard(name) {
			var matches []string
			if o, ok := in.(value.Object); ok {
				for _, n := range o.PropertyNames() {
					if wildcard.Match(name, n, false) {
						matches = append(matches, n)
					}
				}
			}
			if len(matches) > 1 {
				return c.WriteError(c.NewError(argumentException(fmt.Sprintf("Input name \"%s\" is ambiguous. It can be resolved to multiple matched members. Possible matches include: %s.", name, strings.Join(matches, " "))),
					"AmbiguousPropertyOrMethodName", eval.InvalidArgument, in))
			}
			if len(matches) == 1 {
				name = matches[0]
			}
		}
		if v, ok := value.GetProperty(in, name); ok {
			return c.WriteObjects(v)
		}
	}
	out, err := c.InvokeMethod(in, p.member, p.args)
	if err != nil {
		if strings.Contains(err.Error(), "does not contain a method named") {
			if len(p.args) == 0 {
				// No such member: pwsh writes $null (an error in strict mode).
				return c.WriteObject(nil)
			}
			return c.WriteError(c.NewError(argumentException(fmt.Sprintf("Input name \"%s\" cannot be resolved to a method.", p.member)), "MethodNotFound", eval.InvalidArgument, in))
		}
		return c.WriteError(c.NewError(eval.NewException("System.Management.Automation.MethodInvocationException", err.Error()), "MethodInvocationError", eval.InvalidOperation, in))
	}
	return c.WriteObjects(out)
}

func (p *forEach) End(c *eval.Call) error {
	if p.endScript != nil {
		return c.InvokeScriptTo(p.endScript, nil)
	}
	return nil
}
