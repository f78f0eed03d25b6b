package lexer

import (
	"strings"

	"github.com/keyhost/keyhost/ps/token"
)

// scanGeneric scans a bareword (a Generic token) from l.start: everything
// up to a blank or one of ; , ( ) { } | &. Quoted pieces are taken as
// strings ("a'b c'" is "ab c"), backticks escape, and $name, ${name} and
// $( ) are expansions, so "a$b" has Parts.
//
// Every other scanner falls back to this one when what looked like a
// number, variable or operator turns out to be glued to more text, which
// is why it always rescans from the token start.
func (l *Lexer) scanGeneric() Token {
	l.pos = l.start
	b := newPartBuilder(l)
	if c := l.peek(); c != eof && forceStartNewToken(c) {
		// Only a NUL gets here; take it as a one-character word so the
		// lexer always moves on.
		l.advance()
		b.addRune(c, l.start)
	}
	for {
		at := l.pos
		c := l.peek()
		if forceStartNewToken(c) {
			break
		}
		switch {
		case c == '`':
			l.advance()
			if l.peek() == eof {
				b.addRune('`', at)
				continue
			}
			l.addEscape(b, at)
		case isSingleQuote(c):
			l.advance()
			l.scanStringLiteralInto(b)
		case isDoubleQuote(c):
			l.advance()
			l.scanStringExpandableInto(b)
		case c == '$':
			if p, ok := l.scanDollarInString(false); ok {
				b.addExpansion(p)
				continue
			}
			l.advance()
			b.addRune('$', at)
		default:
			l.advance()
			b.addRune(c, at)
		}
	}
	t := l.newToken(token.Generic)
	t.Value, t.Parts = b.result(l.pos)
	t.Raw = t.Text
	return t
}

// scanIdentifier scans a word starting with a letter or '_': a keyword or
// bareword in command mode, an identifier (member or method name) in
// expression mode, a dotted type name in type-name mode.
func (l *Lexer) scanIdentifier() Token {
	l.advance()
	for isIdentifierFollow(l.peek()) {
		l.advance()
	}
	if l.Mode == TypeName {
		return l.scanTypeNameRest()
	}
	if !l.WantSimpleName && l.inCommandMode() {
		if !forceStartNewToken(l.peek()) {
			return l.scanGeneric()
		}
		text := l.src[l.start:l.pos]
		if k, ok := token.Keyword(strings.ToLower(text)); ok {
			t := l.newToken(k)
			t.Value = text
			return t
		}
	}
	t := l.newToken(token.Identifier)
	t.Value = t.Text
	return t
}

// scanTypeNameRest continues a type name: System.Collections.Generic.List,
// Outer+Inner, names with backticks.
func (l *Lexer) scanTypeNameRest() Token {
	for {
		c := l.peek()
		if c == '.' || c == '`' || c == '_' || c == '+' || c == '#' || c == '\\' || isLetterOrDigit(c) {
			l.advance()
			continue
		}
		break
	}
	t := l.newToken(token.Identifier)
	t.Value = t.Text
	return t
}

// scanParameter scans what follows a dash and a letter: in command mode a
// parameter (-Name, or -Name: with an argument to follow), in expression
// mode an operator such as -eq or -like (or a parameter token, which the
// parser reports as unexpected).
func (l *Lexer) scanParameter() Token {
	var name []byte
	colon := false
scan:
	for {
		c := l.peek()
		if isWhitespace(c) {
			break
		}
		switch {
		case c == eof || c == '{' || c == '}' || c == '(' || c == ')' || c == ';' || c == ',' ||
			c == '|' || c == '&' || c == '.' || c == '[' || c == '\r' || c == '\n':
			break scan
		case c == ':':
			colon = true
			if l.inCommandMode() {
				l.advance()
			}
			break scan
		case (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'):
			name = append(name, byte(c))
			l.advance()
		case isSingleQuote(c) || isDoubleQuote(c):
			if l.inCommandMode() {
				// Quotes are never part of a parameter name: -x'y' is an
				// argument.
				return l.scanGeneric()
			}
			break scan
		default:
			if !l.inCommandMode() {
				break scan
			}
			name = append(name, string(c)...)
			l.advance()
		}
	}
	if l.inExpressionMode() {
		if k, ok := token.DashOperator(strings.ToLower(string(name))); ok {
			t := l.newToken(k)
			t.Value = t.Text
			return t
		}
	}
	if len(name) == 0 {
		t := l.newToken(token.Minus)
		return t
	}
	t := l.newToken(token.Parameter)
	t.Value = string(name)
	t.Colon = colon && l.inCommandMode()
	return t
}

// scanLabel scans :name before a loop (command mode); a colon followed by
// anything else starts a bareword.
func (l *Lexer) scanLabel() Token {
	c := l.peek()
	if !isIdentifierStart(c) {
		return l.scanGeneric()
	}
	for isIdentifierFollow(l.peek()) {
		l.advance()
	}
	if !forceStartNewToken(l.peek()) {
		return l.scanGeneric()
	}
	t := l.newToken(token.Label)
	t.Value = l.src[l.start+1 : l.pos]
	return t
}
