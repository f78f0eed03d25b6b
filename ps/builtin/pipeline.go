package builtin

import (
	"fmt"

	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
)

// pipelineCmdlets filter and transform pipeline objects.
var pipelineCmdlets = []func() *eval.CommandInfo{forEachObject, whereObject}

// scriptBlockType accepts only script blocks.
var scriptBlockType = &eval.Type{Name: "System.Management.Automation.ScriptBlock", Convert: func(v any) (any, error) {
	if sb, ok := v.(*eval.ScriptBlock); ok {
		return sb, nil
	}
	return nil, fmt.Errorf("Cannot convert the \"%s\" value of type \"%s\" to type \"System.Management.Automation.ScriptBlock\".", value.ToString(v), value.TypeName(v))
}}

// scriptBlockArrayType accepts one or more script blocks.
var scriptBlockArrayType = &eval.Type{Name: "System.Management.Automation.ScriptBlock[]", Convert: func(v any) (any, error) {
	items := value.Enumerate(v)
	out := make([]any, len(items))
	for i, it := range items {
		sb, err := scriptBlockType.Convert(it)
		if err != nil {
			return nil, err
		}
		out[i] = sb
	}
	return out, nil
}}

// forEachObject is ForEach-Object (aliases % and foreach): runs a script
// block for each input object with $_ set, in the caller's scope.
func forEachObject() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                "ForEach-Object",
		Module:              coreModule,
		ImplementingType:    "Microsoft.PowerShell.Commands.ForEachObjectCommand",
		Synopsis:            "Performs an operation against each item in a collection of input objects.",
		DefaultParameterSet: "ScriptBlockSet",
		Parameters: []*eval.Parameter{
			{Name: "InputObject", Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Position: -1, ValueFromPipeline: true}}},
			{Name: "Process", Type: scriptBlockArrayType, Remaining: true, Sets: []eval.ParameterSet{{Name: "ScriptBlockSet", Mandatory: true, Position: 0}}},
			{Name: "Begin", Type: scriptBlockType, Sets: []eval.ParameterSet{{Name: "ScriptBlockSet", Position: -1}}},
			{Name: "End", Type: scriptBlockType, Sets: []eval.ParameterSet{{Name: "ScriptBlockSet", Position: -1}}},
			{Name: "MemberName", Type: eval.StringType, Sets: []eval.ParameterSet{{Name: "PropertyAndMethodSet", Mandatory: true, Position: 0}}},
		},
		New: func() eval.Processor { return &forEach{} },
	}
}

type forEach struct {
	begin, process, end *eval.ScriptBlock
}

// blocks sorts out the positional script blocks: one is -Process; two are
// begin and process; three are begin, process and end.
func (p *forEach) blocks(c *eval.Call) {
	var list []*eval.ScriptBlock
	for _, v := range value.Enumerate(c.Value("Process")) {
		if sb, ok := v.(*eval.ScriptBlock); ok {
			list = append(list, sb)
		}
	}
	switch len(list) {
	case 1:
		p.process = list[0]
	case 2:
		p.begin, p.process = list[0], list[1]
	default:
		if len(list) >= 3 {
			p.begin, p.process, p.end = list[0], list[1], list[2]
		}
	}
	if sb, ok := c.Value("Begin").(*eval.ScriptBlock); ok {
		p.begin = sb
	}
	if sb, ok := c.Value("End").(*eval.ScriptBlock); ok {
		p.end = sb
	}
}

func (p *forEach) Begin(c *eval.Call) error {
	p.blocks(c)
	if p.begin != nil {
		return c.InvokeScriptTo(p.begin, nil)
	}
	return nil
}

func (p *forEach) Process(c *eval.Call) error {
	in, has := c.Input()
	if !has {
		in = c.Value("InputObject")
	}
	if c.ParameterSetName() == "PropertyAndMethodSet" {
		v, ok := value.GetProperty(in, c.String("MemberName"))
		if !ok {
			return nil
		}
		return c.WriteObjects(v)
	}
	if p.process == nil {
		return nil
	}
	return c.InvokeScriptTo(p.process, in)
}

func (p *forEach) End(c *eval.Call) error {
	if p.end != nil {
		return c.InvokeScriptTo(p.end, nil)
	}
	return nil
}

// whereObject is Where-Object (aliases ? and where) with a filter script.
func whereObject() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:             "Where-Object",
		Module:           coreModule,
		ImplementingType: "Microsoft.PowerShell.Commands.WhereObjectCommand",
		Synopsis:         "Selects objects from a collection based on their property values.",
		Parameters: []*eval.Parameter{
			{Name: "InputObject", Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Position: -1, ValueFromPipeline: true}}},
			{Name: "FilterScript", Type: scriptBlockType, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Mandatory: true, Position: 0}}},
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				in, has := c.Input()
				if !has {
					in = c.Value("InputObject")
				}
				sb := c.Value("FilterScript").(*eval.ScriptBlock)
				out, err := c.InvokeScript(sb, in)
				if err != nil {
					return err
				}
				if value.ToBool(listValue(out)) {
					return c.WriteObject(in)
				}
				return nil
			})
		},
	}
}

// listValue turns a script's collected output into one value.
func listValue(items []any) any {
	switch len(items) {
	case 0:
		return nil
	case 1:
		return items[0]
	}
	return items
}
