package lexer

import "github.com/keyhost/keyhost/ps/token"

// scanAt scans what may follow '@': a hashtable or array expression, a
// here-string or a splatted variable.
func (l *Lexer) scanAt() Token {
	l.advance()
	c1 := l.peek()
	switch {
	case c1 == '{':
		l.advance()
		return l.newToken(token.AtCurly)
	case c1 == '(':
		l.advance()
		return l.newToken(token.AtParen)
	case isSingleQuote(c1):
		l.advance()
		return l.scanHereString(false)
	case isDoubleQuote(c1):
		l.advance()
		return l.scanHereString(true)
	case isVariableStart(c1):
		return l.scanVariable(true, false)
	}
	l.errorf(l.start, ErrUnrecognizedToken)
	return l.newToken(token.Illegal)
}

// scanDash scans what starts with a dash: --, -=, a parameter or
// operator, a signed number or a minus.
func (l *Lexer) scanDash() Token {
	l.advance()
	c1 := l.peek()
	switch {
	case isDash(c1):
		l.advance()
		return l.operatorInCommandMode(token.MinusMinus)
	case c1 == '=':
		l.advance()
		return l.operatorInCommandMode(token.MinusAssign)
	case isLetter(c1) || c1 == '_' || c1 == '?':
		return l.scanParameter()
	case isDecimalDigit(c1) || c1 == '.':
		// In command mode a negative number is still a number when the
		// whole word is one ("-1"); otherwise it is a bareword.
		if l.AllowSignedNumbers || l.inCommandMode() {
			l.pos = l.start
			return l.scanNumber()
		}
	}
	return l.operatorInCommandMode(token.Minus)
}

// scanStreamRedirection scans n>, n>>, n>&1 and n>&2. In expression mode
// the digit is a number and '>' a redirection of its own.
func (l *Lexer) scanStreamRedirection(n int) Token {
	if l.inExpressionMode() {
		return l.scanNumberDigitOnly()
	}
	l.advance() // digit
	l.advance() // '>'
	t := Token{Kind: token.Redirection, RedirFrom: n}
	switch l.peek() {
	case '>':
		l.advance()
		t.Append = true
	case '&':
		if c := l.peekAt(1); c == '1' || c == '2' {
			l.advance()
			l.advance()
			t.RedirTo = int(c - '0')
		}
	}
	return l.finish(t)
}

// finish fills in the extent of a token built by hand.
func (l *Lexer) finish(t Token) Token {
	nt := l.newToken(t.Kind)
	t.Start, t.End, t.Pos, t.EndPos, t.Text = nt.Start, nt.End, nt.Pos, nt.EndPos, nt.Text
	return t
}

// operatorInCommandMode returns an operator token of kind k for the text
// scanned so far, unless in command mode the next character continues a
// bareword ("-x-y", "=foo", "*.txt").
func (l *Lexer) operatorInCommandMode(k token.Kind) Token {
	if l.inCommandMode() && !forceStartNewToken(l.peek()) {
		return l.scanGeneric()
	}
	return l.newToken(k)
}

// scanPunctuation scans operators and punctuation, and falls back to a
// bareword for anything else.
func (l *Lexer) scanPunctuation(c rune) Token {
	l.advance()
	switch c {
	case '(':
		return l.newToken(token.LParen)
	case ')':
		return l.newToken(token.RParen)
	case '{':
		return l.newToken(token.LCurly)
	case '}':
		return l.newToken(token.RCurly)
	case ']':
		return l.newToken(token.RBracket)
	case ';':
		return l.newToken(token.Semicolon)
	case ',':
		return l.newToken(token.Comma)
	case '[':
		if l.inCommandMode() && !forceStartNewToken(l.peek()) {
			return l.scanGeneric()
		}
		return l.newToken(token.LBracket)
	case '.':
		return l.scanDot()
	case '=':
		return l.operatorInCommandMode(token.Assign)
	case '+':
		switch c1 := l.peek(); {
		case c1 == '+':
			l.advance()
			return l.operatorInCommandMode(token.PlusPlus)
		case c1 == '=':
			l.advance()
			return l.operatorInCommandMode(token.PlusAssign)
		case l.AllowSignedNumbers && (isDecimalDigit(c1) || c1 == '.'):
			l.pos = l.start
			return l.scanNumber()
		}
		return l.operatorInCommandMode(token.Plus)
	case '*':
		switch l.peek() {
		case '=':
			l.advance()
			return l.operatorInCommandMode(token.MultiplyAssign)
		case '>':
			l.advance()
			t := Token{Kind: token.Redirection, RedirFrom: 0}
			switch l.peek() {
			case '>':
				l.advance()
				t.Append = true
			case '&':
				if l.peekAt(1) == '1' {
					l.advance()
					l.advance()
					t.RedirTo = 1
				}
			}
			return l.finish(t)
		}
		return l.operatorInCommandMode(token.Multiply)
	case '/':
		if l.peek() == '=' {
			l.advance()
			return l.operatorInCommandMode(token.DivideAssign)
		}
		return l.operatorInCommandMode(token.Divide)
	case '%':
		if l.peek() == '=' {
			l.advance()
			return l.operatorInCommandMode(token.RemainderAssign)
		}
		return l.operatorInCommandMode(token.Remainder)
	case '&':
		if l.peek() == '&' {
			l.advance()
			return l.newToken(token.AndAnd)
		}
		return l.newToken(token.Ampersand)
	case '|':
		if l.peek() == '|' {
			l.advance()
			return l.newToken(token.OrOr)
		}
		return l.newToken(token.Pipe)
	case '!':
		c1 := l.peek()
		if (l.inCommandMode() && !forceStartNewToken(c1)) || (l.inExpressionMode() && isIdentifierStart(c1)) {
			return l.scanGeneric()
		}
		return l.newToken(token.Exclaim)
	case ':':
		if l.peek() == ':' {
			l.advance()
			if l.inCommandMode() && !l.WantSimpleName && !forceStartNewToken(l.peek()) {
				return l.scanGeneric()
			}
			return l.newToken(token.ColonColon)
		}
		if l.inCommandMode() {
			return l.scanLabel()
		}
		return l.newToken(token.Colon)
	case '?':
		if l.inExpressionMode() {
			if l.peek() == '?' {
				l.advance()
				if l.peek() == '=' {
					l.advance()
					return l.newToken(token.QuestionQuestionAssign)
				}
				return l.newToken(token.QuestionQuestion)
			}
			return l.newToken(token.QuestionMark)
		}
	}
	if isLetter(c) {
		l.pos = l.start
		return l.scanIdentifier()
	}
	return l.scanGeneric()
}

// scanDot scans '.', '..', a number such as .5, or a bareword such as
// ./script.ps1 in command mode.
func (l *Lexer) scanDot() Token {
	c := l.peek()
	if c == '.' {
		l.advance()
		if l.inCommandMode() && !forceStartNewToken(l.peek()) {
			return l.scanGeneric()
		}
		return l.newToken(token.DotDot)
	}
	if isDecimalDigit(c) {
		l.pos = l.start
		return l.scanNumber()
	}
	// .$cmd, ."cmd" and .'cmd' dot-source a command; anything else glued
	// to the dot is a path such as .\x.ps1.
	if l.inCommandMode() && !forceStartNewToken(c) && c != '$' && c != '"' && c != '\'' {
		return l.scanGeneric()
	}
	return l.newToken(token.Dot)
}
