package pester

import (
	"fmt"
	"strings"

	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
)

// Mock. A mocked command gets a hook: a dispatcher command with the real
// command's parameters (so calls bind exactly as they would), reached
// through aliases defined in the container's scope (or, with -ModuleName,
// in the module's session state), which PowerShell resolves before
// functions and cmdlets. Each Mock adds a behaviour to the test or block
// it runs in; a call uses the newest behaviour of the current test and
// its blocks whose -ParameterFilter passes (a behaviour without filter is
// the fallback), records the call, and runs -MockWith with the bound
// parameters as variables. When no behaviour applies, the real command
// runs. Behaviours end with their test or block, hooks with the container.

// mockData are the behaviours defined and calls made in a test or block.
type mockData struct {
	// behaviors by command name (lower case), oldest first.
	behaviors map[string][]*behavior
	// calls by hook key ("module||command").
	calls map[string][]*mockCall
}

func newMockData() *mockData {
	return &mockData{behaviors: map[string][]*behavior{}, calls: map[string][]*mockCall{}}
}

// behavior is one Mock call.
type behavior struct {
	command, module string
	filter          *eval.ScriptBlock
	body            *eval.ScriptBlock
	verifiable      bool
	executed        bool
}

// mockCall is one call a behaviour answered.
type mockCall struct {
	bound *value.Hashtable
	args  []any
}

// mockHook is a mocked command in the container being run.
type mockHook struct {
	key             string
	command, module string
	// target is the dispatcher's hidden command-table key, which the
	// aliases point to.
	target     string
	aliasScope *eval.Scope
	aliases    []string
	original   *eval.CommandRef
	info       *eval.CommandInfo
	// table is the command table the dispatcher is registered in.
	table *eval.CommandTable
	// relax are the parameters bound without type or validation.
	relax relaxations
}

// hookKey is the key of a command's hook in a module ("" for the
// script's session state).
func hookKey(module, command string) string {
	return strings.ToLower(module) + "||" + strings.ToLower(command)
}

// isMockTarget reports whether an alias target is a mock dispatcher.
func isMockTarget(target string) bool { return strings.HasPrefix(target, "PesterMock|") }

// mockCommand is Mock.
func (p *Plugin) mockCommand() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:     "Mock",
		Synopsis: "Mocks the behavior of an existing command with an alternate implementation.",
		Parameters: []*eval.Parameter{
			at("CommandName", eval.StringType, 0),
			at("MockWith", scriptBlockType, 1),
			switchParam("Verifiable"),
			named("ParameterFilter", scriptBlockType),
			named("ModuleName", eval.StringType),
			named("RemoveParameterType", eval.StringArrayType),
			named("RemoveParameterValidation", eval.StringArrayType),
		},
		New: func() eval.Processor { return eval.ProcessFunc(p.mock) },
	}
}

// mock implements Mock.
func (p *Plugin) mock(c *eval.Call) error {
	r := p.current()
	if r == nil {
		return notInRun(c, "Mock")
	}
	if r.discovery {
		// Mock between Describe and It is discouraged but common; during
		// discovery Pester ignores it.
		return nil
	}
	module := c.String("ModuleName")
	if !c.Has("ModuleName") {
		if m := c.CallerScope().Module(); m != nil {
			module = m.Name
		}
	}
	relax := relaxations{types: c.Strings("RemoveParameterType"), validation: c.Strings("RemoveParameterValidation")}
	hook, err := r.hookFor(c, p, c.String("CommandName"), module, relax)
	if err != nil {
		return err
	}
	body, _ := c.Value("MockWith").(*eval.ScriptBlock)
	filter, _ := c.Value("ParameterFilter").(*eval.ScriptBlock)
	b := &behavior{command: hook.command, module: module, filter: filter, body: body, verifiable: c.Switch("Verifiable")}
	data := r.mockScope()
	k := strings.ToLower(hook.command)
	data.behaviors[k] = append(data.behaviors[k], b)
	return nil
}

// mockScope is where mocks and calls go now: the test being run, or the
// block (in BeforeAll and AfterAll).
func (r *runState) mockScope() *mockData {
	if r.test != nil && r.test.mocks != nil {
		return r.test.mocks
	}
	if r.block.mocks == nil {
		r.block.mocks = newMockData()
	}
	return r.block.mocks
}

// hookFor returns the hook of a command, creating it: the command is
// resolved where the mock applies (the caller's scope, or the module's),
// and a dispatcher with its parameters is put in front of it.
func (r *runState) hookFor(c *eval.Call, p *Plugin, name, module string, relax relaxations) (*mockHook, error) {
	scope := c.CallerScope()
	aliasScope := r.containerScope
	if module != "" {
		m := c.FindLoadedModule(module)
		if m == nil || m.Scope() == nil {
			return nil, throwf(c, fmt.Sprintf("No modules named '%s' are currently loaded.", module))
		}
		scope, aliasScope = m.Scope(), m.Scope()
	}
	ref := c.ResolveCommand(scope, name, isMockTarget)
	if ref == nil {
		rec := c.NewError(eval.NewException("System.Management.Automation.CommandNotFoundException", "Could not find Command "+name), "Could not find Command "+name, eval.ObjectNotFound, name)
		return nil, throwRecord(rec)
	}
	key := hookKey(module, ref.Name())
	if h, ok := r.hooks[key]; ok {
		if relax.add(h.relax) {
			// A later Mock relaxes more parameters: the dispatcher binds
			// with the union from now on.
			h.relax = relax
			p.table.RegisterHidden(h.target, h.dispatcher(p))
		}
		return h, nil
	}
	h := &mockHook{key: key, command: ref.Name(), module: module, target: "PesterMock|" + module + "|" + ref.Name(), aliasScope: aliasScope, original: ref, info: ref.Info(), table: p.table, relax: relax}
	p.table.RegisterHidden(h.target, h.dispatcher(p))
	h.aliases = []string{ref.Name()}
	if !strings.EqualFold(name, ref.Name()) && !strings.Contains(name, `\`) {
		h.aliases = append(h.aliases, name)
	}
	if m := ref.Module(); m != "" {
		h.aliases = append(h.aliases, m+`\`+ref.Name())
	}
	for _, a := range h.aliases {
		aliasScope.SetAliasTo(a, h.target)
	}
	r.hooks[key] = h
	return h, nil
}

// removeHooks takes the container's mocks away: the aliases and the
// dispatchers.
func (r *runState) removeHooks() {
	for _, h := range r.hooks {
		for _, a := range h.aliases {
			h.aliasScope.RemoveAliasTo(a, h.target)
		}
		h.table.UnregisterHidden(h.target)
	}
	r.hooks = nil
}

// removeMocks ends the behaviours of a test or block.
func (r *runState) removeMocks(d *mockData) {
	if d != nil {
		d.behaviors = map[string][]*behavior{}
	}
}

// remainingArgs is the dispatcher's parameter collecting the arguments a
// simple function would have put in $args.
const remainingArgs = "PesterMockArguments"

// relaxations are Mock's -RemoveParameterType and
// -RemoveParameterValidation: parameters whose type becomes [object], and
// parameters that lose their validation, so stand-in objects bind (the
// usual problem with typed PowerCLI parameters, pester/Pester#803).
type relaxations struct {
	types, validation []string
}

// add merges earlier relaxations into x and reports whether x relaxes
// anything they did not.
func (x *relaxations) add(old relaxations) bool {
	grew := false
	merge := func(dst *[]string, prev []string) {
		known := map[string]bool{}
		for _, n := range prev {
			known[strings.ToLower(n)] = true
		}
		for _, n := range *dst {
			if !known[strings.ToLower(n)] {
				grew = true
			}
		}
		*dst = append(*dst, prev...)
	}
	merge(&x.types, old.types)
	merge(&x.validation, old.validation)
	return grew
}

// apply returns the parameter as the mock binds it.
func (x relaxations) apply(p *eval.Parameter) *eval.Parameter {
	in := func(list []string) bool {
		for _, n := range list {
			if strings.EqualFold(n, p.Name) {
				return true
			}
		}
		return false
	}
	relaxType, relaxValidation := in(x.types), in(x.validation)
	if !relaxType && !relaxValidation {
		return p
	}
	c := *p
	if relaxType {
		c.Type = nil
	}
	if relaxValidation {
		c.NotNull, c.NotNullOrEmpty, c.NotNullOrWhiteSpace = false, false, false
		c.ValidateSet, c.Validate = nil, nil
	}
	return &c
}

// dispatcher builds the command the hook's aliases point to: the real
// command's parameters, and a processor that picks a behaviour.
func (h *mockHook) dispatcher(p *Plugin) *eval.CommandInfo {
	relax := h.relax
	ci := &eval.CommandInfo{Name: h.command, New: func() eval.Processor { return &mockProcessor{p: p, hook: h} }}
	if h.info != nil {
		for _, prm := range h.info.Parameters {
			ci.Parameters = append(ci.Parameters, relax.apply(prm))
		}
		ci.DefaultParameterSet = h.info.DefaultParameterSet
		ci.SupportsShouldProcess = h.info.SupportsShouldProcess
		ci.OutputType = h.info.OutputType
	}
	if !h.original.Advanced() {
		ci.Parameters = append(ci.Parameters, &eval.Parameter{Name: remainingArgs, Remaining: true, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Position: 1000}}})
	}
	return ci
}

// mockProcessor answers one call of a mocked command.
type mockProcessor struct {
	p    *Plugin
	hook *mockHook
}

// Begin implements eval.Processor.
func (m *mockProcessor) Begin(*eval.Call) error { return nil }

// End implements eval.Processor.
func (m *mockProcessor) End(*eval.Call) error { return nil }

// Process implements eval.Processor: once per input object (once with no
// input), pick a behaviour and run it, or call the real command.
func (m *mockProcessor) Process(c *eval.Call) error {
	bound := value.NewHashtable()
	var args []any
	for _, n := range c.Bound() {
		if n == remainingArgs {
			args = value.Enumerate(c.Value(n))
			continue
		}
		bound.Set(n, c.Value(n))
	}
	r := m.p.current()
	var b *behavior
	if r != nil && !r.discovery {
		var err error
		if b, err = r.findBehavior(c, m.hook, bound, args); err != nil {
			return err
		}
	}
	if b == nil {
		var argv []eval.CommandArg
		for _, k := range bound.Keys() {
			v, _ := bound.Get(k)
			argv = append(argv, eval.CommandArg{Name: value.ToString(k), Value: v})
		}
		for _, a := range args {
			argv = append(argv, eval.CommandArg{Value: a})
		}
		return c.InvokeCommand(m.hook.original, argv, c.WriteObject)
	}
	b.executed = true
	data := r.mockScope()
	data.calls[m.hook.key] = append(data.calls[m.hook.key], &mockCall{bound: bound, args: args})
	if b.body == nil {
		return nil
	}
	err := c.RunScriptBlock(b.body, eval.RunOptions{Scope: c.CallerScope(), NewScope: true, Vars: m.hook.vars(bound), Args: args, Output: c.WriteObject})
	if eval.IsFlowControl(err) {
		return nil
	}
	return err
}

// vars are the variables a filter or mock body sees: each bound
// parameter under its name and its aliases, and $PesterBoundParameters.
func (h *mockHook) vars(bound *value.Hashtable) []eval.NamedValue {
	var out []eval.NamedValue
	seen := map[string]bool{}
	add := func(n string, v any) {
		if !seen[strings.ToLower(n)] {
			seen[strings.ToLower(n)] = true
			out = append(out, eval.NamedValue{Name: n, Value: v})
		}
	}
	for _, k := range bound.Keys() {
		name := value.ToString(k)
		v, _ := bound.Get(k)
		add(name, v)
		if h.info == nil {
			continue
		}
		for _, p := range h.info.Parameters {
			if strings.EqualFold(p.Name, name) {
				for _, a := range p.Aliases {
					add(a, v)
				}
			}
		}
	}
	return append(out, eval.NamedValue{Name: "PesterBoundParameters", Value: bound})
}

// activeBehaviors lists the behaviours that apply to a call of the hook
// now, newest first: the current test's, then each block's up to the
// root. Behaviours for another module do not apply; a module's hook falls
// back to the newest default behaviour of the script when the module has
// none.
func (r *runState) activeBehaviors(h *mockHook) []*behavior {
	var all []*behavior
	add := func(d *mockData) {
		if d == nil {
			return
		}
		bs := d.behaviors[strings.ToLower(h.command)]
		for i := len(bs) - 1; i >= 0; i-- {
			all = append(all, bs[i])
		}
	}
	if r.test != nil {
		add(r.test.mocks)
	}
	for b := r.block; b != nil; b = b.Parent {
		add(b.mocks)
	}
	var filtered []*behavior
	var moduleDefault, scriptDefault *behavior
	for _, b := range all {
		switch {
		case b.module != "" && !strings.EqualFold(b.module, h.module):
		case b.module != "" && b.filter == nil:
			if moduleDefault == nil {
				moduleDefault = b
			}
		case b.module != "":
			filtered = append(filtered, b)
		case b.filter == nil:
			if scriptDefault == nil {
				scriptDefault = b
			}
		case h.module == "":
			filtered = append(filtered, b)
		}
	}
	def := scriptDefault
	if h.module != "" && moduleDefault != nil {
		def = moduleDefault
	}
	if def != nil {
		filtered = append(filtered, def)
	}
	return filtered
}

// findBehavior picks the behaviour for a call: the first whose filter
// passes, else the default.
func (r *runState) findBehavior(c *eval.Call, h *mockHook, bound *value.Hashtable, args []any) (*behavior, error) {
	for _, b := range r.activeBehaviors(h) {
		if b.filter == nil {
			return b, nil
		}
		ok, err := r.filterPasses(c, h, b.filter, bound, args)
		if err != nil {
			return nil, err
		}
		if ok {
			return b, nil
		}
	}
	return nil, nil
}

// filterPasses runs a parameter filter against a call's parameters.
func (r *runState) filterPasses(c *eval.Call, h *mockHook, filter *eval.ScriptBlock, bound *value.Hashtable, args []any) (bool, error) {
	var out []any
	prev := r.inFilter
	r.inFilter = true
	err := c.RunScriptBlock(filter, eval.RunOptions{Scope: c.CallerScope(), NewScope: true, Vars: h.vars(bound), Args: args, Output: func(v any) error {
		out = append(out, v)
		return nil
	}})
	r.inFilter = prev
	if err != nil && !eval.IsFlowControl(err) {
		return false, err
	}
	switch len(out) {
	case 0:
		return false, nil
	case 1:
		return value.ToBool(out[0]), nil
	}
	return true, nil
}
