package lexer

import "github.com/keyhost/keyhost/ps/token"

// MemberAccess returns the member access operator glued to the expression
// just scanned: '.', '::', '?.', and with allowLBracket '[' and '?['. No
// blank may come first (block comments may), which is how "$a.b" differs
// from "$a .b". ok is false, with nothing read, when there is none.
func (l *Lexer) MemberAccess(allowLBracket bool) (Token, bool) {
	save := l.pos
	for l.peek() == '<' && l.peekAt(1) == '#' {
		l.skipBlockComment()
	}
	l.start = l.pos
	c := l.peek()
	switch {
	case c == '.':
		c1 := l.peekAt(1)
		if c1 == '.' {
			break
		}
		if l.inCommandMode() && (isWhitespace(c1) || c1 == eof || isNewline(c1)) {
			break
		}
		l.advance()
		return l.newToken(token.Dot), true
	case c == ':' && l.peekAt(1) == ':':
		c2 := l.peekAt(2)
		if l.inCommandMode() && (isWhitespace(c2) || c2 == eof || isNewline(c2)) {
			break
		}
		l.advance()
		l.advance()
		return l.newToken(token.ColonColon), true
	case c == '[' && allowLBracket:
		l.advance()
		return l.newToken(token.LBracket), true
	case c == '?':
		switch l.peekAt(1) {
		case '.':
			l.advance()
			l.advance()
			return l.newToken(token.QuestionDot), true
		case '[':
			if allowLBracket {
				l.advance()
				l.advance()
				return l.newToken(token.QuestionLBracket), true
			}
		}
	}
	l.pos = save
	return Token{}, false
}

// InvokeParen returns the '(' (or '{', for $x.Where{...}) glued to a
// member name, which makes the member access a method call.
func (l *Lexer) InvokeParen() (Token, bool) {
	l.start = l.pos
	switch l.peek() {
	case '(':
		l.advance()
		return l.newToken(token.LParen), true
	case '{':
		l.advance()
		return l.newToken(token.LCurly), true
	}
	return Token{}, false
}

// LBracket returns a '[' after optional blanks and comments on the same
// line, for attribute lists ([Parameter()] [string] $x). In command mode
// NextToken would scan "[string]$x" as a bareword, hence this method.
func (l *Lexer) LBracket() (Token, bool) {
	save := l.pos
	for {
		c := l.peek()
		switch {
		case isWhitespace(c) || l.atBOM():
			l.advance()
			continue
		case c == '#':
			l.skipLineComment()
			continue
		case c == '<' && l.peekAt(1) == '#':
			l.skipBlockComment()
			continue
		case c == '[':
			l.start = l.pos
			l.advance()
			return l.newToken(token.LBracket), true
		}
		l.pos = save
		return Token{}, false
	}
}

// VerbatimArgument reads the rest of the line after --% as it is written,
// up to a line break, or a '|' or '&&' outside double quotes.
func (l *Lexer) VerbatimArgument() Token {
	l.skipWhitespace()
	l.start = l.pos
	inQuotes := false
	for {
		c := l.peek()
		if c == eof || isNewline(c) {
			break
		}
		if isDoubleQuote(c) {
			inQuotes = !inQuotes
		} else if !inQuotes && (c == '|' || (c == '&' && l.peekAt(1) == '&')) {
			break
		}
		l.advance()
	}
	t := l.newToken(token.Generic)
	t.Value, t.Raw = t.Text, t.Text
	return t
}
