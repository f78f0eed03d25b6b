package pester

import (
	"context"
	"fmt"
	"io"
	"path"
	"sort"
	"strings"

	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/wildcard"
)

// The run as a whole: find the test files, discover all of them, apply
// the filters, run the containers that have tests to run, print the
// summary and write the reports.

// Session is a PowerShell session Pester runs containers in: a runner
// with Pester registered in its command table.
type Session interface {
	// Do runs fn with a Call in the session's global scope.
	Do(ctx context.Context, fn func(c *eval.Call) error) error
	// Plugin is the session's Pester state.
	Plugin() *Plugin
	// Close releases the session once the run is over.
	Close()
}

// RunnerSession is a Session on a runner built by Go code (keyhost test
// builds one per test file).
type RunnerSession struct {
	Runner *eval.Runner
	Pester *Plugin
	// OnClose, when set, runs when the run is over.
	OnClose func()
}

// Do implements Session.
func (s *RunnerSession) Do(ctx context.Context, fn func(c *eval.Call) error) error {
	return s.Runner.WithCall(ctx, "Invoke-Pester", fn)
}

// Plugin implements Session.
func (s *RunnerSession) Plugin() *Plugin { return s.Pester }

// Close implements Session.
func (s *RunnerSession) Close() {
	if s.OnClose != nil {
		s.OnClose()
	}
}

// callSession runs every container in the session of a running command
// (Invoke-Pester in a script): one session for all files, as in pwsh.
type callSession struct {
	c *eval.Call
	p *Plugin
}

// Do implements Session: the command's own Call.
func (s callSession) Do(_ context.Context, fn func(c *eval.Call) error) error { return fn(s.c) }

// Plugin implements Session.
func (s callSession) Plugin() *Plugin { return s.p }

// Close implements Session: the script's session outlives the run.
func (s callSession) Close() {}

// Files describes where the test files are: the file system and the
// folder relative paths start from.
type Files struct {
	FS  eval.FileSystem
	Cwd string
}

// Invoke runs the test files cfg names, each in the session open returns
// for it, and returns the result. Only a failure to start (no test files)
// is an error; test failures are in the result.
func Invoke(ctx context.Context, cfg *Config, files Files, open func(path string) (Session, error)) (res *RunResult, err error) {
	defer func() {
		// A bug in the runner must not take the process down: it ends
		// the run with an error instead.
		if p := recover(); p != nil {
			res, err = nil, fmt.Errorf("pester: internal error: %v", p)
		}
	}()
	out := cfg.Stdout
	if out == nil {
		out = io.Discard
	}
	inv := &invocation{cfg: cfg, files: files, open: open, w: func() io.Writer { return out }, color: cfg.Color}
	return inv.run(ctx)
}

// invocation is one run being carried out.
type invocation struct {
	cfg   *Config
	files Files
	open  func(path string) (Session, error)
	w     func() io.Writer
	color bool
	// specs, when set, replace file discovery (a Describe run outside
	// Invoke-Pester is its own container).
	specs []containerSpec
	// stackBase is the depth of the caller's frames (Invoke-Pester in a
	// script), cut from stack traces.
	stackBase int
}

// containerSpec is one container to discover: a file, or a Go function
// that discovers blocks directly.
type containerSpec struct {
	path     string
	discover func(r *runState, c *eval.Call) *Container
}

// noTestFiles is Pester's error when the paths name no test file.
func noTestFiles(cfg *Config) error {
	msg := fmt.Sprintf("No test files were found and no scriptblocks were provided. Please ensure that you provided at least one path to a *%s file, or a directory that contains such file.", cfg.TestExtension)
	if len(cfg.ExcludePaths) > 0 {
		msg += fmt.Sprintf(" And that there is at least one file not excluded by ExcludeFile filter '%s'.", strings.Join(cfg.ExcludePaths, "', '"))
	}
	return fmt.Errorf("%s Or that you provided a ScriptBlock test container.", msg)
}

// run carries out the invocation.
func (inv *invocation) run(ctx context.Context) (*RunResult, error) {
	cfg := inv.cfg
	if err := cfg.normalize(); err != nil {
		return nil, err
	}
	r := &runState{cfg: cfg, stackBase: inv.stackBase}
	r.out = &output{cfg: cfg, r: r, w: inv.w, color: cfg.Color}
	start := cfg.now()
	res := &RunResult{ExecutedAt: start, SuiteName: cfg.TestSuiteName}
	specs := inv.specs
	if specs == nil {
		paths, err := findTestFiles(inv.files, cfg)
		if err != nil {
			return nil, err
		}
		for _, p := range paths {
			specs = append(specs, containerSpec{path: p})
		}
	}
	if len(specs) == 0 {
		return nil, noTestFiles(cfg)
	}
	r.out.start()
	r.out.discoveryStart(len(specs))
	sessions := make([]Session, len(specs))
	defer func() {
		for _, s := range sessions {
			if s != nil {
				s.Close()
			}
		}
	}()
	for i, spec := range specs {
		cont, s := inv.discover(ctx, r, spec)
		sessions[i] = s
		res.Containers = append(res.Containers, cont)
		if cont.DiscoveryError != nil {
			r.out.discoveryFailed(r, cont)
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
	}
	f := newFilter(cfg)
	found, selected := 0, 0
	for _, cont := range res.Containers {
		f.apply(cont.Root)
		cont.Root.eachTest(func(t *Test) {
			found++
			if t.ShouldRun {
				selected++
			}
		})
	}
	r.out.discoveryEnd(found, cfg.now().Sub(start), f, selected)
	if !cfg.SkipRun {
		r.out.runStart()
		for i, cont := range res.Containers {
			if sessions[i] == nil || !cont.ShouldRun() {
				continue
			}
			s := sessions[i]
			err := s.Do(ctx, func(c *eval.Call) error {
				s.Plugin().push(r)
				defer s.Plugin().pop()
				r.out.containerRunStart(cont)
				err := r.runContainer(c, cont)
				finishContainer(cont)
				r.out.containerRunEnd(r, cont)
				return err
			})
			if err != nil {
				if ctx.Err() != nil {
					return nil, ctx.Err()
				}
				cont.ErrorRecords = append(cont.ErrorRecords, errorRecordOf(err))
			}
		}
	}
	for _, cont := range res.Containers {
		finishContainer(cont)
	}
	res.Duration = cfg.now().Sub(start)
	res.env = runtimeEnvironment(cfg, inv.files.Cwd)
	summarize(res)
	r.out.summary(res)
	for _, rep := range cfg.Reports {
		if err := writeReport(inv.files, rep, res); err != nil {
			return res, err
		}
	}
	return res, nil
}

// discover opens a container's session and discovers its tests.
func (inv *invocation) discover(ctx context.Context, r *runState, spec containerSpec) (*Container, Session) {
	s, err := inv.open(spec.path)
	if err != nil {
		cont := &Container{Path: spec.path, Root: &Block{Name: "Root", IsRoot: true, OwnPassed: true}}
		cont.Root.Container = cont
		cont.DiscoveryError = eval.NewErrorRecord(eval.RuntimeException(err.Error()), "SessionFailed", eval.ResourceUnavailable, nil)
		return cont, nil
	}
	var cont *Container
	err = s.Do(ctx, func(c *eval.Call) error {
		s.Plugin().push(r)
		defer s.Plugin().pop()
		if spec.discover != nil {
			cont = spec.discover(r, c)
		} else {
			cont = r.discoverContainer(c, spec.path)
		}
		return nil
	})
	if cont == nil {
		cont = &Container{Path: spec.path, Root: &Block{Name: "Root", IsRoot: true, OwnPassed: true}}
		cont.Root.Container = cont
	}
	if err != nil && cont.DiscoveryError == nil {
		cont.DiscoveryError = errorRecordOf(err)
	}
	return cont, s
}

// findTestFiles resolves Run.Path as Pester's Find-File does: a file is
// taken as it is (when it is a .ps1 file), a folder is searched
// recursively for names ending in TestExtension; wildcards expand; what
// matches an ExcludePath pattern is left out.
func findTestFiles(files Files, cfg *Config) ([]string, error) {
	seen := map[string]bool{}
	var out []string
	add := func(p string) {
		for _, ex := range cfg.ExcludePaths {
			if wildcard.Match(absolute(files.Cwd, ex), p, false) {
				return
			}
		}
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	for _, raw := range cfg.Paths {
		for _, p := range expandWildcards(files, absolute(files.Cwd, raw)) {
			fi, err := files.FS.Stat(p)
			if err != nil {
				return nil, fmt.Errorf("Cannot find path '%s' because it does not exist.", p)
			}
			if !fi.IsDir() {
				if strings.HasSuffix(strings.ToLower(p), ".ps1") {
					add(p)
				}
				continue
			}
			walkTests(files.FS, p, cfg.TestExtension, add)
		}
	}
	return out, nil
}

// walkTests lists a folder's test files, then those of its subfolders.
func walkTests(fs eval.FileSystem, dir, ext string, add func(string)) {
	entries, err := fs.ReadDir(dir)
	if err != nil {
		return
	}
	var dirs []string
	for _, e := range entries {
		p := path.Join(dir, e.Name())
		if e.IsDir() {
			dirs = append(dirs, p)
			continue
		}
		if strings.HasSuffix(strings.ToLower(e.Name()), strings.ToLower(ext)) {
			add(p)
		}
	}
	for _, d := range dirs {
		walkTests(fs, d, ext, add)
	}
}

// absolute resolves a path (with \ or / separators) against cwd.
func absolute(cwd, p string) string {
	p = strings.ReplaceAll(p, `\`, "/")
	if !path.IsAbs(p) {
		p = path.Join(cwd, p)
	}
	return path.Clean(p)
}

// expandWildcards expands wildcards in a path to the existing paths it
// matches, sorted; a path without wildcards is itself.
func expandWildcards(files Files, p string) []string {
	if !wildcard.HasWildcard(p) {
		return []string{p}
	}
	parts := strings.Split(strings.TrimPrefix(p, "/"), "/")
	found := []string{"/"}
	for _, part := range parts {
		var next []string
		for _, dir := range found {
			if !wildcard.HasWildcard(part) {
				next = append(next, path.Join(dir, part))
				continue
			}
			entries, err := files.FS.ReadDir(dir)
			if err != nil {
				continue
			}
			for _, e := range entries {
				if wildcard.Match(part, e.Name(), false) {
					next = append(next, path.Join(dir, e.Name()))
				}
			}
		}
		found = next
	}
	sort.Strings(found)
	return found
}
