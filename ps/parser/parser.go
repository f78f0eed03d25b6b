// Package parser is keyhost's PowerShell parser: a hand-written recursive
// descent parser, modelled on PowerShell's own Parser.cs, that drives the
// mode-switching lexer and builds the tree declared in package ast.
//
// The rules follow Parser.cs closely (StatementRule, PipelineChainRule,
// CommandRule, ExpressionRule, ...) because PowerShell's grammar is defined
// by that code more than by the specification: which mode each token is
// scanned in, where line breaks are skipped and how errors are recovered
// from all matter to real scripts.
//
// Conventions of the trees it builds, beyond the field comments of ast:
//
//   - A command name written without & or . is a bareword StringConstant
//     even when it contains $ (pwsh does not expand command names); after
//     & or . it is any expression.
//   - "--" on a command line is a CommandParameter named "-" (Text "--");
//     later "--" and every -word after it are bareword arguments.
//   - "-Name" at the end of a line has a nil Arg: a value on the next line is
//     a new statement, and the binder reports the missing argument.
//   - The unary comma (,$x) is a UnaryExpr with Op token.Comma.
//   - A switch's default clause is in SwitchStmt.Default only; switch -File
//     puts the path, as a one-element Pipeline, in Cond.
//   - switch -Parallel and foreach -Parallel/-ThrottleLimit are accepted and
//     ignored (they belonged to workflows).
//   - Operator precedence is the engine's (token.cs), which differs from
//     about_Operator_Precedence in two places: ?? binds tighter than the
//     comparison operators, and -band/-bor/-bxor bind looser than them.
//   - When ParseFile returns errors, the tree is partial: fields the script
//     did not supply are nil. Only error-free trees should be run.
package parser

import (
	"github.com/keyhost/keyhost/ps/ast"
	"github.com/keyhost/keyhost/ps/lexer"
	"github.com/keyhost/keyhost/ps/token"
)

// maxDepth bounds the nesting of statements, expressions and type names,
// so that pathological input ends with ScriptTooComplicated, as in pwsh,
// instead of exhausting the stack.
const maxDepth = 1000

// ParseFile parses a whole script. name is used in errors ("./x.ps1" or
// "<command>"). When the script has errors, the error is an ErrorList and
// the returned file holds whatever could be parsed.
func ParseFile(name, src string) (*ast.File, error) {
	p := newParser(name, src)
	body := p.scriptBlockRule(nil)
	file := &ast.File{Name: name, Source: src, Body: body}
	if len(p.errors) > 0 {
		p.errors.sortByPos()
		return file, p.errors
	}
	return file, nil
}

// parser holds the state of one parse.
type parser struct {
	name  string
	table *lexer.PosTable
	lx    *lexer.Lexer
	// ungot is the one token of lookahead, scanned in the mode that was
	// current then; setMode rescans it when the mode changes. It points
	// at look when set, so the token is not allocated each time.
	ungot *lexer.Token
	look  lexer.Token
	// disableComma stops the comma operator inside method arguments,
	// attribute arguments and parameter defaults, where ',' separates.
	disableComma bool

	errors  ErrorList
	stopped bool // too many errors or too complex: every token is EOF now
	depth   int
	budget  int // tokens left to scan; guards against a runaway parse
}

func newParser(name, src string) *parser {
	p := &parser{name: name, table: lexer.NewPosTable(src), budget: 64*len(src) + 4096}
	p.lx = lexer.New(p.table, p.lexError)
	p.lx.Mode = lexer.Command
	return p
}

// lexError records an error found by the lexer.
func (p *parser) lexError(e lexer.Error) {
	p.addError(&Error{File: p.name, Pos: e.Pos, ID: e.ID, Msg: e.Msg})
}

// scan reads a token from the lexer, or EOF once the parse is stopped.
func (p *parser) scan() lexer.Token {
	if !p.stopped {
		p.budget--
		if p.budget < 0 {
			p.errorAt(p.lx.PosAt(p.lx.Offset()), errScriptTooComplicated)
			p.stopped = true
		}
	}
	if p.stopped {
		i := len(p.lx.Text())
		pos := p.lx.PosAt(i)
		return lexer.Token{Kind: token.EOF, Start: i, End: i, Pos: pos, EndPos: pos}
	}
	return p.lx.Next()
}

// next returns the next token, consuming it.
func (p *parser) next() lexer.Token {
	if p.ungot != nil {
		t := *p.ungot
		p.ungot = nil
		return t
	}
	return p.scan()
}

// peek returns the next token without consuming it.
func (p *parser) peek() lexer.Token {
	if p.ungot == nil {
		p.look = p.scan()
		p.ungot = &p.look
	}
	return *p.ungot
}

// skip consumes the token returned by peek.
func (p *parser) skip() { p.ungot = nil }

// unget puts back the token returned by next.
func (p *parser) unget(t lexer.Token) {
	p.look = t
	p.ungot = &p.look
}

// setMode switches the lexer mode, rescanning the lookahead token in the
// new mode, and returns the old mode.
func (p *parser) setMode(m lexer.Mode) lexer.Mode {
	old := p.lx.Mode
	if m != old && p.ungot != nil && p.ungot.Kind != token.EOF {
		p.resync(p.ungot.Start)
	}
	p.lx.Mode = m
	return old
}

// resync drops the lookahead and rescans from byte index i.
func (p *parser) resync(i int) {
	p.ungot = nil
	p.lx.Reset(i)
}

// restorePoint returns where to resync to rescan from the next token.
func (p *parser) restorePoint() int {
	if p.ungot != nil {
		return p.ungot.Start
	}
	return p.lx.Offset()
}

// skipNewlines skips line breaks (and comments and blanks) where they do
// not end anything.
func (p *parser) skipNewlines() {
	if p.ungot == nil || p.ungot.Kind == token.NewLine {
		p.ungot = nil
		p.lx.SkipNewlines(false)
	}
}

// skipNewlinesAndSemicolons skips statement terminators.
func (p *parser) skipNewlinesAndSemicolons() {
	if p.ungot == nil || p.ungot.Kind == token.NewLine || p.ungot.Kind == token.Semicolon {
		p.ungot = nil
		p.lx.SkipNewlines(true)
	}
}

// enter counts one level of nesting; it returns false, after reporting
// ScriptTooComplicated once and stopping the parse, when the input nests
// too deeply. Every call that returns true must be paired with leave.
func (p *parser) enter() bool {
	if p.depth >= maxDepth {
		if !p.stopped {
			p.errorAt(p.lx.PosAt(p.lx.Offset()), errScriptTooComplicated)
			p.stopped = true
		}
		return false
	}
	p.depth++
	return true
}

// leave ends a level of nesting started by enter.
func (p *parser) leave() { p.depth-- }

// after is the position just after a token, where "missing X" errors
// point.
func after(t lexer.Token) token.Pos { return t.EndPos }

// span builds a node span.
func span(start, end token.Pos) ast.Span { return ast.Span{Start: start, Stop: end} }

// spanOf builds the span from the start of one node to the end of another.
func spanOf(first, last ast.Node) ast.Span { return ast.Span{Start: first.Pos(), Stop: last.End()} }

// syncOnError skips tokens, balancing brackets, up to one of the given
// kinds at the outer level (consumed when consume is set) or EOF. It is
// the error recovery of a few rules.
func (p *parser) syncOnError(consume bool, kinds ...token.Kind) {
	parens, curlies, brackets := 0, 0, 0
	for {
		t := p.next()
		switch t.Kind {
		case token.EOF:
			p.unget(t)
			return
		case token.AtParen, token.DollarParen, token.LParen:
			parens++
		case token.RParen:
			parens--
		case token.AtCurly, token.LCurly:
			curlies++
		case token.RCurly:
			curlies--
		case token.LBracket:
			brackets++
		case token.RBracket:
			brackets--
		}
		if parens <= 0 && curlies <= 0 && brackets <= 0 {
			for _, k := range kinds {
				if t.Kind == k {
					if !consume {
						p.unget(t)
					}
					return
				}
			}
		}
		if parens < 0 || curlies < 0 || brackets < 0 {
			// An unbalanced closer belongs to an enclosing rule.
			p.unget(t)
			return
		}
	}
}
