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
	v, err := f.evalStmtValue(s.Cond)
	if err != nil {
		return err
	}
	var items []any
	if s.File {
		if items, err = f.switchFileLines(s, v); err != nil {
			return err
		}
	} else {
		if value.IsNull(v) && v != nil {
			return nil // switch over no output runs no clause
		}
		items = value.Enumerate(v)
	}
	e := &enumerator{items: items}
	saved := saveVar(f.scope, "switch")
	defer saved.restore(f.scope)
	f.scope.setLocal("switch", e)
	for {
		item, ok := e.next()
		if !ok {
			break
		}
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
	saved := saveVar(f.scope, "_")
	f.scope.setLocal("_", item)
	defer saved.restore(f.scope)
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

// switchFileLines reads the file of switch -File: its lines, without
// their line breaks. The path is relative to the current location; a
// file that cannot be read is pwsh's FileOpenError.
func (f *frame) switchFileLines(s *ast.SwitchStmt, pathValue any) ([]any, error) {
	p := f.r.absPath(strings.ReplaceAll(value.ToString(pathValue), `\`, "/"))
	data, err := f.r.host.FS.ReadFile(p)
	if err != nil {
		return nil, f.errorAt(s.Cond, RuntimeException("The file could not be read: Cannot find path '"+p+"' because it does not exist."), "FileOpenError", InvalidOperation, pathValue)
	}
	return splitLines(strings.TrimPrefix(string(data), "\ufeff")), nil
}
