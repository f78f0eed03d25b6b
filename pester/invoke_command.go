package pester

import (
	"fmt"
	"io"
	"strings"

	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
)

// Invoke-Pester in a script: the simple parameter set (-Path, -TagFilter,
// -ExcludeTagFilter, -FullNameFilter, -CI, -Output, -PassThru), the
// advanced one (-Configuration) and the v4 legacy switches. Every test
// file runs in the calling session, as in pwsh. $LASTEXITCODE is set to
// the number of failures; -CI (Run.Exit) ends the script with it.

// invokePesterCommand is Invoke-Pester.
func (p *Plugin) invokePesterCommand() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:     "Invoke-Pester",
		Synopsis: "Runs Pester tests.",
		Parameters: []*eval.Parameter{
			{Name: "Path", Aliases: []string{"Script"}, Type: eval.StringArrayType, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Position: 0}}},
			named("ExcludePath", eval.StringArrayType),
			named("TagFilter", eval.StringArrayType, "Tag", "Tags"),
			named("ExcludeTagFilter", eval.StringArrayType, "ExcludeTag"),
			named("FullNameFilter", eval.StringArrayType, "FullName"),
			switchParam("CI"),
			{Name: "Output", Type: eval.StringType, ValidateSet: []string{"Diagnostic", "Detailed", "Normal", "Minimal", "None"}},
			switchParam("PassThru"),
			named("Container", objectArrayType),
			named("Configuration", nil),
			switchParam("EnableExit"),
			named("OutputFile", eval.StringType),
			named("OutputFormat", eval.StringType),
			switchParam("Quiet"),
			named("Show", eval.StringType),
			switchParam("Strict"),
		},
		New: func() eval.Processor { return eval.ProcessFunc(p.invokePester) },
	}
}

// invokePester implements Invoke-Pester.
func (p *Plugin) invokePester(c *eval.Call) error {
	cfg, err := configFromCall(c)
	if err != nil {
		return throwf(c, err.Error())
	}
	cfg.Getenv = c.Getenv
	if cfg.RenderMode == "Auto" || cfg.RenderMode == "ConsoleColor" {
		cfg.Color = c.HostColor()
	}
	inv := &invocation{
		cfg:       cfg,
		files:     Files{FS: c.FS(), Cwd: c.Location()},
		open:      func(string) (Session, error) { return callSession{c: c, p: p}, nil },
		w:         func() io.Writer { return c.HostWriter() },
		stackBase: c.StackDepth(),
	}
	res, err := inv.run(c.Context())
	if ctxErr := c.Context().Err(); ctxErr != nil {
		return ctxErr
	}
	failures := 0
	if err != nil {
		if cfg.Throw {
			return throwf(c, err.Error())
		}
		out := &output{cfg: cfg, w: inv.w, color: cfg.Color}
		out.emit("System.Management.Automation.RuntimeException: "+err.Error(), colorRed, true)
		if cfg.Exit {
			return &eval.ExitError{Code: -1}
		}
	} else {
		failures = res.FailureCount()
		if cfg.PassThru {
			r := &runState{cfg: cfg}
			if err := c.WriteObject(res.object(r)); err != nil {
				return err
			}
		}
	}
	c.SetGlobalVariable("LASTEXITCODE", int32(failures))
	if cfg.Throw && failures > 0 {
		var parts []string
		plural := func(n int, what string) {
			if n > 0 {
				s := fmt.Sprintf("%d %s", n, what)
				if n > 1 {
					s += "s"
				}
				parts = append(parts, s+" failed")
			}
		}
		plural(res.FailedCount, "test")
		plural(len(res.FailedBlocks), "block")
		plural(len(res.FailedContainers), "container")
		return throwf(c, "Pester run failed, because "+joinAnd(parts, 2))
	}
	if cfg.Exit && failures > 0 {
		return &eval.ExitError{Code: failures}
	}
	return nil
}

// configFromCall builds the run's configuration from Invoke-Pester's
// parameters.
func configFromCall(c *eval.Call) (*Config, error) {
	if c.Has("Configuration") {
		obj := newConfigObject()
		switch x := c.Value("Configuration").(type) {
		case *configObject:
			obj = x
		case *value.Hashtable:
			if err := obj.merge(x); err != nil {
				return nil, err
			}
		case nil:
		default:
			return nil, fmt.Errorf("Cannot convert the \"%s\" value of type \"%s\" to type \"PesterConfiguration\".", value.ToString(x), value.TypeName(x))
		}
		return obj.config(), nil
	}
	cfg := DefaultConfig()
	if c.Has("Path") {
		cfg.Paths = c.Strings("Path")
	}
	cfg.ExcludePaths = c.Strings("ExcludePath")
	cfg.Tag = c.Strings("TagFilter")
	cfg.ExcludeTag = c.Strings("ExcludeTagFilter")
	cfg.FullName = c.Strings("FullNameFilter")
	if c.Has("Output") {
		cfg.Verbosity = c.String("Output")
	}
	cfg.PassThru = c.Switch("PassThru")
	if c.Switch("CI") {
		cfg.SetCI()
	}
	if c.Switch("EnableExit") {
		cfg.Exit = true
	}
	if c.Has("OutputFile") && c.String("OutputFile") != "" {
		format := FormatNUnitXML
		if c.Has("OutputFormat") {
			format = c.String("OutputFormat")
		}
		cfg.Reports = append(cfg.Reports, Report{Format: format, Path: c.String("OutputFile")})
	}
	if c.Switch("Quiet") {
		cfg.Verbosity = VerbosityNone
	}
	if c.Has("Show") {
		switch strings.ToLower(c.String("Show")) {
		case "none":
			cfg.Verbosity = VerbosityNone
		case "fails", "normal":
			cfg.Verbosity = VerbosityNormal
		case "diagnostic":
			cfg.Verbosity = VerbosityDiagnostic
		default:
			cfg.Verbosity = VerbosityDetailed
		}
	}
	return cfg, nil
}
