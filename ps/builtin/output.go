package builtin

import (
	"strings"

	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
)

// outputCmdlets write to the output and message streams.
var outputCmdlets = []func() *eval.CommandInfo{
	writeOutput, writeHost, outNull, writeError, writeWarning, writeVerbose, writeDebug, writeInformation,
	outString, outDefault, outHost, outFile,
}

// writeOutput is Write-Output (alias echo): it writes its arguments to the
// success stream, enumerating collections unless -NoEnumerate.
func writeOutput() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:             "Write-Output",
		Module:           utilityModule,
		ImplementingType: "Microsoft.PowerShell.Commands.WriteOutputCommand",
		Synopsis:         "Writes the specified objects to the pipeline.",
		Parameters: []*eval.Parameter{
			{Name: "InputObject", Remaining: true, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Mandatory: true, Position: 0, ValueFromPipeline: true}}},
			{Name: "NoEnumerate", Switch: true},
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				v := c.Value("InputObject")
				if c.Switch("NoEnumerate") {
					return c.WriteObject(v)
				}
				return c.WriteObjects(v)
			})
		},
	}
}

// consoleColorType converts arguments to [ConsoleColor].
var consoleColorType = &eval.Type{Name: "System.ConsoleColor", Convert: func(v any) (any, error) {
	return eval.ParseConsoleColor(value.ToString(v))
}}

// writeHost is Write-Host: text straight to the host, with colours when
// the host is a terminal.
func writeHost() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:             "Write-Host",
		Module:           utilityModule,
		ImplementingType: "Microsoft.PowerShell.Commands.WriteHostCommand",
		Synopsis:         "Writes customized output to a host.",
		Parameters: []*eval.Parameter{
			{Name: "Object", Aliases: []string{"Msg", "Message"}, Remaining: true, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Position: 0, ValueFromPipeline: true}}},
			{Name: "NoNewline", Switch: true},
			{Name: "Separator", Type: eval.StringType},
			{Name: "ForegroundColor", Type: consoleColorType},
			{Name: "BackgroundColor", Type: consoleColorType},
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				sep := " "
				if c.Has("Separator") {
					sep = c.String("Separator")
				}
				text := hostText(c.Value("Object"), sep)
				fg, bg := eval.NoColor, eval.NoColor
				if v, ok := c.Value("ForegroundColor").(eval.ConsoleColor); ok {
					fg = v
				}
				if v, ok := c.Value("BackgroundColor").(eval.ConsoleColor); ok {
					bg = v
				}
				c.WriteHost(text, fg, bg, !c.Switch("NoNewline"))
				return nil
			})
		},
	}
}

// hostText renders Write-Host's object: collections joined by the
// separator, each element in its string form.
func hostText(v any, sep string) string {
	if !value.IsCollection(v) {
		return value.ToString(v)
	}
	items := value.Enumerate(v)
	parts := make([]string, len(items))
	for i, it := range items {
		parts[i] = hostText(it, sep)
	}
	return strings.Join(parts, sep)
}

// outNull is Out-Null: it discards its input.
func outNull() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:             "Out-Null",
		Module:           coreModule,
		ImplementingType: "Microsoft.PowerShell.Commands.OutNullCommand",
		Synopsis:         "Hides the output instead of sending it down the pipeline or displaying it.",
		Parameters:       []*eval.Parameter{{Name: "InputObject", Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Position: -1, ValueFromPipeline: true}}}},
		New:              func() eval.Processor { return eval.ProcessFunc(func(*eval.Call) error { return nil }) },
	}
}

// writeError is Write-Error: a non-terminating error from script code.
func writeError() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:     "Write-Error",
		Module:   utilityModule,
		Synopsis: "Writes an object to the error stream.",
		Parameters: []*eval.Parameter{
			{Name: "Message", Aliases: []string{"Msg"}, Type: eval.StringType, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Position: 0, ValueFromPipeline: true}}},
			{Name: "ErrorId", Type: eval.StringType},
			{Name: "TargetObject"},
			{Name: "Category", Type: eval.StringType},
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				id := "Microsoft.PowerShell.Commands.WriteErrorException"
				if c.Has("ErrorId") {
					id = c.String("ErrorId")
				}
				cat := eval.NotSpecified
				if c.Has("Category") {
					cat = eval.ErrorCategory(c.String("Category"))
				}
				ex := eval.NewException("Microsoft.PowerShell.Commands.WriteErrorException", c.String("Message"))
				rec := c.NewError(ex, id, cat, c.Value("TargetObject"))
				return c.WriteError(rec)
			})
		},
	}
}

// writeWarning is Write-Warning.
func writeWarning() *eval.CommandInfo {
	return messageCmdlet("Write-Warning", "Microsoft.PowerShell.Commands.WriteWarningCommand", "Writes a warning message.",
		func(c *eval.Call, msg string) error { return c.WriteWarning(msg) })
}

// writeVerbose is Write-Verbose.
func writeVerbose() *eval.CommandInfo {
	return messageCmdlet("Write-Verbose", "Microsoft.PowerShell.Commands.WriteVerboseCommand", "Writes text to the verbose message stream.",
		func(c *eval.Call, msg string) error { c.WriteVerbose(msg); return nil })
}

// writeDebug is Write-Debug: "DEBUG: ..." when -Debug or
// $DebugPreference asks for it.
func writeDebug() *eval.CommandInfo {
	return messageCmdlet("Write-Debug", "Microsoft.PowerShell.Commands.WriteDebugCommand", "Writes a debug message to the console.",
		func(c *eval.Call, msg string) error { return c.WriteDebug(msg) })
}

// writeInformation is Write-Information: a message on the information
// stream, shown when -InformationAction or $InformationPreference is
// Continue.
func writeInformation() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:             "Write-Information",
		Module:           utilityModule,
		ImplementingType: "Microsoft.PowerShell.Commands.WriteInformationCommand",
		Synopsis:         "Specifies how PowerShell handles information stream data for a command.",
		Parameters: []*eval.Parameter{
			{Name: "MessageData", Aliases: []string{"Msg", "Message"}, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Mandatory: true, Position: 0, ValueFromPipeline: true}}},
			{Name: "Tags", Type: eval.StringArrayType, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Position: 1}}},
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				return c.WriteInformation(hostText(c.Value("MessageData"), " "))
			})
		},
	}
}

// messageCmdlet builds a Write-* cmdlet that writes its -Message to one of
// the message streams.
func messageCmdlet(name, class, synopsis string, write func(*eval.Call, string) error) *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:             name,
		Module:           utilityModule,
		ImplementingType: class,
		Synopsis:         synopsis,
		Parameters: []*eval.Parameter{
			{Name: "Message", Aliases: []string{"Msg"}, Type: eval.StringType, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Mandatory: true, Position: 0, ValueFromPipeline: true}}},
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error { return write(c, c.String("Message")) })
		},
	}
}
