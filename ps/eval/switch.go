package eval

import (
	"errors"
	"strings"

	"github.com/keyhost/keyhost/ps/ast"
	"github.com/keyhost/keyhost/ps/value"
	"github.com/keyhost/keyhost/ps/wildcard"
)

// execSwitch runs a switch statement: every clause whose pattern matches
// the value runs (not only the first), for each element of a collection;
// break leaves the switch, continue moves to the next element. The default
// clause runs when no clause matched the element.
func (f *frame) execSwitch(s *ast.SwitchStmt, emit emitter) error {
	if s.File {
		return f.runtimeErrorAt(s, "NotSupported", "switch -File is not supported by keyhost yet.")
	}
	v, err := f.evalStmtValue(s.Cond)
	if err != nil {
		return err
	}
	if value.IsNull(v) && v != nil {
		return nil // switch over no output runs no clause
	}
	for _, item := range value.Enumerate(v) {
		matched := false
		for _, c := range s.Clauses {
			ok, err := f.switchMatches(s, c, item)
			if err != nil {
				return err
			}
			if !ok {
				continue
			}
			matched = true
			err = f.runSwitchBody(c.Body, item, emit)
			if stop, out := switchControl(err, s.Label); stop {
				return out
			} else if out == errNextItem {
				break
			}
		}
		if !matched && s.Default != nil {
			err := f.runSwitchBody(s.Default, item, emit)
			if stop, out := switchControl(err, s.Label); stop {
				return out
			}
		}
	}
	return nil
}

// errNextItem tells the clause loop that continue was used: go to the
// next element.
var errNextItem = errors.New("next switch item")

// switchControl interprets flow control out of a switch body: stop says the
// switch must end, out is the error to return (or errNextItem). A switch
// treats break like a loop does; its continue moves to the next element.
func switchControl(err error, label string) (stop bool, out error) {
	var cont *continueSignal
	if errors.As(err, &cont) && (cont.label == "" || strings.EqualFold(cont.label, label)) {
		return false, errNextItem
	}
	return loopControl(err, label)
}

// runSwitchBody runs a clause body with $_ set to the current element.
func (f *frame) runSwitchBody(body *ast.StatementBlock, item any, emit emitter) error {
	prev := f.scope.vars["_"]
	_ = f.scope.set("_", item)
	defer restoreVar(f.scope, "_", prev)
	return f.execStatements(body.Statements, body.Traps, emit)
}

// switchMatches tests one clause against an element.
func (f *frame) switchMatches(s *ast.SwitchStmt, c *ast.SwitchClause, item any) (bool, error) {
	if sb, ok := c.Pattern.(*ast.ScriptBlockExpr); ok {
		block := &ScriptBlock{Body: sb.Body, Text: sb.Text, src: f.src}
		out, err := f.collectList(func(e emitter) error { return f.invokeBlockInScope(block, item, nil, e) })
		if err != nil {
			return false, err
		}
		return value.ToBool(listValue(out)), nil
	}
	pat, err := f.eval(c.Pattern)
	if err != nil {
		return false, err
	}
	text := value.ToString(item)
	pattern := value.ToString(pat)
	switch {
	case s.Regex:
		re, err := compileRegex(pattern, s.CaseSensitive)
		if err != nil {
			return false, f.errorAt(c, RuntimeException(err.Error()), "InvalidRegularExpression", InvalidArgument, pattern)
		}
		m := re.FindStringSubmatchIndex(text)
		if m != nil {
			_ = f.scope.set("Matches", matchesTable(re, text, m))
		}
		return m != nil, nil
	case s.Wildcard:
		return wildcard.Match(pattern, text, s.CaseSensitive), nil
	}
	if value.IsNumber(item) || value.IsNumber(pat) {
		return value.Equals(item, pat, s.CaseSensitive), nil
	}
	if s.CaseSensitive {
		return text == pattern, nil
	}
	return strings.EqualFold(text, pattern), nil
}
