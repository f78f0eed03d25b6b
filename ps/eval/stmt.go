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

// execStatements runs a statement list. A statement-terminating error that
// nothing catches is reported and the list goes on with the next
// statement; traps declared in the list handle errors first.
func (f *frame) execStatements(stmts []ast.Stmt, traps []*ast.TrapStmt, emit emitter) error {
	for _, s := range stmts {
		if err := f.r.ctx.Err(); err != nil {
			return err
		}
		err := f.execStmt(s, emit)
		if err == nil {
			continue
		}
		if err = f.handleStatementError(err, traps, emit); err != nil {
			return err
		}
	}
	return nil
}

// handleStatementError decides what a failed statement means for the
// statement list it is in: nil to go on with the next statement, or the
// error to propagate.
func (f *frame) handleStatementError(err error, traps []*ast.TrapStmt, emit emitter) error {
	var rt *RuntimeError
	if !errors.As(err, &rt) {
		return err // flow control, exit, cancellation, internal errors
	}
	if len(traps) > 0 {
		if trap := matchingTrap(traps, rt.Record); trap != nil {
			return f.runTrap(trap, rt, emit)
		}
	}
	if !rt.StatementOnly || f.r.tryDepth > 0 {
		return err
	}
	f.r.setSuccess(false)
	switch toAction(f.preference("ErrorActionPreference")) {
	case actStop, actInquire:
		return &RuntimeError{Record: rt.Record}
	case actSilentlyContinue:
		f.r.recordError(rt.Record)
	case actIgnore:
	default:
		f.r.reportError(rt.Record)
	}
	return nil
}

// matchingTrap returns the first trap whose type matches the error.
func matchingTrap(traps []*ast.TrapStmt, rec *ErrorRecord) *ast.TrapStmt {
	for _, t := range traps {
		if t.Type == nil || (rec.Exception != nil && rec.Exception.Is(t.Type.Name)) {
			return t
		}
	}
	return nil
}

// runTrap runs a trap body with $_ set to the error. A trap ending in
// continue suppresses the error; one ending in break rethrows it; any
// other trap reports the error and lets the script go on.
func (f *frame) runTrap(t *ast.TrapStmt, rt *RuntimeError, emit emitter) error {
	scope := newScope(f.scope, false)
	_ = scope.set("_", rt.Record)
	_ = scope.set("PSItem", rt.Record)
	err := f.child(scope, f.src).execStatements(t.Body.Statements, t.Body.Traps, emit)
	var cont *continueSignal
	var brk *breakSignal
	switch {
	case errors.As(err, &cont):
		f.r.recordError(rt.Record)
		return nil
	case errors.As(err, &brk):
		return &RuntimeError{Record: rt.Record}
	case err != nil:
		return err
	}
	f.r.reportError(rt.Record)
	return nil
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
		f.scope.defineFunction(newFunction(st, f.src))
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
	coll, err := f.evalStmtValue(s.Iterable)
	if err != nil {
		return err
	}
	if value.IsNull(coll) {
		return nil // foreach over $null runs zero times (PowerShell 3+)
	}
	for _, item := range value.Enumerate(coll) {
		if err := f.assignVariable(s.Variable, item); err != nil {
			return err
		}
		err := f.execStatements(s.Body.Statements, s.Body.Traps, emit)
		if done, out := loopControl(err, s.Label); done {
			return out
		}
	}
	return nil
}

func (f *frame) execFor(s *ast.ForStmt, emit emitter) error {
	if s.Init != nil {
		if err := f.execStmt(s.Init, discardUnlessOutput(s.Init, emit)); err != nil {
			return err
		}
	}
	for {
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

// execThrow implements throw: a string becomes a RuntimeException whose
// id is the text, an ErrorRecord is rethrown, an exception object is thrown
// as is, and a bare throw inside catch rethrows the current error.
func (f *frame) execThrow(s *ast.ThrowStmt) error {
	var v any
	if s.Value != nil {
		var err error
		if v, err = f.evalStmtValue(s.Value); err != nil {
			return err
		}
	} else if cur, ok := f.lookupVariable(&ast.Variable{Name: "_"}); ok {
		if rec, isRec := cur.(*ErrorRecord); isRec {
			return &RuntimeError{Record: rec}
		}
	}
	var rec *ErrorRecord
	switch x := v.(type) {
	case *ErrorRecord:
		return &RuntimeError{Record: x}
	case *Exception:
		x.WasThrownFromThrowStatement = true
		rec = NewErrorRecord(x, x.Types[0], OperationStopped, nil)
	default:
		msg := value.ToString(v)
		if value.IsNull(v) {
			msg = "ScriptHalted"
		}
		ex := RuntimeException(msg)
		ex.WasThrownFromThrowStatement = true
		ex.Payload = v
		rec = NewErrorRecord(ex, msg, OperationStopped, v)
	}
	rec.Invocation = f.invocation(s, "")
	return &RuntimeError{Record: rec}
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
	for _, c := range s.Catches {
		if !catchMatches(c, rt.Record) {
			continue
		}
		f.r.recordError(rt.Record)
		prev := f.scope.vars["_"]
		_ = f.scope.set("_", rt.Record)
		_ = f.scope.set("PSItem", rt.Record)
		cerr := f.execStatements(c.Body.Statements, c.Body.Traps, emit)
		if prev != nil {
			f.scope.setVar(prev)
		} else {
			f.scope.remove("_")
		}
		return cerr
	}
	return err
}

func catchMatches(c *ast.CatchClause, rec *ErrorRecord) bool {
	if len(c.Types) == 0 {
		return true
	}
	for _, t := range c.Types {
		if rec.Exception != nil && rec.Exception.Is(t.Name) {
			return true
		}
	}
	return false
}
