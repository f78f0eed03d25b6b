package parser

import (
	"github.com/keyhost/keyhost/ps/ast"
	"github.com/keyhost/keyhost/ps/lexer"
)

// expandableString turns a double-quoted string, here-string or bareword
// token into a StringConstant when it has no expansions, else into an
// ExpandableString whose parts are the literal pieces, the variables and
// the $( ) subexpressions, each parsed on its own.
func (p *parser) expandableString(t lexer.Token, kind ast.StringKind) ast.Expr {
	sp := span(t.Pos, t.EndPos)
	if t.Parts == nil {
		return &ast.StringConstant{Span: sp, Kind: kind, Value: t.Value}
	}
	es := &ast.ExpandableString{Span: sp, Kind: kind, Raw: t.Raw}
	for _, part := range t.Parts {
		switch part.Kind {
		case lexer.PartText:
			es.Parts = append(es.Parts, &ast.StringConstant{Span: span(part.Pos, part.EndPos), Kind: kind, Value: part.Value})
		case lexer.PartVariable:
			es.Parts = append(es.Parts, variableNode(*part.Var))
		case lexer.PartSubExpr:
			if e := p.nestedSubExpression(part); e != nil {
				es.Parts = append(es.Parts, e)
			}
		}
	}
	return es
}

// nestedSubExpression parses the text of a "$( ... )" found in a string
// with a lexer of its own, positions still pointing into the file.
func (p *parser) nestedSubExpression(part lexer.Part) ast.Expr {
	// The lookahead lives in p.look, which the nested parse reuses: save
	// the token itself.
	saveLx, saveLook, hadLook := p.lx, p.look, p.ungot != nil
	nested := lexer.NewNested(part.Sub, p.table, p.lexError)
	nested.Mode = saveLx.Mode
	p.lx, p.ungot = nested, nil
	defer func() {
		p.lx, p.look, p.ungot = saveLx, saveLook, nil
		if hadLook {
			p.ungot = &p.look
		}
	}()
	// Like PowerShell, parse one primary expression and ignore anything
	// after it (there is nothing unless the text was cut short by an error).
	return p.primaryExpressionRule(false)
}
