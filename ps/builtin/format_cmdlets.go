package builtin

import (
	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/format"
	"github.com/keyhost/keyhost/ps/value"
)

// formatCmdlets are PowerShell's cmdlets for formatting: Format-Table,
// Format-List, Format-Wide (Out-String, Out-Default and Out-File are with
// the output cmdlets). They write format records, which Out-Default,
// Out-String and Out-File lay out, so `... | Format-Table | Out-String`
// works as in pwsh.
var formatCmdlets = []func() *eval.CommandInfo{formatTable, formatList, formatWide}

// formatParams are the parameters the Format-* cmdlets share.
func formatParams(extra ...*eval.Parameter) []*eval.Parameter {
	params := []*eval.Parameter{
		inputObject(-1),
		{Name: "Property", Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Position: 0}}},
		{Name: "GroupBy"},
		{Name: "View", Type: eval.StringType},
		{Name: "ShowError", Switch: true},
		{Name: "DisplayError", Switch: true},
		{Name: "Force", Switch: true},
		{Name: "Expand", Type: eval.StringType, ValidateSet: []string{"CoreOnly", "EnumOnly", "Both"}},
	}
	return append(params, extra...)
}

// formatTable is Format-Table (alias ft).
func formatTable() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:             "Format-Table",
		Module:           utilityModule,
		ImplementingType: "Microsoft.PowerShell.Commands.FormatTableCommand",
		Synopsis:         "Formats the output as a table.",
		Parameters: formatParams(
			&eval.Parameter{Name: "AutoSize", Switch: true},
			&eval.Parameter{Name: "RepeatHeader", Switch: true},
			&eval.Parameter{Name: "HideTableHeaders", Switch: true},
			&eval.Parameter{Name: "Wrap", Switch: true},
		),
		New: func() eval.Processor { return &formatter{shape: format.ShapeTable} },
	}
}

// formatList is Format-List (alias fl).
func formatList() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:             "Format-List",
		Module:           utilityModule,
		ImplementingType: "Microsoft.PowerShell.Commands.FormatListCommand",
		Synopsis:         "Formats the output as a list of properties in which each property appears on a new line.",
		Parameters:       formatParams(),
		New:              func() eval.Processor { return &formatter{shape: format.ShapeList} },
	}
}

// formatWide is Format-Wide (alias fw).
func formatWide() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:             "Format-Wide",
		Module:           utilityModule,
		ImplementingType: "Microsoft.PowerShell.Commands.FormatWideCommand",
		Synopsis:         "Formats objects as a wide table that displays only one property of each object.",
		Parameters: formatParams(
			&eval.Parameter{Name: "AutoSize", Switch: true},
			&eval.Parameter{Name: "Column", Type: eval.Int32Type, Validate: validateRange(1, maxInt32)},
		),
		New: func() eval.Processor { return &formatter{shape: format.ShapeWide} },
	}
}

// formatter is one Format-* invocation.
type formatter struct {
	shape format.Shape
	f     *format.Formatter
}

func (p *formatter) Begin(c *eval.Call) error {
	spec := format.Spec{Shape: p.shape, AutoSize: c.Switch("AutoSize"), Wrap: c.Switch("Wrap"),
		HideHeaders: c.Switch("HideTableHeaders"), Force: c.Switch("Force"), EnumerationLimit: *enumerationLimit(c)}
	if c.Has("AutoSize") && c.Has("Column") {
		ex := argumentException("Cmdlet parameters AutoSize and Column are mutually exclusive.")
		return c.ThrowTerminatingError(c.NewError(ex, "FormatCannotSpecifyAutosizeAndColumns", eval.InvalidArgument, nil))
	}
	if c.Has("Column") {
		n, _ := value.ToInt32(c.Value("Column"))
		spec.WideColumns = int(n)
	}
	keys := []propKey{keyLabel, keyExpression, keyFormatString, keyWidth, keyAlignment}
	switch p.shape {
	case format.ShapeList:
		keys = []propKey{keyLabel, keyExpression, keyFormatString}
	case format.ShapeWide:
		keys = []propKey{keyExpression, keyFormatString}
	}
	if c.Has("Property") {
		props, err := parseProps(c, c.Value("Property"), keys...)
		if err != nil {
			return err
		}
		for _, pa := range props {
			spec.Fields = append(spec.Fields, fieldOf(c, pa))
		}
	}
	if c.Has("GroupBy") {
		props, err := parseProps(c, c.Value("GroupBy"), keyLabel, keyExpression, keyFormatString)
		if err != nil {
			return err
		}
		if len(props) > 0 {
			f := fieldOf(c, props[0])
			spec.GroupBy = &f
		}
	}
	p.f = format.NewFormatter(c.Formats(), spec)
	return nil
}

// fieldOf turns a property argument into a format field.
func fieldOf(c *eval.Call, pa propArg) format.Field {
	f := format.Field{Name: pa.name, Label: pa.label, Width: pa.width}
	if pa.script != nil {
		sb := pa.script
		f.Name = sb.String() // untrimmed, as ScriptBlock.ToString() is
		f.Expr = func(obj any) (any, error) {
			out, err := c.InvokeScript(sb, obj)
			return scriptValue(out), err
		}
	} else if pa.hasLabel {
		name := pa.name
		f.Expr = func(obj any) (any, error) {
			v, _ := objectProperty(obj, name)
			return v, nil
		}
	}
	switch pa.align {
	case "left":
		f.Align, f.HasAlign = format.Left, true
	case "right":
		f.Align, f.HasAlign = format.Right, true
	case "center":
		f.Align, f.HasAlign = format.Center, true
	}
	if pa.formatString != "" {
		spec := pa.formatString
		f.Format = func(v any) (string, error) { return formatWith(v, spec) }
	}
	return f
}

// formatWith applies a .NET format string to a value (FormatString).
func formatWith(v any, spec string) (string, error) {
	switch x := v.(type) {
	case value.DateTime:
		return x.FormatCurrent(spec)
	case value.TimeSpan:
		return x.Format(spec)
	}
	if value.IsNumber(v) {
		return eval.FormatNumber(v, spec), nil
	}
	return format.DisplayText(v), nil
}

func (p *formatter) Process(c *eval.Call) error {
	in, has := c.Input()
	if !has {
		if !c.Has("InputObject") {
			return nil
		}
		in = c.Value("InputObject")
	}
	return p.f.Format(in, c.WriteObject)
}

func (p *formatter) End(c *eval.Call) error { return p.f.End(c.WriteObject) }
