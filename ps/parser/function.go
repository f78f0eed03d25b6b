package parser

import (
	"github.com/keyhost/keyhost/ps/ast"
	"github.com/keyhost/keyhost/ps/lexer"
	"github.com/keyhost/keyhost/ps/token"
)

// functionDeclarationRule parses function/filter Name [(params)] { body }.
func (p *parser) functionDeclarationRule(kw lexer.Token) ast.Stmt {
	p.skipNewlines()
	nameTok := p.next()
	switch nameTok.Kind {
	case token.Pipe, token.LParen, token.LCurly, token.AtParen, token.AtCurly, token.RCurly,
		token.RParen, token.EOF, token.Semicolon, token.Redirection, token.AndAnd, token.OrOr,
		token.Ampersand, token.Variable, token.SplattedVariable, token.StringLiteral,
		token.StringExpandable, token.HereStringLiteral, token.HereStringExpandable, token.NewLine:
		p.unget(nameTok)
		p.errorAt(after(kw), errMissingNameAfterKeyword, kw.Text)
		return &ast.FunctionDef{Span: span(kw.Pos, kw.EndPos)}
	}
	name := nameTok.Text
	if nameTok.Kind == token.Generic {
		name = nameTok.Value
	}
	fn := &ast.FunctionDef{Span: span(kw.Pos, nameTok.EndPos), Name: name, IsFilter: kw.Kind == token.Filter}

	// function Name($a, $b) form.
	var rp *lexer.Token
	errored := false
	p.skipNewlines()
	if lp := p.peek(); lp.Kind == token.LParen {
		p.skip()
		fn.Params = p.parameterListRule()
		if fn.Params == nil {
			fn.Params = []*ast.Parameter{}
		}
		p.skipNewlines()
		r := p.next()
		if r.Kind != token.RParen {
			p.unget(r)
			at := after(lp)
			if n := len(fn.Params); n > 0 {
				at = fn.Params[n-1].End()
			}
			p.errorAt(at, errMissingEndParenInParamList)
			errored = true
		} else {
			rp = &r
		}
		p.skipNewlines()
		p.checkDuplicateParameters(fn.Params)
	}
	lc := p.next()
	if lc.Kind != token.LCurly {
		p.unget(lc)
		if !errored {
			at := after(nameTok)
			if rp != nil {
				at = after(*rp)
			}
			p.errorAt(at, errMissingFunctionBody)
		}
		return fn
	}
	body := p.scriptBlockRule(&lc)
	if fn.Params != nil && body.Param != nil {
		p.errorAt(body.Param.Pos(), errOnlyOneParameterList)
	}
	fn.Body = body
	fn.Span.Stop = body.Span.Stop
	return fn
}
