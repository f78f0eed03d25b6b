package builtin

import (
	"fmt"
	"strings"

	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/format"
	"github.com/keyhost/keyhost/ps/value"
)

// outString is Out-String: the formatted text of its input as one string
// (with the blank lines around tables and lists, as pwsh), or one string
// per line with -Stream.
func outString() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                "Out-String",
		Module:              utilityModule,
		ImplementingType:    "Microsoft.PowerShell.Commands.OutStringCommand",
		Synopsis:            "Outputs input objects as a string.",
		DefaultParameterSet: "NoNewLineFormatting",
		OutputType:          []string{"System.String"},
		Parameters: []*eval.Parameter{
			inputObject(-1),
			{Name: "Stream", Switch: true, Sets: []eval.ParameterSet{{Name: "StreamFormatting", Mandatory: true, Position: -1}}},
			{Name: "NoNewline", Switch: true, Sets: []eval.ParameterSet{{Name: "NoNewLineFormatting", Position: -1}}},
			{Name: "Width", Type: eval.Int32Type, Validate: validateRange(2, maxInt32)},
		},
		New: func() eval.Processor { return &outStr{} },
	}
}

type outStr struct{ sink *textSink }

func (o *outStr) Begin(c *eval.Call) error {
	width := 0
	if c.Has("Width") {
		n, _ := value.ToInt32(c.Value("Width"))
		width = int(n)
	}
	o.sink = newTextSink(c, width, width == 0)
	if c.Switch("Stream") {
		o.sink.stream = func(line string) error { return c.WriteObject(line) }
	}
	return nil
}

func (o *outStr) Process(c *eval.Call) error {
	in, has := c.Input()
	if !has {
		if !c.Has("InputObject") {
			return nil
		}
		in = c.Value("InputObject")
	}
	return o.sink.write(in)
}

func (o *outStr) End(c *eval.Call) error {
	if c.Switch("Stream") {
		o.sink.closeLines()
		return nil
	}
	if c.Switch("NoNewline") {
		return c.WriteObject(strings.Join(o.sink.closeLines(), ""))
	}
	return c.WriteObject(o.sink.close())
}

// hostOutput is Out-Default and Out-Host: their input formatted to the
// console, ending its tables and lists at the end of the command.
func hostOutput(name, class, synopsis string) *eval.CommandInfo {
	params := []*eval.Parameter{inputObject(-1)}
	if name == "Out-Default" {
		params = append(params, &eval.Parameter{Name: "Transcript", Switch: true})
	} else {
		params = append(params, &eval.Parameter{Name: "Paging", Switch: true})
	}
	return &eval.CommandInfo{
		Name:             name,
		Module:           coreModule,
		ImplementingType: class,
		Synopsis:         synopsis,
		Parameters:       params,
		New:              func() eval.Processor { return &hostOut{} },
	}
}

// outDefault is Out-Default.
func outDefault() *eval.CommandInfo {
	return hostOutput("Out-Default", "Microsoft.PowerShell.Commands.OutDefaultCommand", "Sends the output to the default formatter and to the default output cmdlet.")
}

// outHost is Out-Host (alias oh).
func outHost() *eval.CommandInfo {
	return hostOutput("Out-Host", "Microsoft.PowerShell.Commands.OutHostCommand", "Sends output to the command line.")
}

type hostOut struct{ w *format.Writer }

func (o *hostOut) Begin(c *eval.Call) error {
	o.w = format.NewWriterOptions(c.HostWriter(), c.Formats(), format.Options{EnumerationLimit: enumerationLimit(c)})
	return nil
}

func (o *hostOut) Process(c *eval.Call) error {
	in, has := c.Input()
	if !has {
		if !c.Has("InputObject") {
			return nil
		}
		in = c.Value("InputObject")
	}
	// Write to the host as it is now (other output may have come first).
	_ = c.HostWriter()
	return o.w.Write(in)
}

func (o *hostOut) End(c *eval.Call) error {
	_ = c.HostWriter()
	o.w.Flush()
	return o.w.Err()
}

// encodingType accepts the -Encoding names pwsh knows; keyhost writes
// UTF-8 (with a BOM for utf8BOM) whatever is asked.
var encodingType = &eval.Type{Name: "System.Text.Encoding", Convert: func(v any) (any, error) {
	name := strings.ToLower(value.ToString(v))
	switch name {
	case "ascii", "bigendianunicode", "bigendianutf32", "oem", "unicode", "utf7", "utf8", "utf8bom", "utf8nobom", "utf32", "default", "byte", "string", "ansi", "latin1":
		return name, nil
	}
	if _, err := value.ToInt32(v); err == nil && value.IsNumber(v) {
		return name, nil
	}
	return nil, fmt.Errorf("Cannot convert value \"%s\" to type \"System.Text.Encoding\". Error: \"'%s' is not a supported encoding name.\"", value.ToString(v), value.ToString(v))
}}

// encodeText applies -Encoding: a byte order mark for utf8BOM.
func encodeText(c *eval.Call, text string) []byte {
	if c.String("Encoding") == "utf8bom" {
		return append([]byte{0xEF, 0xBB, 0xBF}, text...)
	}
	return []byte(text)
}

// outFile is Out-File: its input formatted as the console shows it,
// written to a file.
func outFile() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                  "Out-File",
		Module:                utilityModule,
		ImplementingType:      "Microsoft.PowerShell.Commands.OutFileCommand",
		Synopsis:              "Sends output to a file.",
		DefaultParameterSet:   "ByPath",
		SupportsShouldProcess: true,
		ConfirmImpact:         eval.ImpactMedium,
		Parameters: []*eval.Parameter{
			{Name: "FilePath", Aliases: []string{"Path"}, Type: eval.StringType, Sets: []eval.ParameterSet{{Name: "ByPath", Mandatory: true, Position: 0}}},
			{Name: "LiteralPath", Aliases: []string{"PSPath", "LP"}, Type: eval.StringType, Sets: []eval.ParameterSet{{Name: "ByLiteralPath", Mandatory: true, Position: -1}}},
			{Name: "Encoding", Type: encodingType, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Position: 1}}},
			{Name: "Append", Switch: true},
			{Name: "Force", Switch: true},
			{Name: "NoClobber", Aliases: []string{"NoOverwrite"}, Switch: true},
			{Name: "Width", Type: eval.Int32Type, Validate: validateRange(2, maxInt32)},
			{Name: "NoNewline", Switch: true},
			inputObject(-1),
		},
		New: func() eval.Processor { return &outF{} },
	}
}

type outF struct{ sink *textSink }

func (o *outF) Begin(c *eval.Call) error {
	width := 0
	if c.Has("Width") {
		n, _ := value.ToInt32(c.Value("Width"))
		width = int(n)
	}
	o.sink = newTextSink(c, width, false)
	return nil
}

func (o *outF) Process(c *eval.Call) error {
	in, has := c.Input()
	if !has {
		if !c.Has("InputObject") {
			return nil
		}
		in = c.Value("InputObject")
	}
	return o.sink.write(in)
}

func (o *outF) End(c *eval.Call) error {
	path := c.String("FilePath")
	if c.Has("LiteralPath") {
		path = c.String("LiteralPath")
	}
	var text string
	if c.Switch("NoNewline") {
		text = strings.Join(o.sink.closeLines(), "")
	} else {
		text = o.sink.close()
	}
	if c.Switch("NoClobber") && !c.Switch("Append") {
		if _, err := c.FS().Stat(c.ResolvePath(path)); err == nil {
			msg := fmt.Sprintf("The file '%s' already exists.", c.ResolvePath(path))
			return c.ThrowTerminatingError(c.NewError(eval.NewException("System.IO.IOException", msg), "NoClobber", eval.ResourceExists, c.ResolvePath(path)))
		}
	}
	if ok, err := c.ShouldProcess(c.ResolvePath(path), "Output to File"); err != nil || !ok {
		return err
	}
	return writeTextFile(c, path, string(encodeText(c, text)), c.Switch("Append"))
}
