package builtin

import (
	"github.com/keyhost/keyhost/ps/eval"
)

// teeObject is Tee-Object (alias tee): passes its input on and also
// saves it in a file (formatted as Out-File does) or in a variable.
func teeObject() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                "Tee-Object",
		Module:              utilityModule,
		ImplementingType:    "Microsoft.PowerShell.Commands.TeeObjectCommand",
		Synopsis:            "Saves command output in a file or variable and also sends it down the pipeline.",
		DefaultParameterSet: "File",
		Parameters: []*eval.Parameter{
			inputObject(-1),
			{Name: "FilePath", Aliases: []string{"Path"}, Type: eval.StringType, Sets: []eval.ParameterSet{{Name: "File", Mandatory: true, Position: 0}}},
			{Name: "LiteralPath", Aliases: []string{"PSPath", "LP"}, Type: eval.StringType, Sets: []eval.ParameterSet{{Name: "LiteralFile", Mandatory: true, Position: -1}}},
			{Name: "Append", Switch: true, Sets: []eval.ParameterSet{{Name: "File", Position: -1}, {Name: "LiteralFile", Position: -1}}},
			{Name: "Encoding", Sets: []eval.ParameterSet{{Name: "File", Position: -1}, {Name: "LiteralFile", Position: -1}}},
			{Name: "Variable", Type: eval.StringType, Sets: []eval.ParameterSet{{Name: "Variable", Mandatory: true, Position: -1}}},
		},
		New: func() eval.Processor { return &tee{} },
	}
}

type tee struct {
	items []any
	text  *textSink
}

func (t *tee) Begin(c *eval.Call) error {
	if c.ParameterSetName() != "Variable" {
		t.text = newTextSink(c, 0, false)
	}
	return nil
}

func (t *tee) Process(c *eval.Call) error {
	in, has := c.Input()
	if !has {
		if !c.Has("InputObject") {
			return nil
		}
		in = c.Value("InputObject")
	}
	if t.text != nil {
		if err := t.text.write(in); err != nil {
			return err
		}
	} else {
		t.items = append(t.items, in)
	}
	return c.WriteObject(in)
}

func (t *tee) End(c *eval.Call) error {
	if t.text == nil {
		var v any
		switch len(t.items) {
		case 0:
		case 1:
			v = t.items[0]
		default:
			v = t.items
		}
		return c.SetVariable(c.String("Variable"), v)
	}
	path := c.String("FilePath")
	if c.Has("LiteralPath") {
		path = c.String("LiteralPath")
	}
	return writeTextFile(c, path, t.text.close(), c.Switch("Append"))
}
