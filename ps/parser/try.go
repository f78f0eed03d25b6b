package parser

import (
	"github.com/keyhost/keyhost/ps/ast"
	"github.com/keyhost/keyhost/ps/lexer"
	"github.com/keyhost/keyhost/ps/token"
)

// trapStatementRule parses trap [Type] { }.
func (p *parser) trapStatementRule(kw lexer.Token) ast.Stmt {
	s := &ast.TrapStmt{Span: span(kw.Pos, kw.EndPos)}
	rpoint := p.restorePoint()
	p.skipNewlines()
	if it := p.attributeRule(); it != nil {
		if it.typ != nil {
			s.Type = it.typ
			s.Span.Stop = it.span.Stop
		} else {
			// An attribute belongs to whatever follows the trap.
			p.resync(rpoint)
		}
	}
	body := p.statementBlockRule()
	if body == nil {
		p.errorAt(s.Span.Stop, errMissingTrapStatement)
		return s
	}
	s.Body = body
	s.Span.Stop = body.End()
	return s
}

// tryStatementRule parses try { } catch [T1], [T2] { } ... finally { }.
func (p *parser) tryStatementRule(kw lexer.Token) ast.Stmt {
	s := &ast.TryStmt{Span: span(kw.Pos, kw.EndPos)}
	p.skipNewlines()
	body := p.statementBlockRule()
	if body == nil {
		p.errorAt(after(kw), errMissingTryStatementBlock)
		return s
	}
	s.Body = body
	s.Span.Stop = body.End()
	errored := false
	for {
		c, ok := p.catchBlockRule(&errored)
		if !ok {
			break
		}
		if c != nil {
			s.Catches = append(s.Catches, c)
			s.Span.Stop = c.End()
		}
	}
	p.skipNewlines()
	if f := p.peek(); f.Kind == token.Finally {
		p.skip()
		fin := p.statementBlockRule()
		if fin == nil {
			p.errorAt(after(f), errMissingFinallyStatementBlock)
			return s
		}
		s.Finally = fin
		s.Span.Stop = fin.End()
	}
	if len(s.Catches) == 0 && s.Finally == nil && !errored {
		p.errorAt(body.End(), errMissingCatchOrFinally)
	}
	return s
}

// catchBlockRule parses one catch clause. ok is false when there is no
// catch; the clause is nil (with ok set) when it had an error.
func (p *parser) catchBlockRule(errored *bool) (*ast.CatchClause, bool) {
	p.skipNewlines()
	c := p.next()
	if c.Kind != token.Catch {
		p.unget(c)
		return nil, false
	}
	clause := &ast.CatchClause{Span: span(c.Pos, c.EndPos)}
	last := c.EndPos
	var comma *lexer.Token
	for {
		rpoint := p.restorePoint()
		p.skipNewlines()
		it := p.attributeRule()
		if it == nil {
			if comma != nil {
				p.errorAt(after(*comma), errMissingTypeLiteralToken)
				*errored = true
			}
			break
		}
		if it.typ == nil {
			p.resync(rpoint)
			break
		}
		clause.Types = append(clause.Types, it.typ)
		last = it.span.Stop
		p.skipNewlines()
		t := p.peek()
		if t.Kind != token.Comma {
			break
		}
		p.skip()
		comma = &t
	}
	body := p.statementBlockRule()
	if body == nil {
		if !*errored {
			p.errorAt(last, errMissingCatchHandlerBlock)
		}
		*errored = true
		return nil, true
	}
	clause.Body = body
	clause.Span.Stop = body.End()
	return clause, true
}

// dataStatementRule parses data [name] [-SupportedCommand a, b] { }.
func (p *parser) dataStatementRule(kw lexer.Token) ast.Stmt {
	s := &ast.DataStmt{Span: span(kw.Pos, kw.EndPos)}
	last := kw.EndPos
	p.skipNewlines()
	if name := p.simpleNameRule(); name != nil {
		s.Variable = name.Value
		last = name.End()
	}
	p.skipNewlines()
	if t := p.peek(); t.Kind == token.Parameter {
		p.skip()
		last = t.EndPos
		if !isSpecificParameter(t, "SupportedCommand") {
			p.errorAt(t.Pos, errInvalidDataParameter, t.Value)
		}
		for {
			p.skipNewlines()
			cmd := p.singleCommandArgument(argContextCommandName)
			if cmd == nil {
				p.errorAt(last, errMissingDataSupportedCommand)
				return s
			}
			s.SupportedCommands = append(s.SupportedCommands, cmd)
			last = cmd.End()
			if c := p.peek(); c.Kind == token.Comma {
				p.skip()
				last = c.EndPos
				continue
			}
			break
		}
	}
	body := p.statementBlockRule()
	if body == nil {
		p.errorAt(last, errMissingDataStatementBlock)
		return s
	}
	s.Body = body
	s.Span.Stop = body.End()
	return s
}
