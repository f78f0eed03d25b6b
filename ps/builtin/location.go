package builtin

import (
	"fmt"
	"path"
	"strings"

	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
)

// getLocation is Get-Location (aliases gl, pwd): the current location as
// a PathInfo.
func getLocation() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:             "Get-Location",
		Module:           "Microsoft.PowerShell.Management",
		ImplementingType: "Microsoft.PowerShell.Commands.GetLocationCommand",
		Synopsis:         "Gets information about the current working location or a location stack.",
		OutputType:       []string{"System.Management.Automation.PathInfo"},
		Parameters: []*eval.Parameter{
			{Name: "PSProvider", Type: eval.StringArrayType},
			{Name: "PSDrive", Type: eval.StringArrayType},
			{Name: "Stack", Switch: true},
			{Name: "StackName", Type: eval.StringArrayType},
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				if c.Switch("Stack") {
					stack := locationStack(c)
					for i := len(stack) - 1; i >= 0; i-- {
						if err := c.WriteObject(pathInfo(stack[i])); err != nil {
							return err
						}
					}
					return nil
				}
				return c.WriteObject(pathInfo(c.Location()))
			})
		},
	}
}

// setLocation is Set-Location (aliases cd, sl, chdir); with no path it
// goes to the home folder, as pwsh 7 does.
func setLocation() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                "Set-Location",
		Module:              "Microsoft.PowerShell.Management",
		ImplementingType:    "Microsoft.PowerShell.Commands.SetLocationCommand",
		Synopsis:            "Sets the current working location to a specified location.",
		DefaultParameterSet: "Path",
		Parameters: []*eval.Parameter{
			{Name: "Path", Type: eval.StringType, Sets: []eval.ParameterSet{{Name: "Path", Position: 0, ValueFromPipeline: true, ValueFromPipelineByPropertyName: true}}},
			{Name: "LiteralPath", Aliases: []string{"PSPath", "LP"}, Type: eval.StringType, Sets: []eval.ParameterSet{{Name: "LiteralPath", Mandatory: true, Position: -1, ValueFromPipelineByPropertyName: true}}},
			{Name: "PassThru", Switch: true},
			{Name: "StackName", Type: eval.StringType, Sets: []eval.ParameterSet{{Name: "Stack", Position: -1, ValueFromPipelineByPropertyName: true}}},
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				p := c.String("Path")
				literal := c.Has("LiteralPath")
				if literal {
					p = c.String("LiteralPath")
				}
				if !c.Has("Path") && !literal {
					p = "~"
				}
				return changeLocation(c, p, literal, c.Switch("PassThru"))
			})
		},
	}
}

// changeLocation moves to a folder (the single match of a wildcard).
func changeLocation(c *eval.Call, p string, literal, passThru bool) error {
	matches := expandPath(c, p, literal)
	if len(matches) != 1 {
		return c.WriteError(itemNotFound(c, absPath(c, p)))
	}
	target := matches[0]
	fi, err := c.FS().Stat(target)
	if err != nil {
		return c.WriteError(itemNotFound(c, target))
	}
	if !fi.IsDir() {
		ex := eval.NewException("System.Management.Automation.PSArgumentException", fmt.Sprintf("Cannot set the location because path '%s' resolved to a provider item that is not a container.", target))
		return c.WriteError(c.NewError(ex, "SetLocationItemNotContainer", eval.InvalidArgument, target))
	}
	if err := c.SetLocation(target); err != nil {
		return c.WriteError(itemNotFound(c, target))
	}
	if passThru {
		return c.WriteObject(pathInfo(target))
	}
	return nil
}

// locationStackVariable holds Push-Location's stack (keyhost keeps it in
// a global variable: commands have no other session state of their own).
const locationStackVariable = "__KeyhostLocationStack"

// locationStack returns the pushed locations, oldest first.
func locationStack(c *eval.Call) []string {
	v, ok := c.Variable(locationStackVariable)
	if !ok {
		return nil
	}
	var out []string
	for _, it := range value.Enumerate(v) {
		if !value.IsNull(it) {
			out = append(out, value.ToString(it))
		}
	}
	return out
}

// pushLocation is Push-Location (alias pushd).
func pushLocation() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:             "Push-Location",
		Module:           "Microsoft.PowerShell.Management",
		ImplementingType: "Microsoft.PowerShell.Commands.PushLocationCommand",
		Synopsis:         "Adds the current location to the top of a location stack.",
		Parameters: []*eval.Parameter{
			{Name: "Path", Type: eval.StringType, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Position: 0, ValueFromPipeline: true, ValueFromPipelineByPropertyName: true}}},
			{Name: "LiteralPath", Aliases: []string{"PSPath", "LP"}, Type: eval.StringType},
			{Name: "PassThru", Switch: true},
			{Name: "StackName", Type: eval.StringType},
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				stack := append(locationStack(c), c.Location())
				items := make([]any, len(stack))
				for i, s := range stack {
					items[i] = s
				}
				c.SetGlobalVariable(locationStackVariable, items)
				if c.Has("Path") || c.Has("LiteralPath") {
					p, literal := c.String("Path"), c.Has("LiteralPath")
					if literal {
						p = c.String("LiteralPath")
					}
					return changeLocation(c, p, literal, c.Switch("PassThru"))
				}
				return nil
			})
		},
	}
}

// popLocation is Pop-Location (alias popd).
func popLocation() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:             "Pop-Location",
		Module:           "Microsoft.PowerShell.Management",
		ImplementingType: "Microsoft.PowerShell.Commands.PopLocationCommand",
		Synopsis:         "Changes the current location to the location most recently pushed onto the stack.",
		Parameters: []*eval.Parameter{
			{Name: "PassThru", Switch: true},
			{Name: "StackName", Type: eval.StringType},
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				stack := locationStack(c)
				if len(stack) == 0 {
					return nil
				}
				top := stack[len(stack)-1]
				items := make([]any, len(stack)-1)
				for i, s := range stack[:len(stack)-1] {
					items[i] = s
				}
				c.SetGlobalVariable(locationStackVariable, items)
				return changeLocation(c, top, true, c.Switch("PassThru"))
			})
		},
	}
}

// resolvePath is Resolve-Path (alias rvpa): existing paths, wildcards
// expanded, as PathInfo objects (strings with -Relative).
func resolvePath() *eval.CommandInfo {
	params := append(pathParams("Path", "LiteralPath", true),
		&eval.Parameter{Name: "Relative", Switch: true},
		&eval.Parameter{Name: "RelativeBasePath", Type: eval.StringType})
	return &eval.CommandInfo{
		Name:                "Resolve-Path",
		Module:              "Microsoft.PowerShell.Management",
		ImplementingType:    "Microsoft.PowerShell.Commands.ResolvePathCommand",
		Synopsis:            "Resolves the wildcard characters in a path, and displays the path contents.",
		DefaultParameterSet: "Path",
		Parameters:          params,
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				paths, literal, err := targetPaths(c)
				if err != nil {
					return err
				}
				for _, p := range paths {
					matches := expandPath(c, p, literal)
					existing := matches[:0:0]
					for _, m := range matches {
						if _, err := c.FS().Stat(m); err == nil {
							existing = append(existing, m)
						}
					}
					if len(existing) == 0 {
						if err := c.WriteError(itemNotFound(c, absPath(c, p))); err != nil {
							return err
						}
						continue
					}
					for _, m := range existing {
						if c.Switch("Relative") {
							base := c.Location()
							if c.Has("RelativeBasePath") {
								base = absPath(c, c.String("RelativeBasePath"))
							}
							if err := c.WriteObject(relativePath(base, m)); err != nil {
								return err
							}
							continue
						}
						if err := c.WriteObject(pathInfo(m)); err != nil {
							return err
						}
					}
				}
				return nil
			})
		},
	}
}

// relativePath is target relative to base, written as pwsh does
// (./child, ../sibling).
func relativePath(base, target string) string {
	if target == base {
		return "."
	}
	b := strings.Split(strings.Trim(base, "/"), "/")
	t := strings.Split(strings.Trim(target, "/"), "/")
	if base == "/" {
		b = nil
	}
	i := 0
	for i < len(b) && i < len(t) && b[i] == t[i] {
		i++
	}
	var parts []string
	for j := i; j < len(b); j++ {
		parts = append(parts, "..")
	}
	parts = append(parts, t[i:]...)
	rel := strings.Join(parts, "/")
	if !strings.HasPrefix(rel, "..") {
		rel = "./" + rel
	}
	return rel
}

// testPath is Test-Path: whether paths exist (of the kind -PathType asks
// for); wildcards are true when anything matches.
func testPath() *eval.CommandInfo {
	params := append(pathParams("Path", "LiteralPath", true),
		&eval.Parameter{Name: "PathType", Aliases: []string{"Type"}, Type: eval.StringType, ValidateSet: []string{"Any", "Container", "Leaf"}},
		&eval.Parameter{Name: "IsValid", Switch: true},
		&eval.Parameter{Name: "Filter", Type: eval.StringType},
		&eval.Parameter{Name: "Include", Type: eval.StringArrayType},
		&eval.Parameter{Name: "Exclude", Type: eval.StringArrayType},
		&eval.Parameter{Name: "OlderThan", Type: dateTimeType},
		&eval.Parameter{Name: "NewerThan", Type: dateTimeType},
	)
	// pwsh accepts $null and '' (answering $false).
	params[0].Type = &eval.Type{Name: "System.String[]", Convert: func(v any) (any, error) {
		if value.IsNull(v) {
			return []any{""}, nil
		}
		return eval.StringArrayType.Convert(v)
	}}
	return &eval.CommandInfo{
		Name:                "Test-Path",
		Module:              "Microsoft.PowerShell.Management",
		ImplementingType:    "Microsoft.PowerShell.Commands.TestPathCommand",
		Synopsis:            "Determines whether all elements of a path exist.",
		DefaultParameterSet: "Path",
		OutputType:          []string{"System.Boolean"},
		Parameters:          params,
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				paths, literal, err := targetPaths(c)
				if err != nil {
					return err
				}
				if len(paths) == 0 {
					return c.WriteObject(false)
				}
				for _, p := range paths {
					if err := c.WriteObject(pathExists(c, p, literal)); err != nil {
						return err
					}
				}
				return nil
			})
		},
	}
}

// pathExists answers Test-Path for one path.
func pathExists(c *eval.Call, p string, literal bool) bool {
	if strings.TrimSpace(p) == "" {
		return false
	}
	if c.Switch("IsValid") {
		return !strings.ContainsRune(p, 0)
	}
	if exists, handled := sessionPathExists(c, p); handled {
		return exists
	}
	kind := strings.ToLower(c.String("PathType"))
	for _, m := range expandPath(c, p, literal) {
		fi, err := c.FS().Stat(m)
		if err != nil {
			continue
		}
		if kind == "container" && !fi.IsDir() || kind == "leaf" && fi.IsDir() {
			continue
		}
		if c.Has("Filter") && !anyMatch([]string{c.String("Filter")}, fi.Name()) ||
			c.Has("Include") && !anyMatch(c.Strings("Include"), fi.Name()) || anyMatch(c.Strings("Exclude"), fi.Name()) {
			continue
		}
		mod := value.NewDateTime(fi.ModTime(), value.KindLocal)
		if d, ok := c.Value("OlderThan").(value.DateTime); ok && mod.Ticks() >= d.Ticks() {
			continue
		}
		if d, ok := c.Value("NewerThan").(value.DateTime); ok && mod.Ticks() <= d.Ticks() {
			continue
		}
		return true
	}
	return false
}

// joinPath is Join-Path: a path and child paths joined with one slash.
func joinPath() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:             "Join-Path",
		Module:           "Microsoft.PowerShell.Management",
		ImplementingType: "Microsoft.PowerShell.Commands.JoinPathCommand",
		Synopsis:         "Combines a path and a child path into a single path.",
		OutputType:       []string{"System.String"},
		Parameters: []*eval.Parameter{
			{Name: "Path", Aliases: []string{"PSPath"}, Type: eval.StringArrayType, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Mandatory: true, Position: 0, ValueFromPipeline: true, ValueFromPipelineByPropertyName: true}}},
			{Name: "ChildPath", Type: eval.StringType, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Position: 1, ValueFromPipelineByPropertyName: true}}},
			{Name: "AdditionalChildPath", Type: eval.StringArrayType, Remaining: true, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Position: 2}}},
			{Name: "Resolve", Switch: true},
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				children := append([]string{c.String("ChildPath")}, c.Strings("AdditionalChildPath")...)
				for _, p := range c.Strings("Path") {
					joined := normalizePath(c, p)
					for _, child := range children {
						joined = joinTwo(joined, normalizePath(c, child))
					}
					if !c.Switch("Resolve") {
						if err := c.WriteObject(joined); err != nil {
							return err
						}
						continue
					}
					matches := expandPath(c, joined, false)
					found := false
					for _, m := range matches {
						if _, err := c.FS().Stat(m); err == nil {
							found = true
							if err := c.WriteObject(m); err != nil {
								return err
							}
						}
					}
					if !found {
						if err := c.WriteError(itemNotFound(c, absPath(c, joined))); err != nil {
							return err
						}
					}
				}
				return nil
			})
		},
	}
}

// joinTwo joins a parent and a child with exactly one separator.
func joinTwo(parent, child string) string {
	if child == "" {
		if strings.HasSuffix(parent, "/") {
			return parent
		}
		return parent + "/"
	}
	if parent == "" {
		return child
	}
	return strings.TrimRight(parent, "/") + "/" + strings.TrimLeft(child, "/")
}

// splitPath is Split-Path: a part of a path (its parent by default).
func splitPath() *eval.CommandInfo {
	set := func(name string) []eval.ParameterSet {
		return []eval.ParameterSet{{Name: name, Mandatory: true, Position: -1}}
	}
	return &eval.CommandInfo{
		Name:                "Split-Path",
		Module:              "Microsoft.PowerShell.Management",
		ImplementingType:    "Microsoft.PowerShell.Commands.SplitPathCommand",
		Synopsis:            "Returns the specified part of a path.",
		DefaultParameterSet: "ParentSet",
		OutputType:          []string{"System.String"},
		Parameters: []*eval.Parameter{
			{Name: "Path", Type: eval.StringArrayType, Sets: []eval.ParameterSet{
				{Name: "ParentSet", Mandatory: true, Position: 0, ValueFromPipeline: true, ValueFromPipelineByPropertyName: true},
				{Name: "LeafSet", Mandatory: true, Position: 0, ValueFromPipeline: true, ValueFromPipelineByPropertyName: true},
				{Name: "LeafBaseSet", Mandatory: true, Position: 0, ValueFromPipeline: true, ValueFromPipelineByPropertyName: true},
				{Name: "ExtensionSet", Mandatory: true, Position: 0, ValueFromPipeline: true, ValueFromPipelineByPropertyName: true},
				{Name: "QualifierSet", Mandatory: true, Position: 0, ValueFromPipeline: true, ValueFromPipelineByPropertyName: true},
				{Name: "NoQualifierSet", Mandatory: true, Position: 0, ValueFromPipeline: true, ValueFromPipelineByPropertyName: true},
				{Name: "IsAbsoluteSet", Mandatory: true, Position: 0, ValueFromPipeline: true, ValueFromPipelineByPropertyName: true},
			}},
			{Name: "LiteralPath", Aliases: []string{"PSPath", "LP"}, Type: eval.StringArrayType, Sets: []eval.ParameterSet{{Name: "LiteralPathSet", Mandatory: true, Position: -1, ValueFromPipelineByPropertyName: true}}},
			{Name: "Parent", Switch: true, Sets: []eval.ParameterSet{{Name: "ParentSet", Position: -1}, {Name: "LiteralPathSet", Position: -1}}},
			{Name: "Leaf", Switch: true, Sets: set("LeafSet")},
			{Name: "LeafBase", Switch: true, Sets: set("LeafBaseSet")},
			{Name: "Extension", Switch: true, Sets: set("ExtensionSet")},
			{Name: "Qualifier", Switch: true, Sets: set("QualifierSet")},
			{Name: "NoQualifier", Switch: true, Sets: set("NoQualifierSet")},
			{Name: "IsAbsolute", Switch: true, Sets: set("IsAbsoluteSet")},
			{Name: "Resolve", Switch: true},
		},
		New: func() eval.Processor { return eval.ProcessFunc(splitPaths) },
	}
}

func splitPaths(c *eval.Call) error {
	paths, literal, err := targetPaths(c)
	if err != nil {
		return err
	}
	for _, p := range paths {
		targets := []string{p}
		if c.Switch("Resolve") {
			targets = expandPath(c, p, literal)
			if len(targets) == 0 {
				if err := c.WriteError(itemNotFound(c, absPath(c, p))); err != nil {
					return err
				}
				continue
			}
		}
		for _, t := range targets {
			out, err := splitOne(c, strings.ReplaceAll(t, `\`, "/"))
			if err != nil {
				return err
			}
			if out == nil {
				continue
			}
			if err := c.WriteObject(out); err != nil {
				return err
			}
		}
	}
	return nil
}

// splitOne returns the part of one path the parameter set asks for.
func splitOne(c *eval.Call, p string) (any, error) {
	trimmed := p
	if len(trimmed) > 1 {
		trimmed = strings.TrimRight(trimmed, "/")
	}
	leaf := trimmed
	if i := strings.LastIndexByte(trimmed, '/'); i >= 0 && trimmed != "/" {
		leaf = trimmed[i+1:]
	}
	switch c.ParameterSetName() {
	case "LeafSet":
		return leaf, nil
	case "LeafBaseSet":
		return baseName(leaf, false), nil
	case "ExtensionSet":
		return extension(leaf), nil
	case "IsAbsoluteSet":
		return strings.HasPrefix(p, "/") || strings.HasPrefix(p, "~"), nil
	case "NoQualifierSet":
		return p, nil
	case "QualifierSet":
		ex := eval.NewException("System.Management.Automation.ParameterBindingException", fmt.Sprintf("Cannot parse path because path '%s' does not have a qualifier specified.", p))
		return nil, c.WriteError(c.NewError(ex, "ParsePathQualifier", eval.InvalidArgument, p))
	}
	// The parent: everything before the last separator.
	if trimmed == "/" {
		return "", nil
	}
	i := strings.LastIndexByte(trimmed, '/')
	switch {
	case i < 0:
		return "", nil
	case i == 0:
		return "/", nil
	}
	return path.Clean(trimmed[:i]), nil
}
