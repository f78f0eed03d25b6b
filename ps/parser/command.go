package parser

import (
	"github.com/keyhost/keyhost/ps/ast"
	"github.com/keyhost/keyhost/ps/lexer"
	"github.com/keyhost/keyhost/ps/token"
)

// argContext says where a command-mode argument is being parsed.
type argContext int

const (
	// argContextCommandName is a command name without & or .: a bareword
	// stays a constant even if it contains $.
	argContextCommandName argContext = iota
	// argContextCommandNameAfterInvocation is the name after & or .,
	// which may be any expression.
	argContextCommandNameAfterInvocation
	// argContextArgument is a command argument; a comma makes an array.
	argContextArgument
	// argContextFileName is a redirection target or switch -File path.
	argContextFileName
	// argContextSwitchCondition is a switch clause pattern.
	argContextSwitchCondition
)

// verbatimArgument is the stop-parsing token of native command lines.
const verbatimArgument = "--%"

// commandRule parses a command: [& or .] name, then parameters,
// arguments and redirections up to the end of the pipeline element. It
// returns nil when there is no command.
func (p *parser) commandRule() *ast.Command {
	old := p.setMode(lexer.Command)
	defer p.setMode(old)

	first := p.next()
	t := first
	cmd := &ast.Command{}
	ctx := argContextCommandName
	switch t.Kind {
	case token.Dot:
		cmd.Invocation = ast.InvokeDotSource
		t = p.next()
		ctx = argContextCommandNameAfterInvocation
	case token.Ampersand:
		cmd.Invocation = ast.InvokeCall
		t = p.next()
		ctx = argContextCommandNameAfterInvocation
	}
	end := first.EndPos
	var elements []ast.CommandElement
	redirs := map[int]bool{}
	sawDashDash := false
scan:
	for {
		switch t.Kind {
		case token.Pipe, token.RCurly, token.RParen, token.EOF, token.NewLine, token.Semicolon,
			token.AndAnd, token.OrOr, token.Ampersand:
			p.unget(t)
			break scan
		case token.MinusMinus:
			// The first -- ends parameter parsing; later ones are words.
			end = t.EndPos
			if sawDashDash {
				elements = append(elements, &ast.StringConstant{Span: span(t.Pos, t.EndPos), Kind: ast.BareWord, Value: t.Text})
			} else {
				elements = append(elements, &ast.CommandParameter{Span: span(t.Pos, t.EndPos), Name: "-", Text: t.Text})
			}
			sawDashDash = true
		case token.Comma:
			end = t.EndPos
			p.errorAt(t.Pos, errMissingArgument)
			p.skipNewlines()
		case token.Parameter:
			if ctx <= argContextCommandNameAfterInvocation || sawDashDash {
				end = t.EndPos
				elements = append(elements, &ast.StringConstant{Span: span(t.Pos, t.EndPos), Kind: ast.BareWord, Value: t.Text})
				break
			}
			param := &ast.CommandParameter{Span: span(t.Pos, t.EndPos), Name: t.Value, Text: t.Text}
			// -Name:value; the value may follow a blank but not a line
			// break. -Name followed by a line break has no argument.
			if t.Colon && p.peek().Kind != token.Comma {
				arg := p.commandArgument(argContextArgument, p.next())
				if arg == nil {
					p.errorAt(after(t), errParameterRequiresArgument, t.Text)
				} else {
					param.Arg = arg
					param.Span.Stop = arg.End()
				}
			}
			end = param.End()
			elements = append(elements, param)
		case token.Redirection:
			if ctx > argContextCommandNameAfterInvocation {
				if r := p.redirectionRule(t, redirs); r != nil {
					cmd.Redirections = append(cmd.Redirections, r)
					end = r.End()
				} else {
					end = t.EndPos
				}
			} else {
				// A redirection operator can even be a command name.
				end = t.EndPos
				elements = append(elements, &ast.StringConstant{Span: span(t.Pos, t.EndPos), Kind: ast.BareWord, Value: t.Text})
			}
		default:
			arg := p.commandArgument(ctx, t)
			if arg == nil {
				// Only an unusable token gets here; it ends the command.
				break scan
			}
			elements = append(elements, arg)
			end = arg.End()
			if sc, ok := arg.(*ast.StringConstant); ok && sc.Kind == ast.BareWord && sc.Value == verbatimArgument && ctx == argContextArgument {
				// --% passes the rest of the line as it is written.
				if v, ok := p.verbatimArgument(); ok {
					elements = append(elements, v)
					end = v.End()
				}
				break scan
			}
		}
		ctx = argContextArgument
		t = p.next()
	}

	if len(elements) == 0 {
		if cmd.Invocation != ast.InvokeDefault {
			p.errorAt(first.Pos, errMissingExpression, first.Text)
		}
		return nil
	}
	cmd.Name = commandName(elements[0])
	if cmd.Name == nil {
		// A parameter can only be first after --; treat it as a word.
		return nil
	}
	cmd.Args = elements[1:]
	cmd.Span = span(first.Pos, end)
	return cmd
}

// commandName returns the first element of a command as its name.
func commandName(el ast.CommandElement) ast.Expr {
	if e, ok := el.(ast.Expr); ok {
		return e
	}
	if cp, ok := el.(*ast.CommandParameter); ok {
		return &ast.StringConstant{Span: cp.Span, Kind: ast.BareWord, Value: cp.Text}
	}
	return nil
}

// verbatimArgument reads the rest of the line after --% as one argument.
func (p *parser) verbatimArgument() (ast.Expr, bool) {
	if p.ungot != nil {
		if p.ungot.Kind != token.Parameter && p.ungot.Kind != token.NewLine && p.ungot.Kind != token.EOF {
			return nil, false
		}
		p.resync(p.ungot.Start)
	}
	t := p.lx.VerbatimArgument()
	if t.Value == "" {
		return nil, false
	}
	return &ast.StringConstant{Span: span(t.Pos, t.EndPos), Kind: ast.BareWord, Value: t.Value}, true
}

// singleCommandArgument parses one command-mode argument (a redirection
// target, a switch pattern, a -File path); nil when there is none.
func (p *parser) singleCommandArgument(ctx argContext) ast.Expr {
	if k := p.peek().Kind; k == token.Comma || k == token.EOF {
		return nil
	}
	old := p.setMode(lexer.Command)
	defer p.setMode(old)
	return p.commandArgument(ctx, p.next())
}

// commandArgument turns the token t into a command name or argument. In
// argument context a comma-separated list becomes one array argument
// (-Name a,b,c). It returns nil, with t put back, when t cannot be an
// argument.
func (p *parser) commandArgument(ctx argContext, t lexer.Token) ast.Expr {
	var list []ast.Expr
	var comma *lexer.Token
	for {
		var e ast.Expr
		switch t.Kind {
		case token.Pipe, token.RCurly, token.RParen, token.EOF, token.NewLine, token.Semicolon,
			token.Redirection, token.AndAnd, token.OrOr, token.Ampersand, token.MinusMinus, token.Comma:
			p.unget(t)
			if comma == nil {
				return nil
			}
			p.errorAt(after(*comma), errMissingExpression, ",")
			return &ast.ArrayLiteral{Span: span(list[0].Pos(), comma.EndPos), Elements: list}
		case token.Variable, token.SplattedVariable, token.Number, token.StringLiteral,
			token.StringExpandable, token.HereStringLiteral, token.HereStringExpandable,
			token.LParen, token.DollarParen, token.AtParen, token.AtCurly, token.LCurly:
			p.unget(t)
			e = p.primaryExpressionRule(true)
			if e == nil {
				return nil
			}
		case token.Generic:
			if t.Parts != nil && ctx != argContextCommandName {
				e = p.expandableString(t, ast.BareWord)
			} else {
				e = &ast.StringConstant{Span: span(t.Pos, t.EndPos), Kind: ast.BareWord, Value: t.Value}
			}
		default:
			// Keywords, operators and other punctuation are words here:
			// "foreach" after a pipe is ForEach-Object.
			e = &ast.StringConstant{Span: span(t.Pos, t.EndPos), Kind: ast.BareWord, Value: t.Text}
		}
		if ctx != argContextArgument {
			return e
		}
		if sc, ok := e.(*ast.StringConstant); ok && sc.Kind == ast.BareWord && sc.Value == verbatimArgument {
			return e
		}
		n := p.peek()
		if n.Kind != token.Comma {
			if list == nil {
				return e
			}
			list = append(list, e)
			return &ast.ArrayLiteral{Span: spanOf(list[0], e), Elements: list}
		}
		list = append(list, e)
		comma = &n
		p.skip()
		p.skipNewlines()
		t = p.next()
	}
}
