package parser

import (
	"strings"

	"github.com/keyhost/keyhost/ps/ast"
	"github.com/keyhost/keyhost/ps/lexer"
	"github.com/keyhost/keyhost/ps/token"
)

// scriptBlockRule parses a script block: the whole file when lCurly is
// nil, else the inside of { } after lCurly (the closing brace is consumed
// too). It must be called in command mode.
func (p *parser) scriptBlockRule(lCurly *lexer.Token) *ast.ScriptBlock {
	p.skipNewlines()
	var usings []*ast.UsingStmt
	if lCurly == nil {
		// A script starts with its using statements, before param().
		usings = p.usingStatementsRule()
	}
	rp := p.restorePoint()
	attrs, param := p.paramBlockRule()
	if param == nil {
		// Attributes or casts that were not before param() mean something
		// else (a cast, a type literal): rescan them as statements.
		attrs = nil
		p.resync(rp)
	}
	p.skipNewlinesAndSemicolons()
	sb := p.scriptBlockBodyRule(lCurly, attrs, param)
	sb.UsingStatements = usings
	return sb
}

// isBlockName reports whether k starts a named block.
func isBlockName(k token.Kind) bool {
	switch k {
	case token.Begin, token.Process, token.End, token.Clean, token.DynamicParam:
		return true
	}
	return false
}

// scriptBlockBodyRule parses named blocks or a statement list.
func (p *parser) scriptBlockBodyRule(lCurly *lexer.Token, attrs []*ast.Attribute, param *ast.ParamBlock) *ast.ScriptBlock {
	sb := &ast.ScriptBlock{Attributes: attrs, Param: param}
	if isBlockName(p.peek().Kind) {
		p.namedBlockListRule(lCurly, sb)
		return sb
	}
	var stmts []ast.Stmt
	var traps []*ast.TrapStmt
	for {
		p.statementListRule(&stmts, &traps)
		end, done := p.completeScriptBlockBody(lCurly, stmts, sb)
		if done {
			sb.Span.Stop = end
			break
		}
	}
	body := &ast.NamedBlock{Kind: token.End, Unnamed: true, Statements: stmts}
	body.Span = p.statementsSpan(stmts, traps, lCurly, param)
	sb.EndBlock = body
	sb.Traps = traps
	return sb
}

// statementsSpan is the extent of a statement list: its first to its last
// statement, or an empty span where the list would be.
func (p *parser) statementsSpan(stmts []ast.Stmt, traps []*ast.TrapStmt, lCurly *lexer.Token, param *ast.ParamBlock) ast.Span {
	var first, last ast.Node
	consider := func(n ast.Node) {
		if first == nil || n.Pos().Offset < first.Pos().Offset {
			first = n
		}
		if last == nil || n.End().Offset > last.End().Offset {
			last = n
		}
	}
	for _, s := range stmts {
		consider(s)
	}
	for _, t := range traps {
		consider(t)
	}
	if first != nil {
		return spanOf(first, last)
	}
	switch {
	case param != nil:
		return span(param.End(), param.End())
	case lCurly != nil:
		return span(lCurly.EndPos, lCurly.EndPos)
	}
	start := p.table.Pos(0)
	return span(start, start)
}

// completeScriptBlockBody ends a script block: with the closing brace
// after lCurly, or at the end of the file. At file level an unexpected
// token (a stray ')' or '}') is reported and eaten, and done is false so
// the caller goes on parsing statements. It also sets the block's start.
func (p *parser) completeScriptBlockBody(lCurly *lexer.Token, stmts []ast.Stmt, sb *ast.ScriptBlock) (end token.Pos, done bool) {
	if lCurly != nil {
		sb.Span.Start = lCurly.Pos
		r := p.next()
		if r.Kind != token.RCurly {
			p.unget(r)
			p.errorAt(lCurly.Pos, errMissingEndCurlyBrace)
			end = lCurly.EndPos
			if n := len(stmts); n > 0 {
				end = stmts[n-1].End()
			}
			return end, true
		}
		return r.EndPos, true
	}
	sb.Span.Start = p.table.Pos(0)
	t := p.next()
	if t.Kind != token.EOF {
		p.errorAt(t.Pos, errUnexpectedToken, tokenText(t.Text))
		return token.Pos{}, false
	}
	return p.table.Pos(len(p.table.Source())), true
}

// namedBlockListRule parses begin { } process { } end { } clean { } and
// dynamicparam { } blocks into sb.
func (p *parser) namedBlockListRule(lCurly *lexer.Token, sb *ast.ScriptBlock) {
	if lCurly != nil {
		sb.Span.Start = lCurly.Pos
	} else {
		sb.Span.Start = p.table.Pos(0)
	}
	sb.Span.Stop = sb.Span.Start
	for {
		t := p.next()
		switch {
		case t.Kind == token.RCurly || t.Kind == token.EOF:
			p.unget(t)
			if end, done := p.completeScriptBlockBody(lCurly, nil, sb); done {
				sb.Span.Stop = end
			}
			return
		case !isBlockName(t.Kind):
			if lCurly != nil {
				p.unget(t)
			}
			p.errorAt(t.Pos, errMissingNamedBlocks, tokenText(t.Text))
			return
		}
		body := p.statementBlockRule()
		if body == nil {
			p.errorAt(after(t), errMissingNamedStatementBlock, strings.ToLower(t.Kind.String()))
			body = &ast.StatementBlock{Span: span(t.Pos, t.EndPos)}
		}
		nb := &ast.NamedBlock{
			Span:       span(t.Pos, body.End()),
			Kind:       t.Kind,
			Statements: body.Statements,
			Traps:      body.Traps,
		}
		sb.Span.Stop = nb.End()
		slot := p.namedBlockSlot(sb, t.Kind)
		if *slot != nil {
			p.errorAt(t.Pos, errDuplicateScriptCommandClause, strings.ToLower(t.Kind.String()))
		} else {
			*slot = nb
		}
		p.skipNewlinesAndSemicolons()
	}
}

// namedBlockSlot returns the field of sb that holds a block of kind k.
func (p *parser) namedBlockSlot(sb *ast.ScriptBlock, k token.Kind) **ast.NamedBlock {
	switch k {
	case token.Begin:
		return &sb.BeginBlock
	case token.Process:
		return &sb.ProcessBlock
	case token.Clean:
		return &sb.CleanBlock
	case token.DynamicParam:
		return &sb.DynamicParamBlock
	}
	return &sb.EndBlock
}

// statementBlockRule parses { statements }; nil when there is no '{'.
func (p *parser) statementBlockRule() *ast.StatementBlock {
	p.skipNewlines()
	l := p.next()
	if l.Kind != token.LCurly {
		p.unget(l)
		return nil
	}
	var stmts []ast.Stmt
	var traps []*ast.TrapStmt
	p.statementListRule(&stmts, &traps)
	r := p.next()
	end := r.EndPos
	if r.Kind != token.RCurly {
		p.unget(r)
		p.errorAt(l.Pos, errMissingEndCurlyBrace)
		end = l.EndPos
		if n := len(stmts); n > 0 {
			end = stmts[n-1].End()
		}
	}
	return &ast.StatementBlock{Span: span(l.Pos, end), Statements: stmts, Traps: traps}
}

// statementListRule parses statements up to a ')' or '}' (or anything
// that cannot start a statement), putting traps aside: they cover the
// whole block wherever they are written.
func (p *parser) statementListRule(stmts *[]ast.Stmt, traps *[]*ast.TrapStmt) {
	p.skipNewlinesAndSemicolons()
	for {
		s := p.statementRule()
		if s == nil {
			return
		}
		if t, ok := s.(*ast.TrapStmt); ok {
			*traps = append(*traps, t)
		} else {
			*stmts = append(*stmts, s)
		}
		p.skipNewlinesAndSemicolons()
		if k := p.peek().Kind; k == token.RParen || k == token.RCurly {
			return
		}
	}
}

// paramBlockRule parses [attributes] param( parameters ). It returns nil
// when there is no param block (the caller then rescans).
func (p *parser) paramBlockRule() ([]*ast.Attribute, *ast.ParamBlock) {
	p.skipNewlines()
	items := p.attributeListRule(false)
	p.skipNewlines()
	t := p.peek()
	if t.Kind != token.Param {
		return nil, nil
	}
	p.skip()
	p.skipNewlines()
	lp := p.next()
	if lp.Kind != token.LParen {
		// Not a param block: a command named "param".
		p.unget(lp)
		return nil, nil
	}
	params := p.parameterListRule()
	p.skipNewlines()
	rp := p.next()
	end := rp.EndPos
	if rp.Kind != token.RParen {
		p.unget(rp)
		at := after(lp)
		if n := len(params); n > 0 {
			at = params[n-1].End()
		}
		p.errorAt(at, errMissingEndParenInParamList)
		end = at
	}
	var attrs []*ast.Attribute
	for _, it := range items {
		if it.attr != nil {
			attrs = append(attrs, it.attr)
		} else {
			p.errorAt(it.span.Start, errTypeNotAllowedBeforeParam, it.typ.Name)
		}
	}
	p.checkDuplicateParameters(params)
	return attrs, &ast.ParamBlock{Span: span(t.Pos, end), Params: params}
}

// parameterListRule parses a comma-separated list of parameters.
func (p *parser) parameterListRule() []*ast.Parameter {
	var params []*ast.Parameter
	var comma *lexer.Token
	for {
		param := p.parameterRule()
		if param == nil {
			if comma != nil {
				p.errorAt(after(*comma), errMissingExpressionAfterToken, ",")
			}
			return params
		}
		params = append(params, param)
		p.skipNewlines()
		t := p.peek()
		if t.Kind != token.Comma {
			return params
		}
		p.skip()
		comma = &t
	}
}

// parameterRule parses [attributes] [types] $name [= default].
func (p *parser) parameterRule() *ast.Parameter {
	oldComma := p.disableComma
	p.disableComma = true
	old := p.setMode(lexer.Expression)
	defer func() {
		p.disableComma = oldComma
		p.setMode(old)
	}()
	p.skipNewlines()
	items := p.attributeListRule(false)
	p.skipNewlines()
	t := p.next()
	if t.Kind != token.Variable && t.Kind != token.SplattedVariable {
		p.unget(t)
		if len(items) > 0 {
			p.errorAt(items[len(items)-1].span.Stop, errInvalidFunctionParameter)
			p.syncOnError(true, token.RParen)
		}
		return nil
	}
	param := &ast.Parameter{Name: t.Value, Span: span(t.Pos, t.EndPos)}
	for _, it := range items {
		if it.attr != nil {
			param.Attributes = append(param.Attributes, it.attr)
		} else {
			param.Types = append(param.Types, it.typ)
		}
	}
	if len(items) > 0 {
		param.Span.Start = items[0].span.Start
	}
	p.skipNewlines()
	if eq := p.peek(); eq.Kind == token.Assign {
		p.skip()
		p.skipNewlines()
		def := p.expressionRule(false)
		if def == nil {
			p.errorAt(after(eq), errMissingExpressionAfterToken, "=")
		} else {
			param.Default = def
			param.Span.Stop = def.End()
		}
	}
	return param
}

// checkDuplicateParameters reports a parameter declared twice.
func (p *parser) checkDuplicateParameters(params []*ast.Parameter) {
	seen := map[string]bool{}
	for _, prm := range params {
		key := strings.ToLower(prm.Name)
		if seen[key] {
			p.errorAt(prm.Pos(), errDuplicateFormalParameter, prm.Name)
		}
		seen[key] = true
	}
}
