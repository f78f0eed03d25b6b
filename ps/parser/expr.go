package parser

import (
	"github.com/keyhost/keyhost/ps/ast"
	"github.com/keyhost/keyhost/ps/lexer"
	"github.com/keyhost/keyhost/ps/token"
)

// binaryPrecedence returns how tightly a binary operator binds (higher is
// tighter), or 0 for a token that is not a binary operator. The levels
// are PowerShell's own (token.cs): -and -or -xor, then -band -bor -bxor,
// then all comparison, matching, containment, type, -replace, -split,
// -join, -shl and -shr operators, then ??, + -, * / %, -f and .. .
//
// Note that the about_Operator_Precedence page lists ?? near assignment
// and the bitwise operators with comparison; the engine binds ?? tighter
// than comparison and -band/-bor/-bxor looser, and keyhost follows the
// engine: $null ?? 5 -gt 3 is ($null ?? 5) -gt 3.
func binaryPrecedence(k token.Kind) int {
	switch k {
	case token.And, token.Or, token.Xor:
		return 1
	case token.Band, token.Bor, token.Bxor:
		return 2
	case token.Join, token.Split, token.Csplit, token.Is, token.IsNot, token.As, token.Shl, token.Shr:
		return 5
	case token.QuestionQuestion:
		return 7
	case token.Plus, token.Minus:
		return 9
	case token.Multiply, token.Divide, token.Remainder:
		return 10
	case token.Format:
		return 12
	case token.DotDot:
		return 13
	}
	if k.IsComparison() {
		return 5
	}
	return 0
}

// isUnaryOperator reports whether k can start a unary expression.
func isUnaryOperator(k token.Kind) bool {
	switch k {
	case token.Comma, token.Not, token.Exclaim, token.Bnot, token.Plus, token.Minus,
		token.PlusPlus, token.MinusMinus, token.Join, token.Split, token.Csplit:
		return true
	}
	return false
}

// expressionRule parses an expression: a binary expression, possibly the
// condition of a ternary. ternary makes '?' and ':' end numbers, for
// operands of a ternary (1?2:3).
func (p *parser) expressionRule(ternary bool) ast.Expr {
	old := p.setMode(lexer.Expression)
	defer p.setMode(old)
	cond := p.binaryExpressionRule(ternary)
	if cond == nil {
		return nil
	}
	q := p.peek()
	if q.Kind != token.QuestionMark {
		return cond
	}
	p.skip()
	p.skipNewlines()
	ifTrue := p.expressionRule(true)
	if ifTrue == nil {
		p.errorAt(after(q), errExpectedValueExpression, "?")
		return cond
	}
	p.skipNewlines()
	c := p.next()
	if c.Kind != token.Colon {
		p.unget(c)
		p.errorAt(c.Pos, errMissingColonInTernary)
		return cond
	}
	p.skipNewlines()
	ifFalse := p.expressionRule(true)
	if ifFalse == nil {
		p.errorAt(after(c), errExpectedValueExpression, ":")
		return cond
	}
	return &ast.TernaryExpr{Span: spanOf(cond, ifFalse), Cond: cond, Then: ifTrue, Else: ifFalse}
}

// binaryExpressionRule parses operands joined by binary operators, with
// operator precedence; operators of equal precedence are left-associative.
// A line break may follow an operator.
func (p *parser) binaryExpressionRule(ternary bool) ast.Expr {
	old := p.setMode(lexer.Expression)
	defer p.setMode(old)
	expr := p.arrayLiteralRule(ternary)
	if expr == nil {
		return nil
	}
	t := p.peek()
	prec := binaryPrecedence(t.Kind)
	if prec == 0 {
		if t.Kind == token.Parameter {
			return p.parameterInExpression(t, expr)
		}
		return expr
	}
	p.skip()
	operands := []ast.Expr{expr}
	ops := []lexer.Token{t}
	var param *lexer.Token
	reduce := func() {
		n := len(operands)
		lhs, rhs := operands[n-2], operands[n-1]
		op := ops[len(ops)-1]
		operands = append(operands[:n-2], &ast.BinaryExpr{Span: spanOf(lhs, rhs), Op: op.Kind, OpPos: op.Pos, Left: lhs, Right: rhs})
		ops = ops[:len(ops)-1]
	}
	for {
		p.skipNewlines()
		rhs := p.arrayLiteralRule(true)
		if rhs == nil {
			op := ops[len(ops)-1]
			p.errorAt(after(op), errExpectedValueExpression, op.Text)
			ops = ops[:len(ops)-1]
			break
		}
		operands = append(operands, rhs)
		t = p.next()
		newPrec := binaryPrecedence(t.Kind)
		if newPrec == 0 {
			if t.Kind == token.Parameter {
				param = &t
			}
			p.unget(t)
			break
		}
		for len(ops) > 0 && newPrec <= prec {
			reduce()
			if len(ops) > 0 {
				prec = binaryPrecedence(ops[len(ops)-1].Kind)
			}
		}
		ops = append(ops, t)
		prec = newPrec
	}
	for len(ops) > 0 {
		reduce()
	}
	result := operands[0]
	if param != nil {
		return p.parameterInExpression(*param, result)
	}
	return result
}

// parameterInExpression reports a -word that is not an operator after an
// expression ("$a -foo $b") and eats it, as PowerShell does.
func (p *parser) parameterInExpression(t lexer.Token, expr ast.Expr) ast.Expr {
	p.errorAt(t.Pos, errUnexpectedToken, tokenText(t.Text))
	p.skip()
	return expr
}

// arrayLiteralRule parses unary expressions joined by commas: 1, 2, 3.
// The comma binds tighter than every binary operator, so 1,2 + 3 is
// (1,2) + 3.
func (p *parser) arrayLiteralRule(ternary bool) ast.Expr {
	first := p.unaryExpressionRule(ternary)
	if first == nil {
		return nil
	}
	c := p.peek()
	if c.Kind != token.Comma || p.disableComma {
		return first
	}
	elems := []ast.Expr{first}
	end := first.End()
	for c.Kind == token.Comma {
		p.skip()
		p.skipNewlines()
		e := p.unaryExpressionRule(true)
		if e == nil {
			p.errorAt(after(c), errMissingExpressionAfterToken, ",")
			end = c.EndPos
			break
		}
		elems = append(elems, e)
		end = e.End()
		c = p.peek()
	}
	return &ast.ArrayLiteral{Span: span(first.Pos(), end), Elements: elems}
}

// unaryExpressionRule parses prefix operators, casts and attributes, a
// primary expression and postfix ++/--. A cast applies to the next unary
// expression only: [string]1,2 casts 1.
func (p *parser) unaryExpressionRule(ternary bool) ast.Expr {
	if !p.enter() {
		return nil
	}
	defer p.leave()

	// Here "-1" is a number, not a minus: rescan a minus already seen.
	oldSigned, oldTernary := p.lx.AllowSignedNumbers, p.lx.EndNumberOnTernary
	p.lx.AllowSignedNumbers, p.lx.EndNumberOnTernary = true, ternary
	if p.ungot != nil && (p.ungot.Kind == token.Minus || (ternary && p.ungot.Kind == token.Generic)) {
		p.resync(p.ungot.Start)
	}
	t := p.peek()
	p.lx.AllowSignedNumbers, p.lx.EndNumberOnTernary = oldSigned, oldTernary

	var expr ast.Expr
	switch {
	case isUnaryOperator(t.Kind):
		if p.disableComma && t.Kind == token.Comma {
			return nil
		}
		p.skip()
		p.skipNewlines()
		child := p.unaryExpressionRule(true)
		if child == nil {
			p.errorAt(after(t), errMissingExpressionAfterOperator, t.Text)
			return &ast.UnaryExpr{Span: span(t.Pos, t.EndPos), Op: t.Kind}
		}
		expr = &ast.UnaryExpr{Span: span(t.Pos, child.End()), Op: t.Kind, Operand: child}
	case t.Kind == token.LBracket:
		expr = p.castOrAttributeRule()
		if expr == nil {
			return nil
		}
	default:
		expr = p.primaryExpressionRule(true)
		if expr == nil {
			return nil
		}
	}
	if n := p.peek(); n.Kind == token.PlusPlus || n.Kind == token.MinusMinus {
		p.skip()
		expr = &ast.UnaryExpr{Span: span(expr.Pos(), n.EndPos), Op: n.Kind, Postfix: true, Operand: expr}
	}
	return expr
}

// castOrAttributeRule parses what starts with '[' in an expression: a type
// literal ([math]::Round), a cast ([int]$x) or an attributed expression
// ([ValidateNotNull()]$x). Several may be stacked: [int][string]$x.
func (p *parser) castOrAttributeRule() ast.Expr {
	items := p.attributeListRule(true)
	if len(items) == 0 {
		return nil
	}
	last := items[len(items)-1]
	var expr ast.Expr
	if last.attr != nil {
		p.skipNewlines()
		child := p.unaryExpressionRule(true)
		if child == nil {
			p.errorAt(last.span.Start, errUnexpectedAttribute, last.attr.Name.Name)
			return &ast.AttributedExpr{Span: last.span, Attribute: last.attr}
		}
		expr = &ast.AttributedExpr{Span: span(last.span.Start, child.End()), Attribute: last.attr, Operand: child}
	} else {
		typeExpr := &ast.TypeExpr{Span: last.span, Type: last.typ}
		if mem, ok := p.nextMemberAccess(false); ok {
			// [Type]::Member or [Type].Member: a type literal.
			expr = p.postPrimary(&mem, typeExpr)
		} else if n := p.peek(); n.Kind != token.NewLine && n.Kind != token.Comma {
			if child := p.unaryExpressionRule(true); child != nil {
				expr = &ast.ConvertExpr{Span: span(last.span.Start, child.End()), Type: last.typ, Operand: child}
			}
		}
		if expr == nil {
			expr = typeExpr
		}
	}
	for i := len(items) - 2; i >= 0; i-- {
		it := items[i]
		if it.typ != nil {
			expr = &ast.ConvertExpr{Span: span(it.span.Start, expr.End()), Type: it.typ, Operand: expr}
		} else {
			expr = &ast.AttributedExpr{Span: span(it.span.Start, expr.End()), Attribute: it.attr, Operand: expr}
		}
	}
	return expr
}
