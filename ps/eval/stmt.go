package eval

import (
	"errors"
	"strings"

	"github.com/keyhost/keyhost/ps/ast"
	"github.com/keyhost/keyhost/ps/token"
	"github.com/keyhost/keyhost/ps/value"
)

// runScriptBody runs the named blocks of a script or command string.
// Scripts with a process block get it run once (there is no pipeline
// input at the top level).
func (f *frame) runScriptBody(body *ast.ScriptBlock, emit emitter) error {
	for _, blk := range namedBlocks(body) {
		if err := f.execStatements(blk.Statements, blockTraps(body, blk), emit); err != nil {
			return err
		}
	}
	return nil
}

// execStatements runs a statement list. A terminating error that
// reaches a statement is handled there as PowerShell's statement-level
// handler does (traps first, then $ErrorActionPreference); traps given
// here cover the list and everything nested in it.
func (f *frame) execStatements(stmts []ast.Stmt, traps []*ast.TrapStmt, emit emitter) error {
	if len(traps) > 0 {
		prev := f.traps
		f.traps = traps
		defer func() { f.traps = prev }()
	}
	for _, s := range stmts {
		if err := f.r.ctx.Err(); err != nil {
			return err
		}
		if f.site != nil {
			f.site.line = s.Pos().Line
		}
		err := f.execStmt(s, emit)
		if err == nil {
			continue
		}
		if err = f.handleStatementError(err, emit); err != nil {
			return err
		}
	}
	return nil
}

// handleStatementError decides what a failed statement means for the
// statement list it is in (PowerShell's CheckActionPreference): nil to go
// on with the next statement, or the error to propagate.
func (f *frame) handleStatementError(err error, emit emitter) error {
	var rt *RuntimeError
	if !errors.As(err, &rt) {
		return err // flow control, exit, cancellation, internal errors
	}
	f.r.setSuccess(false)
	f.r.recordError(rt.Record)
	var pref actionPreference
	if len(f.traps) > 0 {
		var out error
		pref, out = f.runTrap(rt, emit)
		if out != nil {
			return out
		}
	} else {
		if f.r.tryDepth > 0 || (!rt.StatementOnly && !rt.FromThrow) {
			return err
		}
		if rt.command != nil && rt.command == f.cmdlet {
			return err
		}
		pref = toAction(f.preference("erroractionpreference"))
	}
	switch pref {
	case actSilentlyContinue, actIgnore:
		return nil
	case actStop, actInquire, actSuspend, actBreak:
		return rt.escalate()
	}
	if len(f.traps) == 0 && rt.FromThrow {
		return err
	}
	f.r.reportStatementError(rt.Record)
	return nil
}

// runTrap handles an error with the scope's traps (PowerShell's
// ProcessTraps): with no matching trap the error propagates; a trap ending
// in continue suppresses it, one ending in break propagates it, and any
// other trap leaves the decision to $ErrorActionPreference. It returns the
// action to take, or an error raised inside the trap.
func (f *frame) runTrap(rt *RuntimeError, emit emitter) (actionPreference, error) {
	clauses := make([][]string, len(f.traps))
	for i, t := range f.traps {
		if t.Type != nil {
			clauses[i] = []string{t.Type.Name}
		}
	}
	h := rt.matchHandler(clauses)
	if h < 0 {
		return actStop, rt.escalate()
	}
	t := f.traps[h]
	scope := newScope(f.scope, false)
	scope.setLocal("_", rt.Record)
	scope.setLocal("PSItem", rt.Record)
	inner := f.child(scope, f.src)
	err := inner.execStatements(t.Body.Statements, t.Body.Traps, emit)
	f.r.setSuccess(false)
	var cont *continueSignal
	var brk *breakSignal
	switch {
	case errors.As(err, &cont):
		return actSilentlyContinue, nil
	case errors.As(err, &brk):
		return actStop, rt.escalate()
	case err != nil:
		return actStop, err
	}
	return toAction(f.preference("erroractionpreference")), nil
}

// execStmt runs one statement, sending its output to emit.
func (f *frame) execStmt(s ast.Stmt, emit emitter) error {
	switch st := s.(type) {
	case *ast.Pipeline:
		return f.runPipeline(st, emit)
	case *ast.PipelineChain:
		return f.execChain(st, emit)
	case *ast.Assignment:
		_, err := f.assign(st)
		return err
	case *ast.IfStmt:
		return f.execIf(st, emit)
	case *ast.ForEachStmt:
		return f.execForEach(st, emit)
	case *ast.ForStmt:
		return f.execFor(st, emit)
	case *ast.WhileStmt:
		return f.execWhile(st, emit)
	case *ast.DoStmt:
		return f.execDo(st, emit)
	case *ast.SwitchStmt:
		return f.execSwitch(st, emit)
	case *ast.FunctionDef:
		f.defineFunction(st)
		return nil
	case *ast.ReturnStmt:
		if st.Value != nil {
			if err := f.execStmt(st.Value, emit); err != nil {
				return err
			}
		}
		return returnSignal{}
	case *ast.BreakStmt:
		label, err := f.labelOf(st.Label)
		if err != nil {
			return err
		}
		return &breakSignal{label: label}
	case *ast.ContinueStmt:
		label, err := f.labelOf(st.Label)
		if err != nil {
			return err
		}
		return &continueSignal{label: label}
	case *ast.ExitStmt:
		return f.execExit(st)
	case *ast.ThrowStmt:
		return f.execThrow(st)
	case *ast.TryStmt:
		return f.execTry(st, emit)
	case *ast.TrapStmt:
		return nil // traps were lifted into their block's Traps list
	case *ast.StatementBlock:
		return f.execStatements(st.Statements, st.Traps, emit)
	case *ast.DataStmt:
		v, err := f.collect(func(e emitter) error { return f.execStatements(st.Body.Statements, st.Body.Traps, e) })
		if err != nil {
			return err
		}
		if st.Variable != "" {
			return f.scope.set(st.Variable, v)
		}
		return emitAll(v, emit)
	}
	return f.runtimeErrorAt(s, "NotSupported", "This statement is not supported by keyhost yet.")
}

// labelOf evaluates the label of break/continue ("" for none).
func (f *frame) labelOf(e ast.Expr) (string, error) {
	if e == nil {
		return "", nil
	}
	return f.evalName(e)
}

// execChain runs a && / || chain: the right side runs when the left
// succeeded (&&) or failed (||).
func (f *frame) execChain(c *ast.PipelineChain, emit emitter) error {
	if err := f.execStmt(c.Left, emit); err != nil {
		return err
	}
	ok := f.r.lastSuccess()
	if (c.Op == token.AndAnd) == ok {
		return f.runPipeline(c.Right, emit)
	}
	return nil
}

func (f *frame) execIf(s *ast.IfStmt, emit emitter) error {
	for _, c := range s.Clauses {
		v, err := f.evalStmtValue(c.Cond)
		if err != nil {
			return err
		}
		if value.ToBool(v) {
			return f.execStatements(c.Body.Statements, c.Body.Traps, emit)
		}
	}
	if s.Else != nil {
		return f.execStatements(s.Else.Statements, s.Else.Traps, emit)
	}
	return nil
}

// loopControl interprets an error from a loop body: done reports that the
// loop must stop, err is what to propagate (nil for a plain break).
func loopControl(err error, label string) (done bool, out error) {
	if err == nil {
		return false, nil
	}
	var brk *breakSignal
	if errors.As(err, &brk) {
		if brk.label == "" || strings.EqualFold(brk.label, label) {
			return true, nil
		}
		return true, err
	}
	var cont *continueSignal
	if errors.As(err, &cont) {
		if cont.label == "" || strings.EqualFold(cont.label, label) {
			return false, nil
		}
		return true, err
	}
	return true, err
}

func (f *frame) execForEach(s *ast.ForEachStmt, emit emitter) error {
	lo, hi, isRange, coll, err := f.rangeIterable(s.Iterable)
	if err != nil {
		return err
	}
	if isRange {
		return f.forEachRange(s, lo, hi, emit)
	}
	if coll == nil {
		if coll, err = f.evalStmtValue(s.Iterable); err != nil {
			return err
		}
	}
	if value.IsNull(coll) {
		return nil // foreach over $null runs zero times (PowerShell 3+)
	}
	return f.forEachLoop(s, &enumerator{items: value.Enumerate(coll)}, emit)
}

// forEachLoop runs a foreach loop's body for each element of its
// enumerator, which is $foreach meanwhile.
func (f *frame) forEachLoop(s *ast.ForEachStmt, e loopEnumerator, emit emitter) error {
	saved := saveVar(f.scope, "foreach")
	defer saved.restore(f.scope)
	f.scope.setLocal("foreach", e)
	set := f.loopVariable(s.Variable)
	for {
		item, ok := e.next()
		if !ok {
			return nil
		}
		if err := f.r.ctx.Err(); err != nil {
			return err
		}
		if err := set(item); err != nil {
			return err
		}
		err := f.execStatements(s.Body.Statements, s.Body.Traps, emit)
		if done, out := loopControl(err, s.Label); done {
			return out
		}
	}
}

// rangeIterable recognizes foreach ($x in a..b) with integer bounds, which
// runs without building the array: the bounds are evaluated once, as
// PowerShell does, and the values are produced as the loop goes. For other
// ranges it returns the built collection; for other iterables nothing.
func (f *frame) rangeIterable(st ast.Stmt) (lo, hi int64, ok bool, coll any, err error) {
	p, isPipe := st.(*ast.Pipeline)
	if !isPipe || len(p.Elements) != 1 {
		return 0, 0, false, nil, nil
	}
	ce, isExpr := p.Elements[0].(*ast.CommandExpr)
	if !isExpr || len(ce.Redirections) != 0 {
		return 0, 0, false, nil, nil
	}
	be, isRange := ce.Expr.(*ast.BinaryExpr)
	if !isRange || be.Op != token.DotDot {
		return 0, 0, false, nil, nil
	}
	l, err := f.eval(be.Left)
	if err != nil {
		return 0, 0, false, nil, err
	}
	r, err := f.eval(be.Right)
	if err != nil {
		return 0, 0, false, nil, err
	}
	if !value.IsInteger(l) || !value.IsInteger(r) {
		out, err := rangeOp(nullIfAutomation(l), nullIfAutomation(r))
		if err != nil {
			return 0, 0, false, nil, f.opError(be, token.DotDot, err)
		}
		return 0, 0, false, out, nil
	}
	lo, _ = value.ToInt64(l)
	hi, _ = value.ToInt64(r)
	return lo, hi, true, nil, nil
}

// forEachRange runs a foreach loop over lo..hi.
func (f *frame) forEachRange(s *ast.ForEachStmt, lo, hi int64, emit emitter) error {
	return f.forEachLoop(s, newRangeEnumerator(lo, hi), emit)
}

// loopVariable returns the assignment of a foreach loop's variable. A
// plain local variable is resolved once and assigned directly; the scope's
// generation says when it must be looked up again (the body removed or
// replaced it).
func (f *frame) loopVariable(v *ast.Variable) func(any) error {
	if v.Scope != "" {
		return func(x any) error { return f.assignVariable(v, x) }
	}
	sc := f.scope
	var x *Variable
	gen := -1
	return func(val any) error {
		if gen != sc.gen || x == nil {
			x = sc.local(v.Name)
			if x == nil {
				if err := f.assignVariable(v, val); err != nil {
					return err
				}
				x = sc.local(v.Name)
				gen = sc.gen
				return nil
			}
			gen = sc.gen
		}
		if err := x.assign(val); err != nil {
			return f.variableWriteError(v, err)
		}
		return nil
	}
}

func (f *frame) execFor(s *ast.ForStmt, emit emitter) error {
	if s.Init != nil {
		if err := f.execStmt(s.Init, discardUnlessOutput(s.Init, emit)); err != nil {
			return err
		}
	}
	for {
		if err := f.r.ctx.Err(); err != nil {
			return err
		}
		if s.Cond != nil {
			v, err := f.evalStmtValue(s.Cond)
			if err != nil {
				return err
			}
			if !value.ToBool(v) {
				return nil
			}
		}
		err := f.execStatements(s.Body.Statements, s.Body.Traps, emit)
		if done, out := loopControl(err, s.Label); done {
			return out
		}
		if s.Iter != nil {
			if err := f.execStmt(s.Iter, discardUnlessOutput(s.Iter, emit)); err != nil {
				return err
			}
		}
	}
}

// discardUnlessOutput keeps the output of for-loop init/iterator parts
// that really produce output (a bare expression) and drops the rest.
func discardUnlessOutput(s ast.Stmt, emit emitter) emitter {
	if _, ok := s.(*ast.Assignment); ok {
		return discard
	}
	return emit
}

func (f *frame) execWhile(s *ast.WhileStmt, emit emitter) error {
	for {
		if err := f.r.ctx.Err(); err != nil {
			return err
		}
		v, err := f.evalStmtValue(s.Cond)
		if err != nil {
			return err
		}
		if !value.ToBool(v) {
			return nil
		}
		err = f.execStatements(s.Body.Statements, s.Body.Traps, emit)
		if done, out := loopControl(err, s.Label); done {
			return out
		}
	}
}

func (f *frame) execDo(s *ast.DoStmt, emit emitter) error {
	for {
		if err := f.r.ctx.Err(); err != nil {
			return err
		}
		err := f.execStatements(s.Body.Statements, s.Body.Traps, emit)
		if done, out := loopControl(err, s.Label); done {
			return out
		}
		v, err := f.evalStmtValue(s.Cond)
		if err != nil {
			return err
		}
		if value.ToBool(v) == s.Until {
			return nil
		}
	}
}

func (f *frame) execExit(s *ast.ExitStmt) error {
	code := 0
	if s.Code != nil {
		v, err := f.evalStmtValue(s.Code)
		if err != nil {
			return err
		}
		n, err := value.ToInt32(v)
		if err != nil {
			return f.errorAt(s, RuntimeException(err.Error()), "InvalidCastFromStringToInteger", InvalidArgument, v)
		}
		code = int(n)
	}
	return &ExitError{Code: code}
}

// execThrow implements throw: a string (or any other object) becomes a
// RuntimeException whose id is the text, an ErrorRecord is rethrown, an
// exception object is thrown as is, and a bare throw inside catch rethrows
// the current error (PowerShell's ConvertToException).
func (f *frame) execThrow(s *ast.ThrowStmt) error {
	var v any
	if s.Value != nil {
		var err error
		if v, err = f.evalStmtValue(s.Value); err != nil {
			return err
		}
	} else if f.catching != nil {
		rethrown := *f.catching
		rethrown.StatementOnly = false
		rethrown.FromThrow = true
		return &rethrown
	}
	var rec *ErrorRecord
	switch x := v.(type) {
	case *ErrorRecord:
		if x.Invocation == nil {
			x.Invocation = f.invocation(s, "")
		}
		return &RuntimeError{Record: x, FromThrow: true}
	case *Exception:
		x.WasThrownFromThrowStatement = true
		if x.IsA("System.Management.Automation.RuntimeException") && x.ErrorRecord != nil {
			rec = x.ErrorRecord
			break
		}
		rec = NewErrorRecord(x, x.Message, OperationStopped, nil)
	default:
		msg := value.ToString(v)
		if value.IsNull(v) {
			msg = "ScriptHalted"
		}
		ex := RuntimeException(msg)
		ex.WasThrownFromThrowStatement = true
		ex.Payload = v
		rec = NewErrorRecord(ex, msg, OperationStopped, nullIfAutomation(v))
		if !value.IsNull(v) {
			rec.TargetName = msg
		}
		ex.ErrorRecord = rec
	}
	if rec.Invocation == nil {
		rec.Invocation = f.invocation(s, "")
	}
	if rec.ScriptStackTrace == "" {
		rec.ScriptStackTrace = f.r.stackTrace()
	}
	return &RuntimeError{Record: rec, FromThrow: true}
}

// execTry runs try/catch/finally. Only terminating errors reach a catch;
// the finally block runs on every way out, flow control included.
func (f *frame) execTry(s *ast.TryStmt, emit emitter) (result error) {
	f.r.tryDepth++
	err := f.execStatements(s.Body.Statements, s.Body.Traps, emit)
	f.r.tryDepth--
	if s.Finally != nil {
		defer func() {
			if ferr := f.execStatements(s.Finally.Statements, s.Finally.Traps, emit); ferr != nil {
				result = ferr
			}
		}()
	}
	var rt *RuntimeError
	if err == nil || !errors.As(err, &rt) {
		return err
	}
	clauses := make([][]string, len(s.Catches))
	for i, c := range s.Catches {
		for _, t := range c.Types {
			clauses[i] = append(clauses[i], t.Name)
		}
	}
	h := rt.matchHandler(clauses)
	if h < 0 {
		return err
	}
	c := s.Catches[h]
	f.r.recordError(rt.Record)
	f.r.setSuccess(false)
	savedUnder, savedItem := saveVar(f.scope, "_"), saveVar(f.scope, "PSItem")
	prevCatching := f.catching
	f.scope.setLocal("_", rt.Record)
	f.scope.setLocal("PSItem", rt.Record)
	f.catching = rt
	cerr := f.execStatements(c.Body.Statements, c.Body.Traps, emit)
	f.catching = prevCatching
	savedUnder.restore(f.scope)
	savedItem.restore(f.scope)
	return cerr
}
