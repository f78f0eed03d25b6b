package lexer

import (
	"strings"
	"unicode/utf8"

	"github.com/keyhost/keyhost/ps/token"
)

// scanVariable scans a variable after its '$' (or '@' when splatted):
// $name, $scope:name, ${any name}, $$, $? and $^. inString is set inside
// an expandable string, where "" in a braced name is one quote.
//
// In command mode a variable glued to more text ($x-y, $a/b) is a
// bareword with an expansion, so the token is rescanned as one.
func (l *Lexer) scanVariable(splatted, inString bool) Token {
	kind := token.Variable
	if splatted {
		kind = token.SplattedVariable
	}
	c := l.peek()
	if c == '{' && !splatted {
		return l.scanBracedVariable(inString)
	}
	if !isVariableStart(c) {
		return l.scanGeneric()
	}
	var name []byte
	name = utf8.AppendRune(name, c)
	l.advance()
	if c == '$' || c == '?' || c == '^' {
		// $$, $? and $^ are one character long.
		if l.inCommandMode() && !forceStartNewToken(l.peek()) {
			return l.scanGeneric()
		}
	} else {
	scan:
		for {
			c = l.peek()
			switch {
			case c < 0x80 && (isIdentifierFollow(c) || c == '?'):
				name = append(name, byte(c))
				l.advance()
			case c == ':':
				if l.peekAt(1) == ':' {
					// $a::b is static member access on $a.
					break scan
				}
				name = append(name, ':')
				l.advance()
			case c == eof || c == '\t' || c == '\r' || c == '\n' || c == ' ' || c == '&' ||
				c == '(' || c == ')' || c == ',' || c == ';' || c == '{' || c == '}' ||
				c == '|' || c == '.' || c == '[' || c == '=':
				break scan
			case isLetterOrDigit(c):
				name = utf8.AppendRune(name, c)
				l.advance()
			case l.inCommandMode() && !forceStartNewToken(c):
				return l.scanGeneric()
			default:
				break scan
			}
		}
	}
	t := l.newToken(kind)
	var qualified bool
	t.Scope, t.Value, qualified = splitVariablePath(string(name))
	if t.Value == "" {
		if qualified {
			l.errorf(l.start, ErrInvalidVariableWithDrive)
		} else {
			l.errorf(l.start, ErrInvalidVariableReference)
		}
	}
	return t
}

// scanBracedVariable scans ${...}; the lexer is at the '{'.
func (l *Lexer) scanBracedVariable(inString bool) Token {
	brace := l.pos
	l.advance()
	var name []byte
	closed := false
loop:
	for {
		at := l.pos
		c := l.read()
		switch {
		case c == eof:
			break loop
		case c == '}':
			closed = true
			break loop
		case c == '`':
			c1 := l.read()
			if c1 == eof {
				break loop
			}
			if c1 == 'u' {
				if r, ok := l.scanUnicodeEscape(at); ok {
					c = r
				} else {
					c = '\uFFFD'
				}
			} else {
				c = backtick(c1)
			}
		case isDoubleQuote(c) && inString:
			c1 := l.peek()
			if c1 == eof {
				break loop
			}
			if isDoubleQuote(c1) {
				c = c1
				l.advance()
			}
		case c == '{':
			l.errorf(at, ErrOpenBraceInVariableName)
		}
		name = utf8.AppendRune(name, c)
	}
	if !closed {
		l.errorf(brace, ErrIncompleteBracedVariable)
	} else if len(name) == 0 {
		l.errorf(l.pos-1, ErrEmptyVariableReference)
	}
	if l.inCommandMode() {
		// A '.' or '[' after the name is member access; anything else
		// glued to it makes a bareword.
		if c := l.peek(); !forceStartNewToken(c) && c != '.' && c != '[' {
			return l.scanGeneric()
		}
	}
	t := l.newToken(token.Variable)
	t.Braced = true
	t.Scope, t.Value, _ = splitVariablePath(string(name))
	if t.Value == "" && len(name) > 0 {
		l.errorf(l.start, ErrInvalidBracedVariable)
	}
	return t
}

// splitVariablePath splits "scope:name" into the lower-cased scope or
// drive and the name. qualified reports whether there was a prefix.
func splitVariablePath(path string) (scope, name string, qualified bool) {
	i := strings.IndexByte(path, ':')
	if i <= 0 {
		return "", path, false
	}
	return strings.ToLower(path[:i]), path[i+1:], true
}
