package parser

import (
	"github.com/keyhost/keyhost/ps/ast"
	"github.com/keyhost/keyhost/ps/lexer"
	"github.com/keyhost/keyhost/ps/token"
)

// pipelineChainRule parses an assignment, or pipelines joined by && and
// ||, with an optional trailing &. It returns nil (a nil interface) when
// there is nothing to parse.
func (p *parser) pipelineChainRule() ast.Stmt {
	// An expression comes first: it may be the target of an assignment
	// or the first element of a pipeline ("Hi" | Out-Host).
	old := p.setMode(lexer.Expression)
	expr := p.expressionRule(false)
	var assign *lexer.Token
	if expr != nil {
		// Peek in expression mode, else "=0" would be one bareword.
		if t := p.peek(); t.Kind.IsAssignment() {
			p.skip()
			assign = &t
		}
	}
	p.setMode(old)

	if assign != nil {
		return p.assignmentRule(expr, *assign)
	}

	var chain ast.Stmt
	var op *lexer.Token
	start := expr
	for {
		first := p.peek()
		var pl *ast.Pipeline
		if start != nil {
			pl = p.pipelineRule(start)
			start = nil
		} else {
			pl = p.pipelineRule(nil)
		}
		if pl == nil {
			if op == nil {
				return nil
			}
			switch first.Kind {
			case token.EOF:
				p.errorAt(after(*op), errEmptyPipelineChainElement)
			case token.Dot, token.Ampersand:
				// The command rule has reported it.
			default:
				p.errorAt(op.Pos, errEmptyPipelineChainElement)
			}
			return chain
		}
		t := p.peek()
		background := false
		switch t.Kind {
		case token.AndAnd, token.OrOr:
			p.skip()
			p.skipNewlines()
		case token.Ampersand:
			p.skip()
			if n := p.peek(); n.Kind == token.AndAnd || n.Kind == token.OrOr {
				p.skip()
				p.errorAt(n.Pos, errBackgroundOperatorInChain)
				return joinChain(chain, op, pl)
			}
			background = true
			fallthrough
		default:
			if chain == nil {
				pl.Background = background
				return pl
			}
			c := joinChain(chain, op, pl)
			c.(*ast.PipelineChain).Background = background
			return c
		}
		chain = joinChain(chain, op, pl)
		op = &t
		if p.peek().Kind == token.EOF {
			p.errorAt(after(t), errEmptyPipelineChainElement)
			return chain
		}
	}
}

// joinChain adds a pipeline to a chain: left-associative, so a && b || c
// is (a && b) || c.
func joinChain(chain ast.Stmt, op *lexer.Token, pl *ast.Pipeline) ast.Stmt {
	if chain == nil || op == nil {
		return pl
	}
	return &ast.PipelineChain{Span: spanOf(chain, pl), Left: chain, Op: op.Kind, Right: pl}
}

// assignmentRule parses the statement on the right of an assignment
// operator: any statement, so $x = if ($a) {1} else {2} works.
func (p *parser) assignmentRule(left ast.Expr, op lexer.Token) ast.Stmt {
	if !validAssignmentTarget(left) {
		p.errorAt(left.Pos(), errInvalidLeftHandSide)
	}
	p.skipNewlines()
	right := p.statementRule()
	a := &ast.Assignment{Span: span(left.Pos(), op.EndPos), Left: left, Op: op.Kind}
	if right == nil {
		p.errorAt(after(op), errExpectedValueExpression, op.Kind.String())
		return a
	}
	a.Right = right
	a.Span.Stop = right.End()
	return a
}

// validAssignmentTarget reports whether e can be assigned to: a variable,
// a property, an element, a cast or attributed variable, or a list of
// those ($a, $b = 1, 2).
func validAssignmentTarget(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.Variable:
		return !e.Splatted
	case *ast.MemberExpr, *ast.IndexExpr:
		return true
	case *ast.ConvertExpr:
		return validAssignmentTarget(e.Operand)
	case *ast.AttributedExpr:
		return validAssignmentTarget(e.Operand)
	case *ast.ArrayLiteral:
		for _, el := range e.Elements {
			if !validAssignmentTarget(el) {
				return false
			}
		}
		return len(e.Elements) > 0
	case *ast.ParenExpr:
		if pl, ok := e.Stmt.(*ast.Pipeline); ok && len(pl.Elements) == 1 {
			if ce, ok := pl.Elements[0].(*ast.CommandExpr); ok && len(ce.Redirections) == 0 {
				return validAssignmentTarget(ce.Expr)
			}
		}
	}
	return false
}

// pipelineRule parses elements joined by '|'. startExpr, when set, is an
// expression already parsed as the first element. It returns nil when no
// element was found.
func (p *parser) pipelineRule(startExpr ast.Expr) *ast.Pipeline {
	pl := &ast.Pipeline{}
	var pipe *lexer.Token
	expr := startExpr
	for {
		if expr == nil {
			old := p.setMode(lexer.Expression)
			expr = p.expressionRule(false)
			p.setMode(old)
		}
		var el ast.PipelineElement
		if expr != nil {
			if len(pl.Elements) > 0 {
				p.errorAt(expr.Pos(), errExpressionsMustBeFirst)
			}
			ce := &ast.CommandExpr{Span: span(expr.Pos(), expr.End()), Expr: expr}
			redirs := map[int]bool{}
			for t := p.peek(); t.Kind == token.Redirection; t = p.peek() {
				p.skip()
				if r := p.redirectionRule(t, redirs); r != nil {
					ce.Redirections = append(ce.Redirections, r)
					ce.Span.Stop = r.End()
				}
			}
			el = ce
		} else if cmd := p.commandRule(); cmd != nil {
			el = cmd
		}
		expr = nil

		if el != nil {
			pl.Elements = append(pl.Elements, el)
		} else if len(pl.Elements) > 0 || p.peek().Kind == token.Pipe {
			at := p.peek().Pos
			if pipe != nil {
				at = after(*pipe)
			}
			p.errorAt(at, errEmptyPipeElement)
		}

		t := p.peek()
		// PowerShell 7: a line starting with '|' continues the pipeline.
		if t.Kind == token.NewLine && p.lx.PipeContinues(t.End) {
			p.skipNewlines()
			t = p.peek()
		}
		switch t.Kind {
		case token.Semicolon, token.NewLine, token.RParen, token.RCurly, token.EOF,
			token.AndAnd, token.OrOr, token.Ampersand:
			// The calling rule deals with these.
		case token.Pipe:
			p.skip()
			p.skipNewlines()
			pipe = &t
			if p.peek().Kind == token.EOF {
				p.errorAt(after(t), errEmptyPipeElement)
				break
			}
			continue
		default:
			p.errorAt(t.Pos, errUnexpectedToken, tokenText(t.Text))
		}
		break
	}
	if len(pl.Elements) == 0 {
		return nil
	}
	pl.Span = spanOf(pl.Elements[0], pl.Elements[len(pl.Elements)-1])
	return pl
}

// redirectionRule parses the rest of a redirection: the file name after
// >, >> or n>, or nothing after a merge such as 2>&1. seen records the
// redirected streams so a stream redirected twice is reported.
func (p *parser) redirectionRule(t lexer.Token, seen map[int]bool) *ast.Redirection {
	r := &ast.Redirection{Span: span(t.Pos, t.EndPos), From: t.RedirFrom, Append: t.Append}
	if t.RedirTo != 0 {
		r.ToStream = t.RedirTo
		if t.RedirTo != 1 || t.RedirFrom == 1 {
			// Only merging into the success stream (n>&1) is allowed.
			p.errorAt(t.Pos, errRedirectionNotSupported, t.Text)
			r.ToStream = 1
		}
	} else {
		file := p.singleCommandArgument(argContextFileName)
		if file == nil {
			p.errorAt(after(t), errMissingFileSpecification)
		} else {
			r.File = file
			r.Span.Stop = file.End()
		}
		if t.Input {
			p.errorAt(t.Pos, errRedirectionNotSupported, t.Text)
			return nil
		}
	}
	if seen[r.From] {
		p.errorAt(r.Pos(), errStreamAlreadyRedirected, streamNames[r.From])
	}
	seen[r.From] = true
	return r
}
