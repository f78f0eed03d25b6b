package pester

import (
	"github.com/keyhost/keyhost/ps/eval"
)

// The run phase, with Pester 5's scoping:
//
//	container scope (a new script scope: $PSScriptRoot, $TestDrive)
//	  . root BeforeAll
//	  block scope (child of its parent block's scope: data, BeforeAll)
//	    test scope (child of the block scope: data, BeforeEach..., It, AfterEach...)
//	    block AfterAll (in the block scope)
//
// Describe and Context bodies do not run again: what discovery code set
// is not visible here, only what setups set.

// runContainer runs the tests of one discovered container.
func (r *runState) runContainer(c *eval.Call, cont *Container) error {
	start := r.cfg.now()
	userBefore := r.userTime
	r.container, r.block, r.test = cont, cont.Root, nil
	r.hooks = map[string]*mockHook{}
	r.stackBase = c.StackDepth()
	cont.Executed = true
	var scope *eval.Scope
	if cont.scopeParent != nil {
		scope = cont.scopeParent.NewChildScope()
	} else {
		scope = c.GlobalScope().NewScriptScope()
		scope.SetScriptVariables(cont.Path)
	}
	r.containerScope = scope
	if r.cfg.TestDrive {
		d, err := newTestDrive()
		if err != nil {
			cont.ErrorRecords = append(cont.ErrorRecords, eval.NewErrorRecord(eval.RuntimeException(err.Error()), "TestDriveFailed", eval.ResourceUnavailable, nil))
		} else {
			r.drive = d
			scope.SetLocalVariable("TestDrive", d.root)
			old := c.SwapFileSystem(d.fs(c.FS()))
			defer func() {
				c.SwapFileSystem(old)
				d.remove()
				r.drive = nil
			}()
		}
	}
	root := cont.Root
	var err error
	switch {
	case root.BeforeEach != nil:
		cont.ErrorRecords = append(cont.ErrorRecords, frameworkError("Each test setup is not supported in root (directly in the block container)."))
	case root.AfterEach != nil:
		cont.ErrorRecords = append(cont.ErrorRecords, frameworkError("Each test Teardown is not supported in root (directly in the block container)."))
	case len(cont.ErrorRecords) == 0:
		root.Executed = true
		root.mocks = newMockData()
		err = r.runBlockBody(c, root, scope)
		cont.ErrorRecords = append(cont.ErrorRecords, root.ErrorRecords...)
	}
	r.removeHooks()
	cont.Duration = r.cfg.now().Sub(start)
	cont.UserDuration = r.userTime - userBefore
	if cont.UserDuration > cont.Duration {
		cont.UserDuration = cont.Duration
	}
	cont.FrameworkDuration = cont.Duration - cont.UserDuration
	return err
}

// runBlock runs a Describe or Context block in a child scope of its
// parent's scope.
func (r *runState) runBlock(c *eval.Call, b *Block, parent *eval.Scope) error {
	if !b.ShouldRun {
		return nil
	}
	prev := r.block
	r.block = b
	defer func() { r.block = prev }()
	start := r.cfg.now()
	userBefore := r.userTime
	b.Executed = true
	b.mocks = newMockData()
	scope := blockScope(parent, b)
	for _, v := range dataVars(b.Data, b.HasData) {
		scope.SetLocalVariable(v.Name, v.Value)
	}
	mark := r.drive.mark()
	err := r.runBlockBody(c, b, scope)
	r.drive.restore(mark)
	b.OwnPassed = len(b.ErrorRecords) == 0
	b.Duration = r.cfg.now().Sub(start)
	b.UserDuration = r.userTime - userBefore
	if !b.OwnPassed {
		r.out.blockFailed(b)
	}
	return err
}

// runBlockBody runs a block's BeforeAll, its tests and child blocks, and
// its AfterAll (also after a failure), all in scope. A failed BeforeAll
// leaves the block's tests unrun: they count as failed.
func (r *runState) runBlockBody(c *eval.Call, b *Block, scope *eval.Scope) error {
	setupOK := true
	if b.BeforeAll != nil && !b.Skip {
		rec, err := r.user(c, b.BeforeAll, eval.RunOptions{Scope: scope})
		if err != nil {
			return err
		}
		if rec != nil {
			b.ErrorRecords = append(b.ErrorRecords, rec)
			setupOK = false
		}
	}
	if setupOK && !b.IsRoot {
		b.ExpandedName = r.expandName(c, b.Name, scope)
		if b.Parent.IsRoot {
			b.ExpandedPath = b.ExpandedName
		} else {
			b.ExpandedPath = b.Parent.ExpandedPath + "." + b.ExpandedName
		}
	}
	var fatal error
	if setupOK {
		for _, it := range b.items {
			switch x := it.(type) {
			case *Test:
				fatal = r.runTest(c, x, scope)
			case *Block:
				fatal = r.runBlock(c, x, scope)
			}
			if fatal != nil {
				break
			}
		}
	}
	if b.AfterAll != nil && !b.Skip {
		rec, err := r.user(c, b.AfterAll, eval.RunOptions{Scope: scope})
		if err != nil && fatal == nil {
			fatal = err
		}
		if rec != nil {
			b.ErrorRecords = append(b.ErrorRecords, rec)
		}
	}
	r.removeMocks(b.mocks)
	return fatal
}

// runTest runs one test in a child scope of its block's scope: its data,
// the BeforeEach blocks from the outermost block in, the body, then the
// AfterEach blocks from the innermost block out (also after a failure).
func (r *runState) runTest(c *eval.Call, t *Test, blockScope *eval.Scope) error {
	if !t.ShouldRun {
		t.Result = NotRun
		return nil
	}
	r.test = t
	defer func() { r.test = nil }()
	start := r.cfg.now()
	userBefore := r.userTime
	t.Executed = true
	if t.Skip {
		t.Result = Skipped
		r.out.testStarting(t)
		t.Duration = r.cfg.now().Sub(start)
		r.out.testEnd(t)
		return nil
	}
	r.out.testStarting(t)
	t.mocks = newMockData()
	scope := blockScope.NewChildScope()
	for _, v := range dataVars(t.Data, t.HasData) {
		scope.SetLocalVariable(v.Name, v.Value)
	}
	var chain []*Block
	for b := t.Block; b != nil; b = b.Parent {
		chain = append([]*Block{b}, chain...)
	}
	ok := true
	var fatal error
	for _, b := range chain {
		if b.BeforeEach == nil {
			continue
		}
		rec, err := r.user(c, b.BeforeEach, eval.RunOptions{Scope: scope})
		if err != nil {
			return err
		}
		if rec != nil {
			t.ErrorRecords = append(t.ErrorRecords, rec)
			ok = false
			break
		}
	}
	if ok {
		t.ExpandedName = r.expandName(c, t.Name, scope)
		t.ExpandedPath = t.Block.ExpandedPath + "." + t.ExpandedName
		rec, err := r.user(c, t.ScriptBlock, eval.RunOptions{Scope: scope})
		if err != nil {
			fatal = err
		}
		if rec != nil {
			t.ErrorRecords = append(t.ErrorRecords, rec)
		}
	}
	for i := len(chain) - 1; i >= 0; i-- {
		if chain[i].AfterEach == nil {
			continue
		}
		rec, err := r.user(c, chain[i].AfterEach, eval.RunOptions{Scope: scope})
		if err != nil && fatal == nil {
			fatal = err
		}
		if rec != nil {
			t.ErrorRecords = append(t.ErrorRecords, rec)
		}
	}
	t.Result = resultOf(t.ErrorRecords)
	t.failures = r.failures(t.ErrorRecords)
	r.removeMocks(t.mocks)
	t.Duration = r.cfg.now().Sub(start)
	t.UserDuration = r.userTime - userBefore
	if t.UserDuration > t.Duration {
		t.UserDuration = t.Duration
	}
	r.out.testEnd(t)
	return fatal
}

// resultOf turns a test's errors into its result: none is a pass;
// Set-ItResult's errors skip it or mark it inconclusive.
func resultOf(errs []*eval.ErrorRecord) Result {
	if len(errs) == 0 {
		return Passed
	}
	inconclusive := true
	for _, e := range errs {
		switch e.FullyQualifiedErrorID {
		case idSkipped:
			return Skipped
		case idInconclusive:
		default:
			inconclusive = false
		}
	}
	if inconclusive {
		return Inconclusive
	}
	return Failed
}

// user runs user code and times it. The returned record is the code's
// failure; the error is a reason to stop the whole run (cancellation).
func (r *runState) user(c *eval.Call, sb *eval.ScriptBlock, o eval.RunOptions) (*eval.ErrorRecord, error) {
	start := r.cfg.now()
	err := c.RunScriptBlock(sb, o)
	r.userTime += r.cfg.now().Sub(start)
	if ctxErr := c.Context().Err(); ctxErr != nil {
		return nil, ctxErr
	}
	return errorRecordOf(err), nil
}

// blockScope returns the scope a block runs in: a child of its parent's
// scope, or, for a block written inside InModuleScope, a child of that
// module's session state.
func blockScope(parent *eval.Scope, b *Block) *eval.Scope {
	if b.ScriptBlock != nil {
		if m := b.ScriptBlock.SessionModule(); m != nil && m.Scope() != nil && parent.Module() != m {
			return m.Scope().NewChildScope()
		}
	}
	return parent.NewChildScope()
}

// frameworkError is an error Pester itself raises about the test file.
func frameworkError(msg string) *eval.ErrorRecord {
	ex := eval.RuntimeException(msg)
	ex.WasThrownFromThrowStatement = true
	return eval.NewErrorRecord(ex, msg, eval.OperationStopped, nil)
}
