package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/keyhost/keyhost/cmdlets"
	"github.com/keyhost/keyhost/engine"
	"github.com/keyhost/keyhost/pester"
	"github.com/keyhost/keyhost/ps/eval"
)

// testUsage is keyhost test's usage text.
const testUsage = `Usage: keyhost test [PATH...] [-Output None|Normal|Detailed|Diagnostic] [-Tag TAG,...]
                    [-ExcludeTag TAG,...] [-FullName PATTERN,...] [-CI] [--junit FILE] [--nunit FILE]
                    [--state FILE] [--no-connect]

Runs Pester 5 test files (*.Tests.ps1, found recursively; default: the
current folder) as Invoke-Pester does. Each file runs in its own session
on a fresh copy of the demo inventory, or, with --state FILE, on the world
loaded from FILE (shared by the files in order, saved back when changed).
Exit code: with -CI the number of failed tests, blocks and files (and
testResults.xml is written, in NUnit 2.5); otherwise 0.
`

// testOptions are keyhost test's command line.
type testOptions struct {
	paths                    []string
	output                   string
	tags, excludeTags, names []string
	ci, noConnect            bool
	junit, nunit, state      string
}

// parseTestArgs reads keyhost test's arguments: options in PowerShell's
// style (-Output Detailed, any case) or GNU style (--junit FILE), lists
// comma-separated or repeated, everything else a path.
func parseTestArgs(args []string) (*testOptions, error) {
	o := &testOptions{}
	for i := 0; i < len(args); i++ {
		arg := args[i]
		if !strings.HasPrefix(arg, "-") || arg == "-" {
			o.paths = append(o.paths, arg)
			continue
		}
		name, val, hasVal := strings.Cut(strings.TrimLeft(arg, "-"), "=")
		next := func() (string, error) {
			if hasVal {
				return val, nil
			}
			if i+1 >= len(args) {
				return "", fmt.Errorf("option %s needs a value", arg)
			}
			i++
			return args[i], nil
		}
		list := func() ([]string, error) {
			v, err := next()
			if err != nil {
				return nil, err
			}
			var out []string
			for _, s := range strings.Split(v, ",") {
				if s = strings.TrimSpace(s); s != "" {
					out = append(out, s)
				}
			}
			return out, nil
		}
		var err error
		var l []string
		switch strings.ToLower(name) {
		case "output":
			o.output, err = next()
		case "tag", "tagfilter":
			l, err = list()
			o.tags = append(o.tags, l...)
		case "excludetag", "excludetagfilter":
			l, err = list()
			o.excludeTags = append(o.excludeTags, l...)
		case "fullname", "fullnamefilter":
			l, err = list()
			o.names = append(o.names, l...)
		case "ci":
			o.ci = true
		case "junit":
			o.junit, err = next()
		case "nunit":
			o.nunit, err = next()
		case "state":
			o.state, err = next()
		case "no-connect", "noconnect":
			o.noConnect = true
		case "path":
			l, err = list()
			o.paths = append(o.paths, l...)
		case "h", "help":
			return nil, errHelp
		default:
			return nil, fmt.Errorf("unknown option %s", arg)
		}
		if err != nil {
			return nil, err
		}
	}
	return o, nil
}

// errHelp asks for the usage text.
var errHelp = fmt.Errorf("help requested")

// test implements `keyhost test`.
func (a *app) test(ctx context.Context, args []string) int {
	o, err := parseTestArgs(args)
	if err == errHelp {
		fmt.Fprint(a.stdout, testUsage)
		return 0
	}
	if err != nil {
		fmt.Fprintf(a.stderr, "keyhost test: %v\n\n%s", err, testUsage)
		return 2
	}
	cwd, err := a.getwd()
	if err != nil {
		fmt.Fprintf(a.stderr, "keyhost test: %v\n", err)
		return 1
	}
	cfg := pester.DefaultConfig()
	if len(o.paths) > 0 {
		cfg.Paths = o.paths
	}
	if o.output != "" {
		cfg.Verbosity = o.output
	}
	cfg.Tag, cfg.ExcludeTag, cfg.FullName = o.tags, o.excludeTags, o.names
	if o.ci {
		cfg.SetCI()
	}
	if o.junit != "" {
		cfg.Reports = append(cfg.Reports, pester.Report{Format: pester.FormatJUnitXML, Path: o.junit})
	}
	if o.nunit != "" {
		cfg.Reports = append(cfg.Reports, pester.Report{Format: pester.FormatNUnitXML, Path: o.nunit})
	}
	cfg.Clock = a.now
	cfg.Getenv = a.getenv
	cfg.Stdout = a.stdout
	_, noColor := a.getenv("NO_COLOR")
	cfg.Color = a.stdoutTTY && !noColor

	// A fleet, so that tests can Connect-VIServer to the demo's second
	// vCenter as scripts run by keyhost run can.
	var shared *engine.Fleet
	var before uint64
	if o.state != "" {
		f, _, err := a.openFleet(o.state)
		if err != nil {
			fmt.Fprintf(a.stderr, "keyhost: %v\n", err)
			return 1
		}
		defer f.Close()
		shared, before = f, f.Generation()
	}
	open := func(path string) (pester.Session, error) {
		f, closeWorld := shared, func() {}
		if f == nil {
			fresh, _, err := a.openFleet("")
			if err != nil {
				return nil, err
			}
			f, closeWorld = fresh, func() { fresh.Close() }
		}
		h := a.host()
		h.Stdin = nil // tests run non-interactively, as in CI
		r, _ := cmdlets.NewFleetRunner(f, h, !o.noConnect)
		return &pester.RunnerSession{Runner: r, Pester: pester.Register(r.Commands()), OnClose: closeWorld}, nil
	}
	res, err := pester.Invoke(ctx, cfg, pester.Files{FS: eval.OSFileSystem{}, Cwd: cwd}, open)
	if shared != nil && shared.Generation() != before {
		if serr := saveFleet(shared, o.state); serr != nil {
			fmt.Fprintln(a.stderr, serr)
			return 1
		}
	}
	if err != nil {
		fmt.Fprintf(a.stderr, "keyhost test: %v\n", err)
		if res == nil {
			return 1
		}
	}
	if ctx.Err() != nil {
		return 1
	}
	if cfg.Exit {
		return res.FailureCount()
	}
	return 0
}
