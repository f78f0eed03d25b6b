package pester

import (
	"time"

	"github.com/keyhost/keyhost/ps/eval"
)

// Plugin is Pester in one session: the commands registered in a command
// table and the state they share, the stack of runs in progress
// (Invoke-Pester may run inside a test). A Plugin belongs to one runner.
type Plugin struct {
	table *eval.CommandTable
	runs  []*runState
}

// runState is one Invoke-Pester run as the commands see it: the phase,
// the container, block and test being discovered or run, and the mocks.
type runState struct {
	cfg *Config
	out *output
	// discovery is set while test files run to find their tests.
	discovery bool
	container *Container
	block     *Block
	test      *Test
	// hooks are the mocked commands of the container being run, by
	// "module||command" key; containerScope is the container's scope,
	// where their aliases go.
	hooks          map[string]*mockHook
	containerScope *eval.Scope
	// inFilter is set while a mock's parameter filter runs: a Should in
	// it always throws.
	inFilter bool
	// drive is the container's TestDrive (nil when disabled).
	drive *testDrive
	// stackBase is the call stack depth below user code: frames under it
	// are Pester's (or the caller's) and are cut from stack traces.
	stackBase int
	// userTime accumulates the time spent in user code.
	userTime time.Duration
}

// Register adds Pester's commands to a table (Describe, Context, It, the
// setup and teardown blocks, Should, Mock, Invoke-Pester,
// New-PesterConfiguration, Set-ItResult, InModuleScope and the v4
// aliases) and returns the session's Pester state.
func Register(t *eval.CommandTable) *Plugin {
	p := &Plugin{table: t}
	for _, ci := range []*eval.CommandInfo{
		p.blockCommand("Describe"),
		p.blockCommand("Context"),
		p.itCommand(),
		p.setupCommand("BeforeAll"),
		p.setupCommand("AfterAll"),
		p.setupCommand("BeforeEach"),
		p.setupCommand("AfterEach"),
		p.beforeDiscoveryCommand(),
		p.shouldCommand(),
		p.mockCommand(),
		p.assertMockCalledCommand(),
		p.assertVerifiableMockCommand(),
		p.setItResultCommand(),
		p.inModuleScopeCommand(),
		p.invokePesterCommand(),
		p.newPesterConfigurationCommand(),
		p.newMockObjectCommand(),
	} {
		ci.Module = moduleName
		t.Register(ci)
	}
	return p
}

// moduleName is the module Pester's commands report, as
// (Get-Command Describe).Source does.
const moduleName = "Pester"

// current returns the run in progress, or nil outside Invoke-Pester.
func (p *Plugin) current() *runState {
	if len(p.runs) == 0 {
		return nil
	}
	return p.runs[len(p.runs)-1]
}

// push makes a run the current one until pop.
func (p *Plugin) push(r *runState) { p.runs = append(p.runs, r) }

// pop ends the current run.
func (p *Plugin) pop() {
	if len(p.runs) > 0 {
		p.runs = p.runs[:len(p.runs)-1]
	}
}

// notInRun is the error of a Pester command used outside a run (a
// Should outside It behaves as in Pester and still works).
func notInRun(c *eval.Call, name string) error {
	msg := "The " + name + " command may only be used inside a Describe block."
	return &eval.RuntimeError{Record: c.NewError(eval.RuntimeException(msg), "PesterNotInRun", eval.InvalidOperation, nil), FromThrow: true}
}

// throwf raises a script-terminating error from a Pester command, as
// Pester's `throw "..."` does.
func throwf(c *eval.Call, msg string) error {
	rec := c.NewError(eval.RuntimeException(msg), msg, eval.OperationStopped, nil)
	rec.Exception.WasThrownFromThrowStatement = true
	return &eval.RuntimeError{Record: rec, FromThrow: true}
}
