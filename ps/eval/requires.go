package eval

import (
	"fmt"
	"path"
	"regexp"
	"strings"

	"github.com/keyhost/keyhost/ps/ast"
	"github.com/keyhost/keyhost/ps/parser"
	"github.com/keyhost/keyhost/ps/value"
)

// #Requires (about_Requires): the parser keeps #requires lines as comments,
// so the evaluator reads them from the script's text before running it.
// -Version and -PSEdition are checked against keyhost's pwsh 7.4; the
// modules of -Modules are imported (PowerCLI's are built in), and a module
// that cannot be found stops the script with pwsh's error.

// psVersion is the PowerShell version keyhost implements.
const psVersion = "7.4.6"

var requiresLine = regexp.MustCompile(`(?im)^[ \t]*#requires[ \t]+(.*)$`)

// requirement is one parsed #requires statement.
type requirement struct {
	version   string
	edition   []string
	modules   []any
	runAsRoot bool
}

// parseRequires reads the #requires lines of a script.
func (f *frame) parseRequires(src string) ([]requirement, error) {
	var out []requirement
	for _, m := range requiresLine.FindAllStringSubmatch(src, -1) {
		text := strings.TrimSpace(m[1])
		file, err := parser.ParseFile("", "Requires "+text)
		if err != nil || file.Body.EndBlock == nil || len(file.Body.EndBlock.Statements) != 1 {
			return nil, fmt.Errorf("invalid #requires statement")
		}
		pl, ok := file.Body.EndBlock.Statements[0].(*ast.Pipeline)
		if !ok || len(pl.Elements) != 1 {
			return nil, fmt.Errorf("invalid #requires statement")
		}
		cmd, ok := pl.Elements[0].(*ast.Command)
		if !ok {
			return nil, fmt.Errorf("invalid #requires statement")
		}
		var req requirement
		for i := 0; i < len(cmd.Args); i++ {
			p, ok := cmd.Args[i].(*ast.CommandParameter)
			if !ok {
				return nil, fmt.Errorf("invalid #requires statement")
			}
			name := strings.ToLower(p.Name)
			if name == "runasadministrator" {
				req.runAsRoot = true
				continue
			}
			var arg ast.Expr = p.Arg
			if arg == nil && i+1 < len(cmd.Args) {
				if e, ok := cmd.Args[i+1].(ast.Expr); ok {
					arg = e
					i++
				}
			}
			if arg == nil {
				return nil, fmt.Errorf("invalid #requires statement")
			}
			v, err := dataValue(arg)
			if err != nil {
				return nil, fmt.Errorf("invalid #requires statement")
			}
			switch {
			case strings.HasPrefix("version", name):
				req.version = value.ToString(v)
			case strings.HasPrefix("modules", name):
				req.modules = append(req.modules, value.Enumerate(v)...)
			case strings.HasPrefix("psedition", name):
				for _, e := range value.Enumerate(v) {
					req.edition = append(req.edition, value.ToString(e))
				}
			}
		}
		out = append(out, req)
	}
	return out, nil
}

// requiresError is the ScriptRequiresException for a script.
func (f *frame) requiresError(scriptPath, invocation, id, msg string, cat ErrorCategory) error {
	rec := NewErrorRecord(newExceptionOf("System.Management.Automation.ScriptRequiresException", msg), id, cat, path.Base(scriptPath))
	rec.Invocation = &InvocationInfo{ScriptName: "", InvocationName: invocation}
	return newRuntimeError(rec, true)
}

// checkRequires enforces a script's #requires statements before it runs.
func (f *frame) checkRequires(scriptPath, invocation, src string) error {
	if !strings.Contains(strings.ToLower(src), "#requires") {
		return nil
	}
	reqs, err := f.parseRequires(src)
	if err != nil {
		rec := NewErrorRecord(parseException("Cannot process the #requires statement because it is not in the correct format."), "ScriptRequiresInvalidFormat", ParserError, nil)
		rec.Invocation = &InvocationInfo{InvocationName: invocation}
		return newRuntimeError(rec, true)
	}
	name := path.Base(scriptPath)
	for _, req := range reqs {
		if req.version != "" {
			vs := req.version
			if !strings.Contains(vs, ".") {
				vs += ".0"
			}
			want, err := toVersion(vs)
			if err != nil {
				continue
			}
			have, _ := parseVersion(psVersion)
			if c, _ := have.CompareTo(want); c < 0 {
				return f.requiresError(scriptPath, invocation, "ScriptRequiresUnmatchedPSVersion",
					fmt.Sprintf("The script '%s' cannot be run because it contained a \"#requires\" statement for PowerShell %s. The version of PowerShell that is required by the script does not match the currently running version of PowerShell %s.", name, value.ToString(want), psVersion),
					ResourceUnavailable)
			}
		}
		if len(req.edition) > 0 {
			ok := false
			for _, e := range req.edition {
				if strings.EqualFold(e, "Core") {
					ok = true
				}
			}
			if !ok {
				return f.requiresError(scriptPath, invocation, "ScriptRequiresUnmatchedPSEdition",
					fmt.Sprintf("The script '%s' cannot be run because it contained a \"#requires\" statement for PowerShell editions '%s'. The edition of PowerShell that is required by the script does not match the currently running PowerShell Core edition.", name, strings.Join(req.edition, ",")),
					ResourceUnavailable)
			}
		}
		var missing []string
		for _, spec := range req.modules {
			modName := value.ToString(spec)
			if h, ok := spec.(*value.Hashtable); ok {
				v, _ := h.Get("ModuleName")
				modName = value.ToString(v)
			}
			m, err := f.r.loadModule(f, modName, false, nil, nil)
			if err != nil || m == nil {
				missing = append(missing, modName)
				continue
			}
			if m.importedInto == nil {
				m.importInto(f.r.global, ImportModuleOptions{})
			}
		}
		if len(missing) > 0 {
			return f.requiresError(scriptPath, invocation, "ScriptRequiresMissingModules",
				fmt.Sprintf("The script '%s' cannot be run because the following modules that are specified by the \"#requires\" statements of the script are missing: %s.", name, strings.Join(missing, ", ")),
				ResourceUnavailable)
		}
	}
	return nil
}
