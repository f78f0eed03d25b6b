package builtin

import (
	"fmt"
	"strings"

	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
)

// pathParams are -Path (wildcards, position 0, from the pipeline by
// property name) and -LiteralPath (aliases PSPath and LP), each in its
// own parameter set.
//
// keyhost's binder settles the parameter set before pipeline input
// arrives, while pwsh picks the LiteralPath set when a piped object
// binds through its PSPath property (Get-ChildItem | Get-Content). So
// -LiteralPath also belongs to the Path set, and a mandatory path is
// checked by targetPaths instead of the binder.
func pathParams(pathSet, literalSet string, mandatory bool) []*eval.Parameter {
	return []*eval.Parameter{
		{Name: "Path", Type: eval.StringArrayType, Wildcards: true, Sets: []eval.ParameterSet{{Name: pathSet, Position: 0, ValueFromPipelineByPropertyName: true}}},
		{Name: "LiteralPath", Aliases: []string{"PSPath", "LP"}, Type: eval.StringArrayType, Sets: []eval.ParameterSet{
			{Name: literalSet, Mandatory: true, Position: -1, ValueFromPipelineByPropertyName: true},
			{Name: pathSet, Position: -1, ValueFromPipelineByPropertyName: true}}},
	}
}

// optionalPath lists the commands whose -Path may be left out (the
// current location is meant).
var optionalPath = map[string]bool{"Get-ChildItem": true}

// targetPaths returns the paths a command works on: -Path expanded,
// or -LiteralPath as written; literal tells which. A command that needs
// a path and got none fails as pwsh's binder does.
func targetPaths(c *eval.Call) (paths []string, literal bool, err error) {
	switch {
	case c.Has("LiteralPath"):
		return c.Strings("LiteralPath"), true, nil
	case c.Has("Path"):
		return c.Strings("Path"), false, nil
	case optionalPath[c.Name()]:
		return nil, false, nil
	}
	ex := eval.NewException("System.Management.Automation.ParameterBindingException", "Cannot process command because of one or more missing mandatory parameters: Path.")
	return nil, false, c.ThrowTerminatingError(c.NewError(ex, "MissingMandatoryParameter", eval.InvalidArgument, nil))
}

// getContent is Get-Content (aliases gc, cat, type): a file's lines
// without their line breaks, or the whole text with -Raw.
func getContent() *eval.CommandInfo {
	params := append(pathParams("Path", "LiteralPath", true),
		&eval.Parameter{Name: "ReadCount", Type: int64Type},
		&eval.Parameter{Name: "TotalCount", Aliases: []string{"First", "Head"}, Type: int64Type},
		&eval.Parameter{Name: "Tail", Aliases: []string{"Last"}, Type: eval.Int32Type},
		&eval.Parameter{Name: "Raw", Switch: true},
		&eval.Parameter{Name: "Encoding", Type: encodingType},
		&eval.Parameter{Name: "Delimiter", Type: eval.StringType},
		&eval.Parameter{Name: "Force", Switch: true},
		&eval.Parameter{Name: "Filter", Type: eval.StringType},
		&eval.Parameter{Name: "Include", Type: eval.StringArrayType},
		&eval.Parameter{Name: "Exclude", Type: eval.StringArrayType},
		&eval.Parameter{Name: "Wait", Switch: true},
		&eval.Parameter{Name: "AsByteStream", Switch: true},
	)
	return &eval.CommandInfo{
		Name:                "Get-Content",
		Module:              "Microsoft.PowerShell.Management",
		ImplementingType:    "Microsoft.PowerShell.Commands.GetContentCommand",
		Synopsis:            "Gets the content of the item at the specified location.",
		DefaultParameterSet: "Path",
		OutputType:          []string{"System.Byte", "System.String"},
		Parameters:          params,
		New:                 func() eval.Processor { return eval.ProcessFunc(getContentProcess) },
	}
}

func getContentProcess(c *eval.Call) error {
	paths, literal, err := targetPaths(c)
	if err != nil {
		return err
	}
	for _, p := range paths {
		matches := expandPath(c, p, literal)
		if len(matches) == 0 {
			if err := c.WriteError(itemNotFound(c, absPath(c, p))); err != nil {
				return err
			}
			continue
		}
		for _, m := range matches {
			if err := readContent(c, m); err != nil {
				return err
			}
		}
	}
	return nil
}

// readContent writes one file's content.
func readContent(c *eval.Call, p string) error {
	fi, err := c.FS().Stat(p)
	if err != nil {
		return c.WriteError(itemNotFound(c, p))
	}
	if fi.IsDir() {
		ex := eval.NewException("System.UnauthorizedAccessException", fmt.Sprintf("Unable to get content because it is a directory: '%s'. Please use 'Get-ChildItem' instead.", p))
		return c.WriteError(c.NewError(ex, "GetContentReaderUnauthorizedAccessError", eval.PermissionDenied, p))
	}
	data, err := c.FS().ReadFile(p)
	if err != nil {
		return c.WriteError(ioError(c, err, p, "GetContentReaderIOError", eval.ReadError))
	}
	text := strings.TrimPrefix(string(data), "\uFEFF")
	if c.Switch("Raw") {
		if text == "" {
			return nil
		}
		return c.WriteObject(text)
	}
	lines := splitContent(text, c)
	if c.Has("TotalCount") {
		n, _ := value.ToInt64(c.Value("TotalCount"))
		if n >= 0 && int(n) < len(lines) {
			lines = lines[:n]
		}
	}
	if c.Has("Tail") {
		n, _ := value.ToInt32(c.Value("Tail"))
		if n >= 0 && int(n) < len(lines) {
			lines = lines[len(lines)-int(n):]
		}
	}
	readCount := int64(1)
	if c.Has("ReadCount") {
		readCount, _ = value.ToInt64(c.Value("ReadCount"))
	}
	if readCount == 1 || len(lines) == 0 {
		for _, l := range lines {
			if err := c.WriteObject(l); err != nil {
				return err
			}
		}
		return nil
	}
	// -ReadCount N sends arrays of N lines; 0 sends them all at once.
	if readCount <= 0 {
		readCount = int64(len(lines))
	}
	for i := 0; i < len(lines); i += int(readCount) {
		end := min(i+int(readCount), len(lines))
		chunk := make([]any, 0, end-i)
		for _, l := range lines[i:end] {
			chunk = append(chunk, l)
		}
		if err := c.WriteObject(chunk); err != nil {
			return err
		}
	}
	return nil
}

// splitContent splits text into lines at \n, \r\n or -Delimiter; a final
// line break does not make an empty last line.
func splitContent(text string, c *eval.Call) []string {
	if text == "" {
		return nil
	}
	if c.Has("Delimiter") {
		d := c.String("Delimiter")
		parts := strings.SplitAfter(text, d)
		if parts[len(parts)-1] == "" {
			parts = parts[:len(parts)-1]
		}
		return parts
	}
	text = strings.TrimSuffix(text, "\n")
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\r")
	}
	return lines
}

// setContent is Set-Content (alias sc) and, with append set, Add-Content
// (alias ac): each value's string form on its own line.
func setContent(name, class, synopsis string, appendTo bool) func() *eval.CommandInfo {
	return func() *eval.CommandInfo {
		params := append(pathParams("Path", "LiteralPath", true),
			&eval.Parameter{Name: "Value", Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Mandatory: true, Position: 1, ValueFromPipeline: true, ValueFromPipelineByPropertyName: true}}},
			&eval.Parameter{Name: "NoNewline", Switch: true},
			&eval.Parameter{Name: "PassThru", Switch: true},
			&eval.Parameter{Name: "Encoding", Type: encodingType},
			&eval.Parameter{Name: "Force", Switch: true},
			&eval.Parameter{Name: "Filter", Type: eval.StringType},
			&eval.Parameter{Name: "Include", Type: eval.StringArrayType},
			&eval.Parameter{Name: "Exclude", Type: eval.StringArrayType},
		)
		return &eval.CommandInfo{
			Name:                  name,
			Module:                "Microsoft.PowerShell.Management",
			ImplementingType:      class,
			Synopsis:              synopsis,
			DefaultParameterSet:   "Path",
			SupportsShouldProcess: true,
			ConfirmImpact:         eval.ImpactMedium,
			Parameters:            params,
			New:                   func() eval.Processor { return &contentWriter{appendTo: appendTo} },
		}
	}
}

var (
	setContentCmd = setContent("Set-Content", "Microsoft.PowerShell.Commands.SetContentCommand", "Writes new content or replaces existing content in a file.", false)
	addContentCmd = setContent("Add-Content", "Microsoft.PowerShell.Commands.AddContentCommand", "Adds content to the specified items, such as adding words to a file.", true)
)

// contentWriter collects the values and writes them at the end, as the
// first write truncates the file and later ones add to it.
type contentWriter struct {
	appendTo bool
	values   []any
	paths    []string
	literal  bool
}

func (w *contentWriter) Begin(*eval.Call) error { return nil }

func (w *contentWriter) Process(c *eval.Call) error {
	if w.paths == nil {
		var err error
		if w.paths, w.literal, err = targetPaths(c); err != nil {
			return err
		}
	}
	v := c.Value("Value")
	if _, piped := c.Input(); piped {
		w.values = append(w.values, v)
		return nil
	}
	w.values = append(w.values, value.Enumerate(v)...)
	return nil
}

func (w *contentWriter) End(c *eval.Call) error {
	var b strings.Builder
	for _, v := range w.values {
		if value.IsNull(v) {
			v = ""
		}
		for _, item := range value.Enumerate(v) {
			b.WriteString(value.ToString(item))
			if !c.Switch("NoNewline") {
				b.WriteByte('\n')
			}
		}
	}
	action := "Set Content"
	if w.appendTo {
		action = "Add Content"
	}
	for _, p := range w.paths {
		targets := expandPath(c, p, w.literal)
		if len(targets) == 0 {
			targets = []string{absPath(c, p)}
		}
		for _, t := range targets {
			if fi, err := c.FS().Stat(t); err == nil && fi.IsDir() {
				ex := eval.NewException("System.UnauthorizedAccessException", fmt.Sprintf("Access to the path '%s' is denied.", t))
				if err := c.WriteError(c.NewError(ex, "GetContentWriterUnauthorizedAccessError", eval.PermissionDenied, t)); err != nil {
					return err
				}
				continue
			}
			ok, err := c.ShouldProcess("Path: "+t, action)
			if err != nil {
				return err
			}
			if !ok {
				continue
			}
			if err := c.FS().WriteFile(t, encodeText(c, b.String()), w.appendTo); err != nil {
				if werr := c.WriteError(ioError(c, err, t, "GetContentWriterDirectoryNotFoundError", eval.ObjectNotFound)); werr != nil {
					return werr
				}
				continue
			}
			if c.Switch("PassThru") {
				for _, v := range w.values {
					if err := c.WriteObjects(v); err != nil {
						return err
					}
				}
			}
		}
	}
	return nil
}
