package lexer

import "github.com/keyhost/keyhost/ps/token"

// Next scans the next token in the current Mode, skipping blanks,
// comments and line continuations. At the end of the text it returns an
// EOF token, again and again.
func (l *Lexer) Next() Token {
	for {
		l.start = l.pos
		c := l.peek()
		switch {
		case c == eof:
			return l.newToken(token.EOF)
		case isWhitespace(c):
			l.skipWhitespace()
			continue
		case l.atBOM():
			l.advance()
			continue
		case c == '\n':
			l.advance()
			return l.newToken(token.NewLine)
		case c == '\r':
			l.advance()
			if l.peek() == '\n' {
				l.advance()
			}
			return l.newToken(token.NewLine)
		case c == '#':
			l.skipLineComment()
			continue
		case c == '`':
			if t, ok := l.scanBacktick(); ok {
				return t
			}
			continue
		case isSingleQuote(c):
			return l.scanStringLiteral()
		case isDoubleQuote(c):
			return l.scanStringExpandable()
		case c == '@':
			return l.scanAt()
		case c == '$':
			if l.peekAt(1) == '(' {
				l.advance()
				l.advance()
				return l.newToken(token.DollarParen)
			}
			l.advance()
			return l.scanVariable(false, false)
		case isDash(c):
			return l.scanDash()
		case c == '<':
			if l.peekAt(1) == '#' {
				l.skipBlockComment()
				continue
			}
			l.advance()
			t := l.newToken(token.Redirection)
			t.Input = true
			t.RedirFrom = 0
			return t
		case c == '>':
			l.advance()
			t := l.newToken(token.Redirection)
			t.RedirFrom = 1
			if l.peek() == '>' {
				l.advance()
				t = l.newToken(token.Redirection)
				t.RedirFrom = 1
				t.Append = true
			}
			return t
		case c >= '0' && c <= '9':
			if c >= '1' && c <= '6' && l.peekAt(1) == '>' {
				return l.scanStreamRedirection(int(c - '0'))
			}
			return l.scanNumber()
		case isIdentifierStart(c):
			return l.scanIdentifier()
		}
		return l.scanPunctuation(c)
	}
}

// scanBacktick handles a backtick outside a string: before a line break it
// joins the lines; before a blank it is ignored (so "` " followed by a
// line break does not continue the line); otherwise it escapes the first
// character of a bareword. ok is false when nothing was produced.
func (l *Lexer) scanBacktick() (Token, bool) {
	l.advance()
	c1 := l.peek()
	switch {
	case c1 == '\r':
		l.advance()
		if l.peek() == '\n' {
			l.advance()
		}
		return Token{}, false
	case c1 == '\n':
		l.advance()
		return Token{}, false
	case isWhitespace(c1):
		l.skipWhitespace()
		return Token{}, false
	case c1 == eof:
		l.errorf(l.pos, ErrIncompleteString)
		return Token{}, false
	}
	return l.scanGeneric(), true
}
