package parser

import (
	"github.com/keyhost/keyhost/ps/ast"
	"github.com/keyhost/keyhost/ps/lexer"
	"github.com/keyhost/keyhost/ps/token"
)

// primaryExpressionRule parses a value: a variable, number, string, ( ),
// $( ), @( ), @{ } or { }, followed (when withMemberAccess is set) by any
// member access, method call and indexing glued to it. It returns nil,
// consuming nothing, when the next token is not a value.
func (p *parser) primaryExpressionRule(withMemberAccess bool) ast.Expr {
	t := p.next()
	var expr ast.Expr
	switch t.Kind {
	case token.Variable, token.SplattedVariable:
		if t.Kind == token.SplattedVariable && p.lx.Mode != lexer.Command {
			p.errorAt(t.Pos, errSplattingNotPermitted, t.Value, t.Value)
		}
		expr = variableNode(t)
	case token.Number:
		expr = &ast.Number{Span: span(t.Pos, t.EndPos), Kind: t.NumKind, Value: t.Num, Text: t.Text}
	case token.StringExpandable:
		expr = p.expandableString(t, ast.DoubleQuoted)
	case token.HereStringExpandable:
		expr = p.expandableString(t, ast.DoubleQuotedHere)
	case token.StringLiteral:
		expr = &ast.StringConstant{Span: span(t.Pos, t.EndPos), Kind: ast.SingleQuoted, Value: t.Value}
	case token.HereStringLiteral:
		expr = &ast.StringConstant{Span: span(t.Pos, t.EndPos), Kind: ast.SingleQuotedHere, Value: t.Value}
	case token.LParen:
		expr = p.parenthesizedExpressionRule(t)
	case token.AtParen, token.DollarParen:
		expr = p.subExpressionRule(t)
	case token.AtCurly:
		expr = p.hashExpressionRule(t)
	case token.LCurly:
		expr = p.scriptBlockExpressionRule(t)
	default:
		p.unget(t)
		return nil
	}
	if !withMemberAccess {
		return expr
	}
	if mem, ok := p.nextMemberAccess(true); ok {
		return p.postPrimary(&mem, expr)
	}
	return expr
}

// variableNode builds a Variable from its token.
func variableNode(t lexer.Token) *ast.Variable {
	return &ast.Variable{
		Span:     span(t.Pos, t.EndPos),
		Name:     t.Value,
		Scope:    t.Scope,
		Splatted: t.Kind == token.SplattedVariable,
		Braced:   t.Braced,
	}
}

// nextMemberAccess returns a member access operator glued to what was just
// parsed. With a lookahead token pending the parse is recovering from an
// error, and there is none.
func (p *parser) nextMemberAccess(allowLBracket bool) (lexer.Token, bool) {
	if p.ungot != nil {
		return lexer.Token{}, false
	}
	return p.lx.MemberAccess(allowLBracket)
}

// postPrimary applies member accesses, method calls and indexing, starting
// with the operator op, to expr.
func (p *parser) postPrimary(op *lexer.Token, expr ast.Expr) ast.Expr {
	for op != nil {
		// Fluent style: a line break may follow the operator.
		p.skipNewlines()
		switch op.Kind {
		case token.Dot, token.ColonColon, token.QuestionDot:
			expr = p.memberAccessRule(expr, *op)
		case token.LBracket, token.QuestionLBracket:
			expr = p.elementAccessRule(expr, *op)
		}
		op = nil
		if next, ok := p.nextMemberAccess(true); ok {
			op = &next
		}
	}
	return expr
}

// memberAccessRule parses the member after '.', '::' or '?.', and the
// argument list when the member is a method call.
func (p *parser) memberAccessRule(target ast.Expr, op lexer.Token) ast.Expr {
	static, nullCond := op.Kind == token.ColonColon, op.Kind == token.QuestionDot
	member := p.memberNameRule()
	if member == nil {
		p.errorAt(after(op), errMissingPropertyName)
		member = p.singleCommandArgument(argContextArgument)
		if member == nil {
			return &ast.MemberExpr{Span: span(target.Pos(), op.EndPos), Target: target, Static: static, NullConditional: nullCond}
		}
	} else if p.ungot == nil {
		if lp, ok := p.lx.InvokeParen(); ok {
			return p.memberInvokeRule(target, member, lp, static, nullCond)
		}
	}
	return &ast.MemberExpr{Span: spanOf(target, member), Target: target, Member: member, Static: static, NullConditional: nullCond}
}

// memberNameRule parses a member name: a word (keywords included:
// $x.Process), or a string, variable or parenthesized expression.
func (p *parser) memberNameRule() ast.Expr {
	if n := p.simpleNameRule(); n != nil {
		return n
	}
	if t := p.peek(); isUnaryOperator(t.Kind) || t.Kind == token.LBracket {
		return p.unaryExpressionRule(false)
	}
	return p.primaryExpressionRule(false)
}

// memberInvokeRule parses the arguments of a method call; lp is the '('
// (or the '{' of $x.Where{ ... }).
func (p *parser) memberInvokeRule(target, member ast.Expr, lp lexer.Token, static, nullCond bool) ast.Expr {
	call := &ast.InvokeMemberExpr{Target: target, Member: member, Static: static, NullConditional: nullCond}
	var end token.Pos
	if lp.Kind == token.LParen {
		call.Args, end = p.invokeArgumentsRule(lp)
	} else {
		p.skipNewlines()
		sb := p.scriptBlockExpressionRule(lp)
		call.Args = []ast.Expr{sb}
		end = sb.End()
	}
	call.Span = span(target.Pos(), end)
	return call
}

// invokeArgumentsRule parses (a, b, c) after a method name. The comma
// separates arguments here instead of building an array.
func (p *parser) invokeArgumentsRule(lp lexer.Token) ([]ast.Expr, token.Pos) {
	oldComma := p.disableComma
	p.disableComma = true
	defer func() { p.disableComma = oldComma }()
	var args []ast.Expr
	var comma *lexer.Token
	reported := false
	end := lp.EndPos
	for {
		p.skipNewlines()
		arg := p.expressionRule(false)
		if arg == nil {
			if comma != nil {
				p.errorAt(after(*comma), errMissingExpressionAfterToken, ",")
				reported = true
			}
			break
		}
		args = append(args, arg)
		end = arg.End()
		p.skipNewlines()
		c := p.next()
		if c.Kind != token.Comma {
			p.unget(c)
			comma = nil
			break
		}
		comma = &c
		end = c.EndPos
	}
	p.skipNewlines()
	rp := p.next()
	if rp.Kind != token.RParen {
		p.unget(rp)
		if !reported {
			p.errorAt(end, errMissingEndParenInMethodCall)
		}
		return args, end
	}
	return args, rp.EndPos
}

// elementAccessRule parses [index] after a value.
func (p *parser) elementAccessRule(target ast.Expr, lb lexer.Token) ast.Expr {
	p.skipNewlines()
	oldComma := p.disableComma
	p.disableComma = false
	idx := p.expressionRule(false)
	p.disableComma = oldComma
	ix := &ast.IndexExpr{Target: target, Index: idx, NullConditional: lb.Kind == token.QuestionLBracket}
	end := lb.EndPos
	if idx == nil {
		p.errorAt(after(lb), errMissingArrayIndexExpression)
	} else {
		end = idx.End()
	}
	p.skipNewlines()
	rb := p.next()
	if rb.Kind != token.RBracket {
		p.unget(rb)
		if idx != nil {
			p.errorAt(idx.End(), errMissingEndSquareBracket)
		}
	} else {
		end = rb.EndPos
	}
	ix.Span = span(target.Pos(), end)
	return ix
}

// parenthesizedExpressionRule parses ( pipeline ) after the '('.
func (p *parser) parenthesizedExpressionRule(lp lexer.Token) ast.Expr {
	old := p.setMode(lexer.Command)
	oldComma := p.disableComma
	p.disableComma = false
	defer func() {
		p.disableComma = oldComma
		p.setMode(old)
	}()
	p.skipNewlines()
	st := p.pipelineChainRule()
	end := lp.EndPos
	if st == nil {
		p.errorAt(after(lp), errExpectedExpression)
	} else {
		end = st.End()
	}
	p.skipNewlines()
	rp := p.next()
	if rp.Kind != token.RParen {
		p.unget(rp)
		if st != nil {
			p.errorAt(end, errMissingEndParenInExpression)
		}
	} else {
		end = rp.EndPos
	}
	return &ast.ParenExpr{Span: span(lp.Pos, end), Stmt: st}
}

// subExpressionRule parses $( statements ) and @( statements ).
func (p *parser) subExpressionRule(open lexer.Token) ast.Expr {
	old := p.setMode(lexer.Command)
	oldComma := p.disableComma
	p.disableComma = false
	defer func() {
		p.disableComma = oldComma
		p.setMode(old)
	}()
	p.skipNewlines()
	var stmts []ast.Stmt
	var traps []*ast.TrapStmt
	p.statementListRule(&stmts, &traps)
	p.skipNewlines()
	body := &ast.StatementBlock{Statements: stmts, Traps: traps}
	body.Span = p.statementsSpan(stmts, traps, &open, nil)
	end := body.End()
	if len(stmts) == 0 && len(traps) == 0 {
		end = open.EndPos
	}
	rp := p.next()
	if rp.Kind != token.RParen {
		p.unget(rp)
		p.errorAt(rp.Pos, errMissingEndParenInSubexpression)
	} else {
		end = rp.EndPos
	}
	if open.Kind == token.DollarParen {
		return &ast.SubExpr{Span: span(open.Pos, end), Body: body}
	}
	return &ast.ArrayExpr{Span: span(open.Pos, end), Body: body}
}

// hashExpressionRule parses @{ key = value; ... } after the '@{'. Entries
// are separated by ';' or line breaks.
func (p *parser) hashExpressionRule(open lexer.Token) ast.Expr {
	p.skipNewlines()
	h := &ast.HashtableExpr{}
	end := open.EndPos
	for {
		kv := p.keyValuePair()
		if kv == nil {
			break
		}
		h.Pairs = append(h.Pairs, kv)
		end = kv.End()
		if k := p.peek().Kind; k != token.NewLine && k != token.Semicolon {
			break
		}
		p.skipNewlinesAndSemicolons()
	}
	rc := p.next()
	if rc.Kind != token.RCurly {
		p.unget(rc)
		p.errorAt(after(open), errMissingEndCurlyBrace)
	} else {
		end = rc.EndPos
	}
	h.Span = span(open.Pos, end)
	return h
}

// keyValuePair parses key = statement; nil when there is no key.
func (p *parser) keyValuePair() *ast.KeyValue {
	old := p.setMode(lexer.Expression)
	key := p.labelOrKeyRule()
	if key == nil {
		p.setMode(old)
		return nil
	}
	eq := p.next()
	p.setMode(old)
	kv := &ast.KeyValue{Span: spanOf(key, key), Key: key}
	if eq.Kind != token.Assign {
		p.unget(eq)
		p.errorAt(key.End(), errMissingEqualsInHashLiteral)
		p.syncOnError(false, token.RCurly, token.Semicolon, token.NewLine)
		return kv
	}
	kv.Span.Stop = eq.EndPos
	old = p.setMode(lexer.Command)
	p.skipNewlines()
	v := p.statementRule()
	p.setMode(old)
	if v == nil {
		p.errorAt(after(eq), errMissingStatementInHashLiteral)
		return kv
	}
	kv.Value = v
	kv.Span.Stop = v.End()
	return kv
}

// labelOrKeyRule parses a hashtable key or a break/continue label: a word
// or a unary expression.
func (p *parser) labelOrKeyRule() ast.Expr {
	if n := p.simpleNameRule(); n != nil {
		return n
	}
	if k := p.peek().Kind; k == token.NewLine || k == token.Semicolon {
		return nil
	}
	oldComma := p.disableComma
	p.disableComma = true
	defer func() { p.disableComma = oldComma }()
	return p.unaryExpressionRule(false)
}

// simpleNameRule parses a plain word (a member name, key or label) as a
// bareword constant; nil when the next token is not one.
func (p *parser) simpleNameRule() *ast.StringConstant {
	p.lx.WantSimpleName = true
	t := p.peek()
	p.lx.WantSimpleName = false
	if t.Kind != token.Identifier {
		return nil
	}
	p.skip()
	return &ast.StringConstant{Span: span(t.Pos, t.EndPos), Kind: ast.BareWord, Value: t.Text}
}

// scriptBlockExpressionRule parses a { } literal after its '{'.
func (p *parser) scriptBlockExpressionRule(lc lexer.Token) *ast.ScriptBlockExpr {
	old := p.setMode(lexer.Command)
	oldComma := p.disableComma
	p.disableComma = false
	defer func() {
		p.disableComma = oldComma
		p.setMode(old)
	}()
	p.skipNewlines()
	sb := p.scriptBlockRule(&lc)
	return &ast.ScriptBlockExpr{Span: sb.Span, Body: sb, Text: p.blockText(lc, sb.Span.Stop)}
}

// blockText returns the source between a '{' and the end of its block,
// without the closing '}'.
func (p *parser) blockText(lc lexer.Token, end token.Pos) string {
	src := p.table.Source()
	from, to := lc.EndPos.Offset, end.Offset
	if to > from && to <= len(src) && src[to-1] == '}' {
		to--
	}
	if from < 0 || to > len(src) || from > to {
		return ""
	}
	return src[from:to]
}
