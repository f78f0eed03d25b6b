package eval

import (
	"strings"

	"github.com/keyhost/keyhost/ps/value"
)

// $ExecutionContext: the parts scripts use, SessionState.Path and
// InvokeCommand.ExpandString/InvokeScript/NewScriptBlock.

// executionContext is $ExecutionContext.
type executionContext struct{ r *Runner }

// TypeNames implements value.Object.
func (e *executionContext) TypeNames() []string {
	return []string{"System.Management.Automation.EngineIntrinsics", "System.Object"}
}

// Property implements value.Object.
func (e *executionContext) Property(name string) (any, bool) {
	switch strings.ToLower(name) {
	case "host":
		return &hostObject{r: e.r}, true
	case "sessionstate":
		ss := value.NewPSObject("System.Management.Automation.SessionState")
		loc := value.NewPSObject("System.Management.Automation.PathIntrinsics")
		r := e.r
		loc.Methods = map[string]func([]any) (any, error){
			"getunresolvedproviderpathfrompspath": func(args []any) (any, error) {
				if len(args) != 1 {
					return nil, nil
				}
				return r.absPath(value.ToString(args[0])), nil
			},
		}
		loc.Add("CurrentLocation", r.location).Add("CurrentFileSystemLocation", r.location)
		ss.Add("Path", loc).Add("LanguageMode", "FullLanguage")
		return ss, true
	case "invokecommand":
		return &invokeCommand{r: e.r}, true
	}
	return nil, false
}

// PropertyNames implements value.Object.
func (e *executionContext) PropertyNames() []string {
	return []string{"Host", "Events", "InvokeProvider", "SessionState", "InvokeCommand"}
}

// invokeCommand is $ExecutionContext.InvokeCommand.
type invokeCommand struct{ r *Runner }

// TypeNames implements value.Object.
func (i *invokeCommand) TypeNames() []string {
	return []string{"System.Management.Automation.CommandInvocationIntrinsics", "System.Object"}
}

// Property implements value.Object.
func (i *invokeCommand) Property(string) (any, bool) { return nil, false }

// PropertyNames implements value.Object.
func (i *invokeCommand) PropertyNames() []string { return nil }

// callMethodIn implements ExpandString, NewScriptBlock and InvokeScript.
func (i *invokeCommand) callMethodIn(f *frame, name string, args []any) (any, bool, error) {
	if len(args) < 1 {
		return nil, false, nil
	}
	text := value.ToString(args[0])
	switch strings.ToLower(name) {
	case "expandstring":
		sb, err := f.r.compileScriptBlock("\"" + strings.ReplaceAll(text, "\"", "`\"") + "\"")
		if err != nil {
			return nil, true, err
		}
		out, err := f.collectList(func(e emitter) error { return f.invokeBlockInScope(sb, nil, nil, e) })
		if err != nil {
			return nil, true, err
		}
		return value.ToString(listValue(out)), true, nil
	case "newscriptblock":
		sb, err := f.r.compileScriptBlock(text)
		return sb, true, err
	case "invokescript":
		sb, err := f.r.compileScriptBlock(text)
		if err != nil {
			return nil, true, err
		}
		out, err := f.invokeScriptBlock(sb, args[1:])
		if out == nil {
			out = []any{}
		}
		return out, true, err
	}
	return nil, false, nil
}
