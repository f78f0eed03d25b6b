package parser

import (
	"github.com/keyhost/keyhost/ps/ast"
	"github.com/keyhost/keyhost/ps/lexer"
	"github.com/keyhost/keyhost/ps/token"
)

// foreachStatementRule parses foreach ($v in pipeline) { }.
func (p *parser) foreachStatementRule(label *lexer.Token, kw lexer.Token) ast.Stmt {
	start, name := labelStart(label, kw)
	s := &ast.ForEachStmt{Span: span(start, kw.EndPos), Label: name}
	p.skipNewlines()
	for t := p.peek(); t.Kind == token.Parameter; t = p.peek() {
		// -Parallel and -ThrottleLimit belonged to workflows; keyhost
		// accepts and ignores them.
		p.skip()
		switch {
		case isSpecificParameter(t, "parallel"):
		case isSpecificParameter(t, "throttlelimit"):
			p.skipNewlines()
			p.singleCommandArgument(argContextArgument)
		default:
			p.errorAt(t.Pos, errInvalidForeachFlag, t.Value)
		}
		p.skipNewlines()
	}
	lp := p.next()
	if lp.Kind != token.LParen {
		p.unget(lp)
		p.errorAt(after(kw), errMissingOpenParenAfterKeyword, kw.Text)
		return s
	}
	p.skipNewlines()
	v := p.next()
	if v.Kind != token.Variable && v.Kind != token.SplattedVariable {
		p.unget(v)
		p.errorAt(after(lp), errMissingVariableAfterForeach)
		return s
	}
	s.Variable = variableNode(v)
	s.Span.Stop = v.EndPos
	p.skipNewlines()
	in := p.next()
	if in.Kind != token.In {
		p.unget(in)
		p.errorAt(v.EndPos, errMissingInInForeach)
		return s
	}
	p.skipNewlines()
	iter := p.pipelineChainRule()
	if iter == nil {
		p.errorAt(after(in), errMissingForeachExpression)
		return s
	}
	s.Iterable = iter
	p.skipNewlines()
	rp := p.next()
	if rp.Kind != token.RParen {
		p.unget(rp)
		p.errorAt(iter.End(), errMissingEndParenAfterForeach)
		return s
	}
	body := p.statementBlockRule()
	if body == nil {
		p.errorAt(after(rp), errMissingForeachStatement)
		return s
	}
	s.Body = body
	s.Span.Stop = body.End()
	return s
}

// forStatementRule parses for (init; cond; iter) { }.
func (p *parser) forStatementRule(label *lexer.Token, kw lexer.Token) ast.Stmt {
	start, name := labelStart(label, kw)
	s := &ast.ForStmt{Span: span(start, kw.EndPos), Label: name}
	p.skipNewlines()
	lp := p.next()
	if lp.Kind != token.LParen {
		p.unget(lp)
		p.errorAt(after(kw), errMissingOpenParenAfterKeyword, kw.Text)
		return s
	}
	last := lp.EndPos
	part := func() ast.Stmt {
		p.skipNewlines()
		st := p.pipelineChainRule()
		if st != nil {
			last = st.End()
		}
		if t := p.peek(); t.Kind == token.Semicolon {
			p.skip()
			last = t.EndPos
		}
		return st
	}
	s.Init = part()
	s.Cond = part()
	s.Iter = part()
	p.skipNewlines()
	rp := p.next()
	if rp.Kind != token.RParen {
		p.unget(rp)
		p.errorAt(last, errMissingEndParenAfterStatement, kw.Text)
		return s
	}
	body := p.statementBlockRule()
	if body == nil {
		p.errorAt(after(rp), errMissingLoopStatement, kw.Text)
		return s
	}
	s.Body = body
	s.Span.Stop = body.End()
	return s
}

// whileStatementRule parses while (cond) { }.
func (p *parser) whileStatementRule(label *lexer.Token, kw lexer.Token) ast.Stmt {
	start, name := labelStart(label, kw)
	s := &ast.WhileStmt{Span: span(start, kw.EndPos), Label: name}
	p.skipNewlines()
	lp := p.next()
	if lp.Kind != token.LParen {
		p.unget(lp)
		p.errorAt(after(kw), errMissingOpenParenAfterKeyword, kw.Text)
		return s
	}
	p.skipNewlines()
	cond := p.pipelineChainRule()
	if cond == nil {
		p.errorAt(after(lp), errMissingExpressionAfterKeyword, kw.Text)
	}
	s.Cond = cond
	p.skipNewlines()
	rp := p.next()
	if rp.Kind != token.RParen {
		p.unget(rp)
		if cond != nil {
			p.errorAt(cond.End(), errMissingEndParenAfterStatement, kw.Text)
		}
		return s
	}
	p.skipNewlines()
	body := p.statementBlockRule()
	if body == nil {
		p.errorAt(after(rp), errMissingLoopStatement, kw.Text)
		return s
	}
	s.Body = body
	s.Span.Stop = body.End()
	return s
}

// doStatementRule parses do { } while (cond) and do { } until (cond).
func (p *parser) doStatementRule(label *lexer.Token, kw lexer.Token) ast.Stmt {
	start, name := labelStart(label, kw)
	s := &ast.DoStmt{Span: span(start, kw.EndPos), Label: name}
	body := p.statementBlockRule()
	if body == nil {
		p.errorAt(after(kw), errMissingLoopStatement, kw.Text)
		return s
	}
	s.Body = body
	s.Span.Stop = body.End()
	p.skipNewlines()
	w := p.next()
	if w.Kind != token.While && w.Kind != token.Until {
		p.unget(w)
		p.errorAt(body.End(), errMissingWhileOrUntil)
		return s
	}
	s.Until = w.Kind == token.Until
	p.skipNewlines()
	lp := p.next()
	if lp.Kind != token.LParen {
		p.unget(lp)
		p.errorAt(after(w), errMissingOpenParenAfterKeyword, w.Text)
		return s
	}
	p.skipNewlines()
	cond := p.pipelineChainRule()
	if cond == nil {
		p.errorAt(after(lp), errMissingExpressionAfterKeyword, w.Text)
	}
	s.Cond = cond
	p.skipNewlines()
	rp := p.next()
	if rp.Kind != token.RParen {
		p.unget(rp)
		if cond != nil {
			p.errorAt(cond.End(), errMissingEndParenAfterStatement, w.Text)
		}
		return s
	}
	s.Span.Stop = rp.EndPos
	return s
}
