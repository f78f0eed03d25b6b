package parser

import (
	"strings"

	"github.com/keyhost/keyhost/ps/ast"
	"github.com/keyhost/keyhost/ps/lexer"
	"github.com/keyhost/keyhost/ps/token"
)

// statementRule parses one statement, or returns nil when the next token
// cannot start one. The first token is scanned in command mode, where
// keywords are recognised: keywords are keywords only here.
func (p *parser) statementRule() ast.Stmt {
	if !p.enter() {
		return nil
	}
	defer p.leave()
	t := p.next()
	switch t.Kind {
	case token.If:
		return p.ifStatementRule(t)
	case token.Switch:
		return p.switchStatementRule(nil, t)
	case token.Foreach:
		return p.foreachStatementRule(nil, t)
	case token.For:
		return p.forStatementRule(nil, t)
	case token.While:
		return p.whileStatementRule(nil, t)
	case token.Do:
		return p.doStatementRule(nil, t)
	case token.Function, token.Filter:
		return p.functionDeclarationRule(t)
	case token.Return:
		s := &ast.ReturnStmt{Span: span(t.Pos, t.EndPos)}
		if v := p.pipelineChainRule(); v != nil {
			s.Value, s.Span.Stop = v, v.End()
		}
		return s
	case token.Throw:
		s := &ast.ThrowStmt{Span: span(t.Pos, t.EndPos)}
		if v := p.pipelineChainRule(); v != nil {
			s.Value, s.Span.Stop = v, v.End()
		}
		return s
	case token.Exit:
		s := &ast.ExitStmt{Span: span(t.Pos, t.EndPos)}
		if v := p.pipelineChainRule(); v != nil {
			s.Code, s.Span.Stop = v, v.End()
		}
		return s
	case token.Break:
		s := &ast.BreakStmt{Span: span(t.Pos, t.EndPos)}
		if l := p.labelOrKeyRule(); l != nil {
			s.Label, s.Span.Stop = l, l.End()
		}
		return s
	case token.Continue:
		s := &ast.ContinueStmt{Span: span(t.Pos, t.EndPos)}
		if l := p.labelOrKeyRule(); l != nil {
			s.Label, s.Span.Stop = l, l.End()
		}
		return s
	case token.Trap:
		return p.trapStatementRule(t)
	case token.Try:
		return p.tryStatementRule(t)
	case token.Data:
		return p.dataStatementRule(t)
	case token.Label:
		p.skipNewlines()
		return p.labeledStatementRule(t)
	case token.EOF:
		p.unget(t)
		return nil
	case token.Using:
		// Parsed anyway, as pwsh does, to report the misplaced statement.
		u := p.usingStatementRule(t)
		p.errorSpan(u.Pos(), u.End(), errUsingMustBeAtStartOfScript)
		return &ast.Pipeline{Span: u.Span}
	case token.Class, token.Enum:
		return p.unsupportedStatement(t)
	case token.Else, token.ElseIf, token.Catch, token.Until:
		if len(p.errors) > 0 {
			// After an error these are most likely the rest of a broken
			// statement: eat them rather than calling a command "else".
			p.skipNewlines()
			return p.statementRule()
		}
	}
	p.unget(t)
	return p.pipelineChainRule()
}

// unsupportedStatement reports a class or enum statement, which keyhost
// does not run, and skips it.
func (p *parser) unsupportedStatement(t lexer.Token) ast.Stmt {
	p.errorAt(t.Pos, errNotSupportedByKeyhost, t.Value)
	p.syncOnError(true, token.RCurly)
	return &ast.Pipeline{Span: span(t.Pos, t.EndPos)}
}

// usingStatementsRule parses the using statements that start a script.
func (p *parser) usingStatementsRule() []*ast.UsingStmt {
	var out []*ast.UsingStmt
	for {
		p.skipNewlinesAndSemicolons()
		t := p.peek()
		if t.Kind != token.Using {
			return out
		}
		p.skip()
		out = append(out, p.usingStatementRule(t))
	}
}

// usingStatementRule parses `using namespace|module|assembly Name` after
// the keyword. keyhost runs namespace and module; an assembly cannot be
// loaded, so it is reported as unsupported.
func (p *parser) usingStatementRule(kw lexer.Token) *ast.UsingStmt {
	old := p.setMode(lexer.Command)
	defer p.setMode(old)
	s := &ast.UsingStmt{Span: span(kw.Pos, kw.EndPos)}
	kind := p.peek()
	if kind.Kind != token.Generic && kind.Kind != token.Identifier {
		p.errorAt(kw.EndPos, errUsingStatementNotSupported)
		return s
	}
	p.skip()
	s.Kind, s.Span.Stop = strings.ToLower(kind.Value), kind.EndPos
	switch s.Kind {
	case "namespace", "module", "assembly":
	default:
		p.errorAt(kind.Pos, errUsingStatementNotSupported)
		p.syncOnError(false, token.NewLine, token.Semicolon)
		return s
	}
	name := p.peek()
	switch name.Kind {
	case token.Generic, token.Identifier, token.StringLiteral, token.StringExpandable:
		p.skip()
		s.Name, s.NamePos, s.Span.Stop = name.Value, name.Pos, name.EndPos
	case token.AtCurly:
		// using module @{ModuleName = ...} (a ModuleSpecification).
		p.errorAt(name.Pos, errUsingStatementNotSupported)
		p.syncOnError(false, token.NewLine, token.Semicolon)
		return s
	default:
		p.errorAt(kind.EndPos, errMissingUsingItemName)
		return s
	}
	if s.Kind == "assembly" {
		p.errorSpan(s.Pos(), s.End(), errNotSupportedByKeyhost, "using assembly")
	}
	return s
}

// labeledStatementRule parses the loop after a :label, or a pipeline that
// starts with a word beginning with ':'.
func (p *parser) labeledStatementRule(label lexer.Token) ast.Stmt {
	t := p.next()
	switch t.Kind {
	case token.Switch:
		return p.switchStatementRule(&label, t)
	case token.Foreach:
		return p.foreachStatementRule(&label, t)
	case token.For:
		return p.forStatementRule(&label, t)
	case token.While:
		return p.whileStatementRule(&label, t)
	case token.Do:
		return p.doStatementRule(&label, t)
	}
	p.resync(label.Start)
	return p.pipelineChainRule()
}

// labelStart is where a possibly labelled loop starts, and its label.
func labelStart(label *lexer.Token, kw lexer.Token) (token.Pos, string) {
	if label != nil {
		return label.Pos, label.Value
	}
	return kw.Pos, ""
}

// ifStatementRule parses if (cond) { } elseif (cond) { } else { }.
func (p *parser) ifStatementRule(ifTok lexer.Token) ast.Stmt {
	s := &ast.IfStmt{Span: span(ifTok.Pos, ifTok.EndPos)}
	keyword := ifTok
	for {
		p.skipNewlines()
		lp := p.next()
		if lp.Kind != token.LParen {
			p.unget(lp)
			p.errorAt(after(keyword), errMissingOpenParenInIf, keyword.Text)
			return s
		}
		p.skipNewlines()
		cond := p.pipelineChainRule()
		if cond == nil {
			p.errorAt(after(lp), errIfMissingCondition, keyword.Text)
		}
		p.skipNewlines()
		rp := p.next()
		if rp.Kind != token.RParen {
			p.unget(rp)
			if cond != nil {
				p.errorAt(rp.Pos, errMissingEndParenAfterStatement, keyword.Text)
			}
			return s
		}
		p.skipNewlines()
		body := p.statementBlockRule()
		if body == nil {
			p.errorAt(rp.Pos, errMissingStatementBlock, keyword.Text)
			return s
		}
		clause := &ast.IfClause{Span: span(keyword.Pos, body.End()), Cond: cond, Body: body}
		s.Clauses = append(s.Clauses, clause)
		s.Span.Stop = body.End()

		// Look for elseif/else past line breaks, but keep the line break
		// when there is neither: it may end an entry of a hashtable.
		rpoint := p.restorePoint()
		p.skipNewlines()
		keyword = p.peek()
		switch keyword.Kind {
		case token.ElseIf:
			p.skip()
			continue
		case token.Else:
			p.skip()
			p.skipNewlines()
			els := p.statementBlockRule()
			if els == nil {
				p.errorAt(after(keyword), errMissingStatementBlockAfterElse)
				return s
			}
			s.Else = els
			s.Span.Stop = els.End()
		default:
			p.resync(rpoint)
		}
		return s
	}
}

// isSpecificParameter reports whether a parameter token names the given
// parameter (a prefix is enough, as for cmdlet parameters).
func isSpecificParameter(t lexer.Token, name string) bool {
	return t.Value != "" && len(t.Value) <= len(name) && equalFold(name[:len(t.Value)], t.Value)
}

// equalFold compares ASCII words case-insensitively.
func equalFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		ca, cb := a[i], b[i]
		if 'A' <= ca && ca <= 'Z' {
			ca += 'a' - 'A'
		}
		if 'A' <= cb && cb <= 'Z' {
			cb += 'a' - 'A'
		}
		if ca != cb {
			return false
		}
	}
	return true
}

// exprStatement wraps an expression as a one-element pipeline.
func exprStatement(e ast.Expr) *ast.Pipeline {
	sp := span(e.Pos(), e.End())
	return &ast.Pipeline{Span: sp, Elements: []ast.PipelineElement{&ast.CommandExpr{Span: sp, Expr: e}}}
}
