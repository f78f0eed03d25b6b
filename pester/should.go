package pester

import (
	"strings"

	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
)

// Should: `<actual> | Should [-Not] -<Operator> <expected> [-Because x]`.
// Pipeline input is collected: no input is $null, one item is that item,
// several are an array. Operators that take whole collections (Be,
// Contain, HaveCount, BeNullOrEmpty, ...) see the collected array; the
// others test each item. A failure throws an ErrorRecord with id
// PesterAssertionFailed (or, with -ErrorAction Continue or
// Should.ErrorAction = 'Continue', is collected on the test).

// operator is one Should operator.
type operator struct {
	name    string
	aliases []string
	// params are the operator's own parameters, in positional order for
	// those with a position.
	params []opParam
	// array marks operators that take the collected input as a whole.
	array bool
	// test checks one actual value.
	test func(a *assertion) (outcome, error)
}

// opParam is an operator's parameter.
type opParam struct {
	name       string
	typ        *eval.Type
	switchFlag bool
	// positional gives the parameter the next position of its operator.
	positional bool
}

// outcome is an operator's verdict: ok, or the failure message; data is
// what a passing assertion returns (Should -Throw -PassThru).
type outcome struct {
	ok   bool
	msg  string
	data any
}

// pass and fail build outcomes.
func pass() (outcome, error)           { return outcome{ok: true}, nil }
func fail(msg string) (outcome, error) { return outcome{msg: msg}, nil }

// assertion is one operator applied to one actual value.
type assertion struct {
	c       *eval.Call
	p       *Plugin
	actual  any
	negate  bool
	because string
}

// has and arg read the operator's bound parameters.
func (a *assertion) has(name string) bool { return a.c.Has(name) }
func (a *assertion) arg(name string) any  { return a.c.Value(name) }

// str reads a string parameter.
func (a *assertion) str(name string) string {
	if !a.c.Has(name) {
		return ""
	}
	return a.c.String(name)
}

// becauseText is Format-Because of the assertion's -Because.
func (a *assertion) becauseText() string { return formatBecause(a.because) }

// operators lists Should's operators.
func (p *Plugin) operators() []*operator {
	exp := opParam{name: "ExpectedValue", positional: true}
	return []*operator{
		{name: "Be", aliases: []string{"EQ"}, params: []opParam{exp}, array: true, test: testBe},
		{name: "BeExactly", aliases: []string{"CEQ"}, params: []opParam{exp}, array: true, test: testBeExactly},
		{name: "BeGreaterThan", aliases: []string{"GT"}, params: []opParam{exp}, test: testGreaterThan},
		{name: "BeLessOrEqual", aliases: []string{"LE"}, params: []opParam{exp}, test: testLessOrEqual},
		{name: "BeLessThan", aliases: []string{"LT"}, params: []opParam{exp}, test: testLessThan},
		{name: "BeGreaterOrEqual", aliases: []string{"GE"}, params: []opParam{exp}, test: testGreaterOrEqual},
		{name: "BeIn", params: []opParam{exp}, test: testBeIn},
		{name: "BeLike", params: []opParam{exp}, test: testBeLike},
		{name: "BeLikeExactly", params: []opParam{exp}, test: testBeLikeExactly},
		{name: "BeNullOrEmpty", array: true, test: testBeNullOrEmpty},
		{name: "BeOfType", aliases: []string{"HaveType"}, params: []opParam{{name: "ExpectedType", positional: true}}, test: testBeOfType},
		{name: "BeTrue", test: testBeTrue},
		{name: "BeFalse", test: testBeFalse},
		{name: "Contain", params: []opParam{exp}, array: true, test: testContain},
		{name: "Exist", params: []opParam{{name: "LiteralPath", switchFlag: true}}, test: testExist},
		{name: "FileContentMatch", params: []opParam{{name: "ExpectedContent", positional: true}}, test: fileContentTest(false, false)},
		{name: "FileContentMatchExactly", params: []opParam{{name: "ExpectedContent", positional: true}}, test: fileContentTest(true, false)},
		{name: "FileContentMatchMultiline", params: []opParam{{name: "ExpectedContent", positional: true}}, test: fileContentTest(false, true)},
		{name: "FileContentMatchMultilineExactly", params: []opParam{{name: "ExpectedContent", positional: true}}, test: fileContentTest(true, true)},
		{name: "HaveCount", params: []opParam{{name: "ExpectedValue", typ: eval.Int32Type, positional: true}}, array: true, test: testHaveCount},
		{name: "HaveParameter", params: []opParam{
			{name: "ParameterName", typ: eval.StringType, positional: true},
			{name: "Type", positional: true},
			{name: "DefaultValue", typ: eval.StringType},
			{name: "Mandatory", switchFlag: true},
			{name: "HasArgumentCompleter", switchFlag: true},
			{name: "Alias", typ: eval.StringType},
		}, test: testHaveParameter},
		{name: "Match", params: []opParam{{name: "RegularExpression", positional: true}}, test: testMatch},
		{name: "MatchExactly", aliases: []string{"CMATCH"}, params: []opParam{{name: "RegularExpression", positional: true}}, test: testMatchExactly},
		{name: "Throw", params: []opParam{
			{name: "ExpectedMessage", typ: eval.StringType, positional: true},
			{name: "ErrorId", typ: eval.StringType, positional: true},
			{name: "ExceptionType", positional: true},
			{name: "PassThru", switchFlag: true},
		}, test: testThrow},
		{name: "Invoke", params: []opParam{
			{name: "CommandName", typ: eval.StringType, positional: true},
			{name: "Times", typ: eval.Int32Type, positional: true},
			{name: "ParameterFilter", typ: scriptBlockType, positional: true},
			{name: "ExclusiveFilter", typ: scriptBlockType},
			{name: "ModuleName", typ: eval.StringType},
			{name: "Scope", typ: eval.StringType},
			{name: "Exactly", switchFlag: true},
		}, test: p.testInvoke},
		{name: "InvokeVerifiable", test: p.testInvokeVerifiable},
	}
}

// shouldCommand builds Should: one parameter set per operator, selected
// by the operator's switch, with the operator's own parameters in it.
func (p *Plugin) shouldCommand() *eval.CommandInfo {
	ops := p.operators()
	byName := map[string]*operator{}
	params := []*eval.Parameter{
		{Name: "ActualValue", Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Position: -1, ValueFromPipeline: true}}},
		{Name: "Not", Switch: true},
		{Name: "Because", Type: eval.StringType},
	}
	shared := map[string]*eval.Parameter{}
	var order []string
	for _, op := range ops {
		byName[strings.ToLower(op.name)] = op
		params = append(params, &eval.Parameter{Name: op.name, Aliases: op.aliases, Switch: true, Sets: []eval.ParameterSet{{Name: op.name, Mandatory: true, Position: -1}}})
		pos := 0
		for _, pp := range op.params {
			ps := eval.ParameterSet{Name: op.name, Position: -1}
			if pp.positional {
				ps.Position = pos
				pos++
			}
			x, ok := shared[pp.name]
			if !ok {
				x = &eval.Parameter{Name: pp.name, Type: pp.typ, Switch: pp.switchFlag}
				shared[pp.name] = x
				order = append(order, pp.name)
			}
			x.Sets = append(x.Sets, ps)
		}
	}
	for _, n := range order {
		params = append(params, shared[n])
	}
	return &eval.CommandInfo{
		Name:       "Should",
		Synopsis:   "Should is a keyword that is used to define an assertion inside an It block.",
		Parameters: params,
		New: func() eval.Processor {
			return &shouldProcessor{p: p, ops: byName}
		},
	}
}

// shouldProcessor collects Should's input and asserts at the end.
type shouldProcessor struct {
	p      *Plugin
	ops    map[string]*operator
	inputs []any
}

// Begin implements eval.Processor.
func (s *shouldProcessor) Begin(*eval.Call) error { return nil }

// Process implements eval.Processor: it collects one input object.
func (s *shouldProcessor) Process(c *eval.Call) error {
	if v, ok := c.Input(); ok {
		s.inputs = append(s.inputs, v)
		return nil
	}
	s.inputs = append(s.inputs, c.Value("ActualValue"))
	return nil
}

// End implements eval.Processor: it runs the operator on what came in.
func (s *shouldProcessor) End(c *eval.Call) error {
	op := s.ops[strings.ToLower(c.ParameterSetName())]
	if op == nil {
		return nil
	}
	a := &assertion{c: c, p: s.p, negate: c.Switch("Not"), because: c.String("Because")}
	var values []any
	switch {
	case len(s.inputs) == 0:
		values = []any{nil}
	case op.array:
		values = []any{append([]any{}, s.inputs...)}
	default:
		values = s.inputs
	}
	for _, v := range values {
		a.actual = v
		res, err := op.test(a)
		if err != nil {
			return err
		}
		if res.ok {
			if res.data != nil {
				if err := c.WriteObject(res.data); err != nil {
					return err
				}
			}
			continue
		}
		if err := s.failed(c, res.msg); err != nil {
			return err
		}
	}
	return nil
}

// failed raises or collects a failed assertion.
func (s *shouldProcessor) failed(c *eval.Call, msg string) error {
	rec := pesterError(c, idAssertion, msg, eval.InvalidResult)
	r := s.p.current()
	throw := true
	if r != nil && r.test != nil && !r.inFilter {
		action := r.cfg.ShouldErrorAction
		if c.Has("ErrorAction") {
			action = value.ToString(c.Value("ErrorAction"))
		}
		throw = strings.EqualFold(action, "Stop")
	}
	if throw {
		return throwRecord(rec)
	}
	r.test.ErrorRecords = append(r.test.ErrorRecords, rec)
	return nil
}
