package pester

import (
	"strings"

	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
)

// Discovery: a test file runs top to bottom; Describe and Context run
// their bodies at once (in a child scope of their caller) so nested
// blocks are found; It and the setup blocks only record their script
// blocks. Variables that discovery code sets are gone by the run phase.

// blockDef is what a Describe or Context call declares.
type blockDef struct {
	command, name string
	fixture       *eval.ScriptBlock
	tags          []string
	skip          bool
	data          any
	hasData       bool
}

// testDef is what an It call declares.
type testDef struct {
	name, id string
	body     *eval.ScriptBlock
	tags     []string
	skip     bool
	data     any
	hasData  bool
}

// discoverContainer runs a test file in discovery mode and returns what
// it declared. A file that fails to parse or throws while being
// discovered keeps the error and has no tests.
func (r *runState) discoverContainer(c *eval.Call, path string) *Container {
	cont := &Container{Path: path}
	cont.Root = &Block{Name: "Root", ExpandedName: "Root", IsRoot: true, Container: cont, OwnPassed: true}
	start := r.cfg.now()
	r.container, r.block, r.test = cont, cont.Root, nil
	r.discovery = true
	r.stackBase = c.StackDepth()
	err := c.RunScriptFile(path, c.GlobalScope(), nil)
	r.discovery = false
	if rec := errorRecordOf(err); rec != nil {
		cont.DiscoveryError = rec
		// The tests found before the failure are not run.
		cont.Root.items, cont.Root.Blocks, cont.Root.Tests = nil, nil, nil
		cont.Root.BeforeAll, cont.Root.AfterAll, cont.Root.BeforeEach, cont.Root.AfterEach = nil, nil, nil, nil
	}
	cont.DiscoveryDuration = r.cfg.now().Sub(start)
	return cont
}

// discoverBlock records a block under the current one and runs its body
// with the block current.
func (r *runState) discoverBlock(c *eval.Call, d blockDef) error {
	parent := r.block
	b := &Block{
		Name: d.name, ExpandedName: d.name, Command: d.command,
		Parent: parent, Container: r.container, ScriptBlock: d.fixture, StartLine: d.fixture.StartLine(),
		Tag: d.tags, Skip: d.skip, Data: d.data, HasData: d.hasData, OwnPassed: true,
	}
	b.Path = append(append([]string(nil), parent.Path...), d.name)
	b.ExpandedPath = strings.Join(b.Path, ".")
	parent.items = append(parent.items, b)
	parent.Blocks = append(parent.Blocks, b)
	r.block = b
	defer func() { r.block = parent }()
	err := c.RunScriptBlock(d.fixture, eval.RunOptions{Scope: c.CallerScope(), NewScope: true, Vars: dataVars(d.data, d.hasData)})
	if eval.IsFlowControl(err) {
		return nil // break or continue in a block ends the block, not the run
	}
	return err
}

// discoverTest records a test in the current block.
func (r *runState) discoverTest(d testDef) {
	b := r.block
	t := &Test{
		Name: d.name, ExpandedName: d.name, Block: b, ScriptBlock: d.body, StartLine: d.body.StartLine(),
		ID: d.id, Tag: d.tags, Skip: d.skip, Data: d.data, HasData: d.hasData,
	}
	t.Path = append(append([]string(nil), b.Path...), d.name)
	t.ExpandedPath = strings.Join(t.Path, ".")
	b.items = append(b.items, t)
	b.Tests = append(b.Tests, t)
}

// dataVars are the variables a -ForEach item defines: $_ is the item, and
// a hashtable's keys become variables too.
func dataVars(data any, has bool) []eval.NamedValue {
	if !has {
		return nil
	}
	var vars []eval.NamedValue
	if h, ok := data.(*value.Hashtable); ok {
		for _, k := range h.Keys() {
			v, _ := h.Get(k)
			vars = append(vars, eval.NamedValue{Name: value.ToString(k), Value: v})
		}
	}
	return append(vars, eval.NamedValue{Name: "_", Value: data})
}

// errorRecordOf returns the error record behind a failure of user code:
// nil for success and for break/continue, a record for anything else.
func errorRecordOf(err error) *eval.ErrorRecord {
	if err == nil || eval.IsFlowControl(err) {
		return nil
	}
	if rt, ok := err.(*eval.RuntimeError); ok {
		return rt.Record
	}
	if ex, ok := err.(*eval.ExitError); ok {
		return eval.NewErrorRecord(eval.RuntimeException("The test code called exit "+value.ToString(int32(ex.Code))+"."), "PesterTestExited", eval.OperationStopped, nil)
	}
	return eval.NewErrorRecord(eval.RuntimeException(err.Error()), "RuntimeException", eval.NotSpecified, nil)
}
