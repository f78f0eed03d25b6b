package pester

import (
	"io"

	"github.com/keyhost/keyhost/ps/eval"
)

// A Describe or Context run outside Invoke-Pester (a test file run as a
// script: keyhost run x.Tests.ps1) is a run of its own: the block is
// discovered, run under the script's scope (so what the script set up
// is visible) and reported with Detailed output, as Pester does when a
// test file is run directly.

// runInteractively runs one block as its own container.
func (p *Plugin) runInteractively(c *eval.Call, command, name string, fixture *eval.ScriptBlock) error {
	cfg := DefaultConfig()
	cfg.Verbosity = VerbosityDetailed
	cfg.Getenv = c.Getenv
	cfg.Color = c.HostColor()
	file := fixture.File()
	parent := c.CallerScope()
	def := blockDef{command: command, name: name, fixture: fixture, tags: c.Strings("Tag"), skip: c.Switch("Skip")}
	spec := containerSpec{path: file, discover: func(r *runState, c *eval.Call) *Container {
		cont := &Container{Path: file, scopeParent: parent}
		cont.Root = &Block{Name: "Root", ExpandedName: "Root", IsRoot: true, Container: cont, OwnPassed: true}
		start := r.cfg.now()
		r.container, r.block, r.test = cont, cont.Root, nil
		r.discovery = true
		var err error
		if c.Has("ForEach") {
			for _, item := range items(c.Value("ForEach")) {
				d := def
				d.data, d.hasData = item, true
				if err = r.discoverBlock(c, d); err != nil {
					break
				}
			}
		} else {
			err = r.discoverBlock(c, def)
		}
		r.discovery = false
		if rec := errorRecordOf(err); rec != nil {
			cont.DiscoveryError = rec
			cont.Root.items, cont.Root.Blocks, cont.Root.Tests = nil, nil, nil
		}
		cont.DiscoveryDuration = r.cfg.now().Sub(start)
		return cont
	}}
	inv := &invocation{
		cfg:       cfg,
		files:     Files{FS: c.FS(), Cwd: c.Location()},
		open:      func(string) (Session, error) { return callSession{c: c, p: p}, nil },
		w:         func() io.Writer { return c.HostWriter() },
		specs:     []containerSpec{spec},
		stackBase: c.StackDepth(),
	}
	res, err := inv.run(c.Context())
	if err != nil {
		return err
	}
	c.SetGlobalVariable("LASTEXITCODE", int32(res.FailureCount()))
	return nil
}
