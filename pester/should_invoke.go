package pester

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
)

// Should -Invoke and Should -InvokeVerifiable (and their v4 names
// Assert-MockCalled and Assert-VerifiableMock): how often a mocked command
// was called, in the current test or in a block and everything below it.

// invokeCheck is what Should -Invoke asks.
type invokeCheck struct {
	command, module string
	hasModule       bool
	times           int
	hasTimes        bool
	filter          *eval.ScriptBlock
	exclusive       bool
	scope           string
	exactly         bool
	negate          bool
	because         string
}

// numericScope matches a -Scope given as a number.
var numericScope = regexp.MustCompile(`^\d+$`)

// testInvoke is Should -Invoke.
func (p *Plugin) testInvoke(a *assertion) (outcome, error) {
	chk := invokeCheck{
		command: a.str("CommandName"), module: a.str("ModuleName"), hasModule: a.has("ModuleName"),
		times: 1, scope: "0", negate: a.negate, because: a.because,
		exactly: a.has("Exactly") && value.ToBool(a.arg("Exactly")),
	}
	if a.has("Times") {
		n, err := value.ToInt32(a.arg("Times"))
		if err != nil {
			return outcome{}, err
		}
		chk.times, chk.hasTimes = int(n), true
	}
	if a.has("Scope") {
		chk.scope = a.str("Scope")
	}
	chk.filter, _ = a.arg("ParameterFilter").(*eval.ScriptBlock)
	if sb, ok := a.arg("ExclusiveFilter").(*eval.ScriptBlock); ok {
		chk.filter, chk.exclusive = sb, true
	}
	if !value.IsNull(a.actual) {
		return outcome{}, throwf(a.c, "Should -Invoke does not take pipeline input or ActualValue.")
	}
	msg, err := p.checkInvoked(a.c, chk)
	if err != nil {
		return outcome{}, err
	}
	return outcome{ok: msg == "", msg: msg}, nil
}

// checkInvoked evaluates a call-count assertion and returns the failure
// message ("" when it holds).
func (p *Plugin) checkInvoked(c *eval.Call, chk invokeCheck) (string, error) {
	r := p.current()
	if r == nil || r.discovery {
		return "", notInRun(c, "Should -Invoke")
	}
	s := chk.scope
	if s != "Describe" && s != "Context" && s != "It" && !numericScope.MatchString(s) {
		return "", throwf(c, "Parameter Scope must be one of 'Describe', 'Context', 'It' or a non-negative number.")
	}
	if chk.exclusive && chk.negate {
		return "", throwf(c, "Cannot use -ExclusiveFilter when -Not is specified. Use -ParameterFilter instead.")
	}
	if !chk.hasModule {
		chk.module = ""
		if m := c.CallerScope().Module(); m != nil {
			chk.module = m.Name
		}
	}
	hook := r.findHook(c, chk.command, chk.module)
	if hook == nil {
		where := "script scope"
		if chk.module != "" {
			where = "module " + chk.module
		}
		return "", throwf(c, fmt.Sprintf("Should -Invoke: Could not find Mock for command %s in %s. Was the mock defined? Did you use the same -ModuleName as on the Mock? When using InModuleScope are InModuleScope, Mock and Should -Invoke using the same -ModuleName?", chk.command, where))
	}
	calls, err := r.callHistory(c, hook, s)
	if err != nil {
		return "", err
	}
	matching, nonMatching := 0, 0
	for _, call := range calls {
		ok := true
		if chk.filter != nil {
			if ok, err = r.filterPasses(c, hook, chk.filter, call.bound, call.args); err != nil {
				return "", err
			}
		}
		if ok {
			matching++
		} else {
			nonMatching++
		}
	}
	name := hook.command
	if chk.module != "" {
		name += " in module " + chk.module
	}
	because := formatBecause(chk.because)
	if chk.negate {
		switch {
		case matching == chk.times && (chk.exactly || !chk.hasTimes):
			return fmt.Sprintf("Expected %s not to be called exactly %d times,%s but it was", name, chk.times, because), nil
		case matching >= chk.times && !chk.exactly:
			return fmt.Sprintf("Expected %s to be called less than %d times,%s but was called %d times", name, chk.times, because, matching), nil
		}
		return "", nil
	}
	switch {
	case matching != chk.times && (chk.exactly || chk.times == 0):
		return fmt.Sprintf("Expected %s to be called %d times exactly,%s but was called %d times", name, chk.times, because, matching), nil
	case matching < chk.times:
		return fmt.Sprintf("Expected %s to be called at least %d times,%s but was called %d times", name, chk.times, because, matching), nil
	case chk.exclusive && nonMatching > 0:
		return fmt.Sprintf("Expected %s to only be called with with parameters matching the specified filter,%s but %d non-matching calls were made", name, because, nonMatching), nil
	}
	return "", nil
}

// findHook finds the hook of a command by any of its names.
func (r *runState) findHook(c *eval.Call, name, module string) *mockHook {
	if h, ok := r.hooks[hookKey(module, name)]; ok {
		return h
	}
	scope := c.CallerScope()
	if module != "" {
		if m := c.FindLoadedModule(module); m != nil && m.Scope() != nil {
			scope = m.Scope()
		}
	}
	if ref := c.ResolveCommand(scope, name, isMockTarget); ref != nil {
		if h, ok := r.hooks[hookKey(module, ref.Name())]; ok {
			return h
		}
	}
	return nil
}

// callHistory collects the calls of a hook in the scope Should -Invoke
// looks at: the current test (scope 0 in a test, or It), or a block and
// everything below it (a number of levels up, or the nearest Describe or
// Context).
func (r *runState) callHistory(c *eval.Call, h *mockHook, scope string) ([]*mockCall, error) {
	inTest := r.test != nil
	level := 0
	switch scope {
	case "It":
		if !inTest {
			return nil, throwf(c, "Assertion is placed outside of an It block, but -Scope It is specified.")
		}
	case "Describe", "Context":
		found := false
		for b := r.block; b != nil; b = b.Parent {
			if b.Command == scope {
				found = true
				break
			}
			level++
		}
		if !found {
			return nil, throwf(c, fmt.Sprintf("Assertion is not placed directly nor nested inside a %s block, but -Scope %s is specified.", scope, scope))
		}
		if inTest {
			level++
		}
	default:
		level, _ = strconv.Atoi(scope)
	}
	if inTest && level == 0 {
		return r.test.mocks.calls[h.key], nil
	}
	if inTest {
		level--
	}
	b := r.block
	for i := 0; i < level && b.Parent != nil; i++ {
		b = b.Parent
	}
	var calls []*mockCall
	var collect func(b *Block)
	collect = func(b *Block) {
		if b.mocks != nil {
			calls = append(calls, b.mocks.calls[h.key]...)
		}
		for _, it := range b.items {
			switch x := it.(type) {
			case *Test:
				if x.mocks != nil {
					calls = append(calls, x.mocks.calls[h.key]...)
				}
			case *Block:
				collect(x)
			}
		}
	}
	collect(b)
	return calls, nil
}

// testInvokeVerifiable is Should -InvokeVerifiable: every -Verifiable
// mock of the current test and its blocks was called (-Not: none was).
func (p *Plugin) testInvokeVerifiable(a *assertion) (outcome, error) {
	msg, err := p.checkVerifiable(a.c, a.negate, a.because)
	if err != nil {
		return outcome{}, err
	}
	return outcome{ok: msg == "", msg: msg}, nil
}

// checkVerifiable returns the failure message of Should -InvokeVerifiable
// ("" when it holds).
func (p *Plugin) checkVerifiable(c *eval.Call, negate bool, reason string) (string, error) {
	r := p.current()
	if r == nil || r.discovery {
		return "", notInRun(c, "Should -InvokeVerifiable")
	}
	var list []*behavior
	add := func(d *mockData) {
		if d == nil {
			return
		}
		for _, bs := range d.behaviors {
			for _, b := range bs {
				if b.verifiable {
					list = append(list, b)
				}
			}
		}
	}
	if r.test != nil {
		add(r.test.mocks)
	}
	for b := r.block; b != nil; b = b.Parent {
		add(b.mocks)
	}
	var text strings.Builder
	n := 0
	for _, b := range list {
		if b.executed != negate {
			continue
		}
		n++
		text.WriteString("\n Command " + b.command + " ")
		if b.module != "" {
			text.WriteString("from inside module " + b.module + " ")
		}
		if b.filter != nil {
			text.WriteString("with { " + strings.TrimSpace(b.filter.Text) + " }")
		}
	}
	if n == 0 {
		return "", nil
	}
	if negate {
		return "\nExpected no verifiable mocks to be called," + formatBecause(reason) + " but these were:" + text.String(), nil
	}
	return "\nExpected all verifiable mocks to be called," + formatBecause(reason) + " but these were not:" + text.String(), nil
}

// assertMockCalledCommand is Assert-MockCalled, Pester 4's Should -Invoke.
func (p *Plugin) assertMockCalledCommand() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:     "Assert-MockCalled",
		Synopsis: "Checks if a mocked command has been called a certain number of times (deprecated: use Should -Invoke).",
		Parameters: []*eval.Parameter{
			{Name: "CommandName", Type: eval.StringType, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Position: 0, Mandatory: true}}},
			at("Times", eval.Int32Type, 1),
			at("ParameterFilter", scriptBlockType, 2),
			named("ExclusiveFilter", scriptBlockType),
			named("ModuleName", eval.StringType),
			named("Scope", eval.StringType),
			switchParam("Exactly"),
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				chk := invokeCheck{command: c.String("CommandName"), module: c.String("ModuleName"), hasModule: c.Has("ModuleName"), times: 1, scope: "0", exactly: c.Switch("Exactly")}
				if c.Has("Times") {
					n, err := value.ToInt32(c.Value("Times"))
					if err != nil {
						return err
					}
					chk.times, chk.hasTimes = int(n), true
				}
				if c.Has("Scope") {
					chk.scope = c.String("Scope")
				}
				chk.filter, _ = c.Value("ParameterFilter").(*eval.ScriptBlock)
				if sb, ok := c.Value("ExclusiveFilter").(*eval.ScriptBlock); ok {
					chk.filter, chk.exclusive = sb, true
				}
				msg, err := p.checkInvoked(c, chk)
				if err != nil || msg == "" {
					return err
				}
				return throwRecord(pesterError(c, idAssertion, msg, eval.InvalidResult))
			})
		},
	}
}

// assertVerifiableMockCommand is Assert-VerifiableMock, Pester 4's
// Should -InvokeVerifiable.
func (p *Plugin) assertVerifiableMockCommand() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:     "Assert-VerifiableMock",
		Synopsis: "Checks that every verifiable mock was called (deprecated: use Should -InvokeVerifiable).",
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				msg, err := p.checkVerifiable(c, false, "")
				if err != nil || msg == "" {
					return err
				}
				return throwRecord(pesterError(c, idAssertion, msg, eval.InvalidResult))
			})
		},
	}
}
