package parser

import (
	"strings"

	"github.com/keyhost/keyhost/ps/ast"
	"github.com/keyhost/keyhost/ps/lexer"
	"github.com/keyhost/keyhost/ps/token"
)

// attrItem is one bracketed item before a parameter, param block or
// expression: an attribute [Name(args)] or a type constraint [Type].
type attrItem struct {
	attr *ast.Attribute // set for an attribute
	typ  *ast.TypeName  // set for a type constraint
	span ast.Span       // from '[' to ']'
}

// attributeListRule parses consecutive attributes and type constraints.
// Line breaks may separate them, except after a type constraint in an
// expression, where "[int]" alone on a line is a type literal.
func (p *parser) attributeListRule(inExpression bool) []attrItem {
	var items []attrItem
	for {
		it := p.attributeRule()
		if it == nil {
			return items
		}
		items = append(items, *it)
		if !inExpression || it.attr != nil {
			p.skipNewlines()
		}
	}
}

// nextLBracket returns the '[' that starts an attribute, if there is one.
func (p *parser) nextLBracket() (lexer.Token, bool) {
	if p.stopped {
		return lexer.Token{}, false
	}
	if p.ungot != nil {
		switch {
		case p.ungot.Kind == token.LBracket:
			return p.next(), true
		case p.ungot.Kind == token.Generic && strings.HasPrefix(p.ungot.Text, "["):
			// Command mode scanned "[string]$x" as one word.
			p.resync(p.ungot.Start)
		default:
			return lexer.Token{}, false
		}
	}
	return p.lx.LBracket()
}

// attributeRule parses [Type] or [Name(positional, Named = value, Flag)].
// It returns nil, consuming nothing, when there is no '['.
func (p *parser) attributeRule() *attrItem {
	lb, ok := p.nextLBracket()
	if !ok {
		return nil
	}
	p.skipNewlines()
	tn := p.typeNameRule()
	if tn == nil {
		p.resync(lb.Start)
		p.errorAt(after(lb), errMissingTypename)
		return nil
	}
	t := p.next()
	if t.Kind == token.LParen {
		attr := &ast.Attribute{Name: tn}
		p.skipNewlines()
		last := t.EndPos
		old := p.setMode(lexer.Expression)
		p.attributeArgumentsRule(attr, &last)
		p.setMode(old)
		p.skipNewlines()
		end := last
		rp := p.next()
		if rp.Kind != token.RParen {
			p.unget(rp)
			p.errorAt(last, errMissingEndParenInExpression)
		} else {
			end = rp.EndPos
			p.skipNewlines()
			if rb := p.next(); rb.Kind != token.RBracket {
				p.unget(rb)
				p.errorAt(end, errEndSquareBracketAttribute)
			} else {
				end = rb.EndPos
			}
		}
		attr.Span = span(lb.Pos, end)
		return &attrItem{attr: attr, span: attr.Span}
	}
	end := t.EndPos
	if t.Kind != token.RBracket {
		p.unget(t)
		p.errorAt(tn.End(), errEndSquareBracketAttribute)
		end = tn.End()
	}
	return &attrItem{typ: tn, span: span(lb.Pos, end)}
}

// attributeArgumentsRule parses the arguments of an attribute; last is
// moved to the end of each argument read.
func (p *parser) attributeArgumentsRule(attr *ast.Attribute, last *token.Pos) {
	oldComma := p.disableComma
	p.disableComma = true
	defer func() { p.disableComma = oldComma }()
	var comma *lexer.Token
	for {
		p.skipNewlines()
		if name := p.simpleNameRule(); name != nil {
			na := &ast.NamedArg{Span: spanOf(name, name), Name: name.Value}
			if eq := p.peek(); eq.Kind == token.Assign {
				p.skip()
				p.skipNewlines()
				v := p.expressionRule(false)
				if v == nil {
					p.errorAt(after(eq), errMissingExpressionInNamedArg)
					na.Span.Stop = eq.EndPos
					p.syncOnError(false, token.Comma, token.RParen, token.RBracket, token.NewLine)
				} else {
					na.Value = v
					na.Span.Stop = v.End()
				}
			}
			attr.Named = append(attr.Named, na)
			*last = na.End()
		} else {
			v := p.expressionRule(false)
			if v == nil {
				if comma != nil {
					p.errorAt(after(*comma), errMissingExpressionAfterToken, ",")
				}
				return
			}
			attr.Positional = append(attr.Positional, v)
			*last = v.End()
		}
		p.skipNewlines()
		c := p.peek()
		if c.Kind != token.Comma {
			return
		}
		p.skip()
		comma = &c
		*last = c.EndPos
	}
}

// typeNameRule parses a type name inside brackets: int, string[],
// System.Collections.Generic.Dictionary[string,int]. It returns nil,
// consuming nothing, when there is no name.
func (p *parser) typeNameRule() *ast.TypeName {
	old := p.setMode(lexer.TypeName)
	defer p.setMode(old)
	t := p.next()
	if t.Kind != token.Identifier {
		p.unget(t)
		return nil
	}
	return p.finishTypeName(t)
}

// finishTypeName parses the generic arguments and array suffixes after
// the name token t (type-name mode).
func (p *parser) finishTypeName(t lexer.Token) *ast.TypeName {
	tn := &ast.TypeName{Span: span(t.Pos, t.EndPos), Name: t.Value, Base: t.Value}
	if !p.enter() {
		return tn
	}
	defer p.leave()
	lb := p.peek()
	if lb.Kind != token.LBracket {
		return tn
	}
	p.skip()
	first := p.next()
	switch first.Kind {
	case token.Identifier, token.LBracket:
		args, rb, ok := p.genericArgumentsRule(first)
		tn.Generic = args
		names := make([]string, len(args))
		for i, a := range args {
			names[i] = a.Name
		}
		tn.Name = tn.Base + "[" + strings.Join(names, ",") + "]"
		if !ok {
			return tn
		}
		tn.Span.Stop = rb.EndPos
		if n := p.peek(); n.Kind == token.LBracket {
			p.skip()
			return p.arrayTypeName(tn, p.next())
		}
		return tn
	case token.Comma, token.RBracket:
		return p.arrayTypeName(tn, first)
	case token.EOF:
		p.unget(first)
		p.errorAt(lb.EndPos, errEndSquareBracketAttribute)
		return tn
	}
	p.errorAt(first.Pos, errUnexpectedToken, tokenText(first.Text))
	p.syncOnError(true, token.RBracket)
	return tn
}

// genericArgumentsRule parses the type arguments of a generic type, from
// the token after its '[' to the closing ']'.
func (p *parser) genericArgumentsRule(t lexer.Token) (args []*ast.TypeName, rb lexer.Token, ok bool) {
	for {
		var arg *ast.TypeName
		switch t.Kind {
		case token.LBracket:
			// [[string],[int]]: a bracketed argument.
			arg = p.typeNameRule()
			if arg == nil {
				p.errorAt(after(t), errMissingTypename)
				p.syncOnError(true, token.RBracket)
				return args, t, false
			}
			if r := p.next(); r.Kind != token.RBracket {
				p.unget(r)
				p.errorAt(arg.End(), errEndSquareBracketType)
				return append(args, arg), r, false
			}
		case token.Identifier:
			arg = p.finishTypeName(t)
		default:
			p.unget(t)
			p.errorAt(t.Pos, errMissingTypename)
			return args, t, false
		}
		args = append(args, arg)
		n := p.next()
		switch n.Kind {
		case token.Comma:
			t = p.next()
			continue
		case token.RBracket:
			return args, n, true
		}
		p.unget(n)
		p.errorAt(arg.End(), errEndSquareBracketType)
		return args, n, false
	}
}

// arrayTypeName parses array suffixes ([] and [,]) after elem; first is
// the token after the '['.
func (p *parser) arrayTypeName(elem *ast.TypeName, first lexer.Token) *ast.TypeName {
	for {
		rank := 1
		t := first
		for t.Kind == token.Comma {
			rank++
			t = p.next()
		}
		end := t.EndPos
		if t.Kind != token.RBracket {
			p.unget(t)
			p.errorAt(t.Pos, errEndSquareBracketAttribute)
			end = t.Pos
		}
		elem = &ast.TypeName{
			Span:    span(elem.Pos(), end),
			Name:    elem.Name + "[" + strings.Repeat(",", rank-1) + "]",
			Base:    elem.Base,
			Array:   rank,
			Generic: elem.Generic,
			Element: elem,
		}
		if t.Kind != token.RBracket {
			return elem
		}
		n := p.peek()
		if n.Kind != token.LBracket {
			return elem
		}
		p.skip()
		first = p.next()
		if first.Kind != token.Comma && first.Kind != token.RBracket {
			p.errorAt(first.Pos, errUnexpectedToken, tokenText(first.Text))
			p.syncOnError(true, token.RBracket)
			return elem
		}
	}
}
