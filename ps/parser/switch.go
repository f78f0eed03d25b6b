package parser

import (
	"github.com/keyhost/keyhost/ps/ast"
	"github.com/keyhost/keyhost/ps/lexer"
	"github.com/keyhost/keyhost/ps/token"
)

// switchStatementRule parses switch [-flags] (value) { pattern { } ... }
// and switch -File path { ... }.
func (p *parser) switchStatementRule(label *lexer.Token, kw lexer.Token) ast.Stmt {
	start, name := labelStart(label, kw)
	s := &ast.SwitchStmt{Span: span(start, kw.EndPos), Label: name}
	last := kw.EndPos
	p.skipNewlines()
	for t := p.peek(); t.Kind == token.Parameter; t = p.peek() {
		p.skip()
		last = t.EndPos
		switch {
		case isSpecificParameter(t, "regex"):
			s.Regex, s.Wildcard, s.Exact = true, false, false
		case isSpecificParameter(t, "wildcard"):
			s.Wildcard, s.Regex, s.Exact = true, false, false
		case isSpecificParameter(t, "exact"):
			s.Exact, s.Regex, s.Wildcard = true, false, false
		case isSpecificParameter(t, "casesensitive"):
			s.CaseSensitive = true
		case isSpecificParameter(t, "parallel"):
		case isSpecificParameter(t, "file"):
			s.File = true
			p.skipNewlines()
			f := p.singleCommandArgument(argContextFileName)
			if f == nil {
				p.errorAt(after(t), errMissingFilenameOption)
			} else {
				s.Cond = exprStatement(f)
				last = f.End()
			}
		default:
			p.errorAt(t.Pos, errInvalidSwitchFlag, t.Value)
		}
	}
	if lp := p.peek(); lp.Kind == token.LParen {
		p.skip()
		last = lp.EndPos
		if s.File {
			p.errorAt(lp.Pos, errPipelineValueRequired)
		}
		p.skipNewlines()
		cond := p.pipelineChainRule()
		if cond == nil {
			p.errorAt(after(lp), errPipelineValueRequired)
		} else {
			s.Cond = cond
			last = cond.End()
		}
		p.skipNewlines()
		rp := p.next()
		if rp.Kind != token.RParen {
			p.unget(rp)
			p.errorAt(last, errMissingEndParenInSwitch)
		} else {
			last = rp.EndPos
		}
	} else if s.Cond == nil && !s.File {
		p.errorAt(last, errPipelineValueRequired)
	}
	p.skipNewlines()
	lc := p.next()
	if lc.Kind != token.LCurly {
		p.unget(lc)
		p.errorAt(last, errMissingCurlyInSwitch)
		return s
	}
	last = lc.EndPos
	p.skipNewlines()
	for {
		t := p.peek()
		var pattern ast.Expr
		isDefault := t.Kind == token.Identifier && equalFold(t.Value, "default")
		if isDefault {
			p.skip()
			pattern = &ast.StringConstant{Span: span(t.Pos, t.EndPos), Kind: ast.BareWord, Value: t.Value}
		} else {
			pattern = p.singleCommandArgument(argContextSwitchCondition)
			if pattern == nil {
				p.errorAt(last, errMissingSwitchCondition)
				if p.peek().Kind == token.RCurly {
					p.skip()
				}
				return s
			}
		}
		last = pattern.End()
		body := p.statementBlockRule()
		if body == nil {
			p.errorAt(last, errMissingSwitchClause)
		} else {
			last = body.End()
			if isDefault {
				if s.Default != nil {
					p.errorAt(pattern.Pos(), errMultipleSwitchDefaults)
				}
				s.Default = body
			} else {
				s.Clauses = append(s.Clauses, &ast.SwitchClause{Span: span(pattern.Pos(), body.End()), Pattern: pattern, Body: body})
			}
		}
		p.skipNewlinesAndSemicolons()
		t = p.peek()
		if t.Kind == token.RCurly {
			p.skip()
			s.Span.Stop = t.EndPos
			return s
		}
		if t.Kind == token.EOF {
			p.errorAt(lc.Pos, errMissingEndCurlyBrace)
			s.Span.Stop = last
			return s
		}
	}
}
