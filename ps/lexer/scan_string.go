package lexer

import (
	"strconv"
	"unicode/utf8"

	"github.com/keyhost/keyhost/ps/token"
)

// scanStringLiteral scans a 'verbatim' string; the lexer is at the quote.
func (l *Lexer) scanStringLiteral() Token {
	l.advance()
	b := newPartBuilder(l)
	closed := l.scanStringLiteralInto(b)
	t := l.newToken(token.StringLiteral)
	t.Value, _ = b.result(l.pos)
	t.Raw = rawBetween(t.Text, closed)
	return t
}

// scanStringLiteralInto scans the rest of a single-quoted string (the
// opening quote is read) into b. A doubled quote stands for one quote.
// It reports whether the closing quote was found.
func (l *Lexer) scanStringLiteralInto(b *partBuilder) bool {
	quoteAt := l.pos - 1
	for {
		at := l.pos
		c := l.read()
		if c == eof {
			l.errorf(quoteAt, ErrTerminatorExpected, "'")
			return false
		}
		if isSingleQuote(c) {
			if !isSingleQuote(l.peek()) {
				return true
			}
			at = l.pos
			c = l.read()
		}
		b.addRune(c, at)
	}
}

// scanStringExpandable scans a "double-quoted" string; the lexer is at the
// quote.
func (l *Lexer) scanStringExpandable() Token {
	l.advance()
	b := newPartBuilder(l)
	closed := l.scanStringExpandableInto(b)
	t := l.newToken(token.StringExpandable)
	t.Value, t.Parts = b.result(l.pos)
	t.Raw = rawBetween(t.Text, closed)
	return t
}

// scanStringExpandableInto scans the rest of a double-quoted string (the
// opening quote is read) into b: "" and `" are quotes, backticks escape,
// $name, ${name} and $( ) are expansions. It reports whether the closing
// quote was found.
func (l *Lexer) scanStringExpandableInto(b *partBuilder) bool {
	quoteAt := l.pos - 1
	for {
		at := l.pos
		c := l.peek()
		switch {
		case c == eof:
			l.errorf(quoteAt, ErrTerminatorExpected, "\"")
			return false
		case isDoubleQuote(c):
			l.advance()
			if !isDoubleQuote(l.peek()) {
				b.flush(at)
				return true
			}
			at = l.pos
			b.addRune(l.read(), at)
		case c == '$':
			if p, ok := l.scanDollarInString(false); ok {
				b.addExpansion(p)
				continue
			}
			l.advance()
			b.addRune('$', at)
		case c == '`':
			l.advance()
			if l.peek() == eof {
				b.addRune('`', at)
				continue
			}
			l.addEscape(b, at)
		default:
			l.advance()
			b.addRune(c, at)
		}
	}
}

// addEscape reads the character after a backtick (the backtick is read)
// and appends what the escape stands for.
func (l *Lexer) addEscape(b *partBuilder, at int) {
	c1 := l.read()
	if c1 == 'u' {
		if r, ok := l.scanUnicodeEscape(at); ok {
			b.addRune(r, at)
		} else {
			b.addRune('\uFFFD', at)
		}
		return
	}
	b.addRune(backtick(c1), at)
}

// scanUnicodeEscape scans the {hex} of `u{hex}; escStart is the backtick.
func (l *Lexer) scanUnicodeEscape(escStart int) (rune, bool) {
	if l.peek() != '{' {
		l.errorf(escStart, ErrInvalidUnicodeEscape)
		return 0, false
	}
	l.advance()
	digits := 0
	var v uint64
	for {
		c := l.peek()
		if c == '}' {
			if digits == 0 {
				l.errorf(escStart, ErrInvalidUnicodeEscape)
				l.advance()
				return 0, false
			}
			l.advance()
			break
		}
		if !isHexDigit(c) {
			if digits < 6 {
				l.errorf(l.pos, ErrInvalidUnicodeEscape)
			} else {
				l.errorf(l.pos, ErrMissingUnicodeEscapeEnd)
			}
			return 0, false
		}
		if digits == 6 {
			l.errorf(l.pos, ErrTooManyDigitsInUnicodeEscape)
			return 0, false
		}
		d, _ := strconv.ParseUint(string(c), 16, 8)
		v = v*16 + d
		digits++
		l.advance()
	}
	if v > 0x10FFFF {
		l.errorf(escStart+3, ErrUnicodeEscapeOutOfRange)
		return 0, false
	}
	return rune(v), true
}

// scanDollarInString scans the expansion at a '$' inside an expandable
// string or bareword: $( ... ), $name or ${name}. ok is false (and nothing
// is read) when the '$' is just a character.
func (l *Lexer) scanDollarInString(hereString bool) (Part, bool) {
	dollar := l.pos
	c1 := l.peekAt(1)
	switch {
	case c1 == '(':
		l.advance()
		l.advance()
		sub := l.scanSubExpression(dollar, hereString)
		return Part{Kind: PartSubExpr, Start: dollar, End: l.pos, Pos: l.PosAt(dollar), EndPos: l.PosAt(l.pos), Sub: sub}, true
	case isVariableStart(c1) || c1 == '{':
		// The name ends as in an expression, whatever the outer mode.
		saveMode, saveStart := l.Mode, l.start
		l.Mode = Expression
		l.start = dollar
		l.advance()
		v := l.scanVariable(false, true)
		l.Mode, l.start = saveMode, saveStart
		return Part{Kind: PartVariable, Start: dollar, End: l.pos, Pos: v.Pos, EndPos: v.EndPos, Var: &v}, true
	}
	return Part{}, false
}

// scanSubExpression collects the text of a $( ... ) inside a string, up
// to the matching parenthesis, for the parser to parse on its own. Like
// PowerShell it only counts parentheses; inside a "..." string a doubled
// quote (or `") stands for one quote.
func (l *Lexer) scanSubExpression(dollar int, hereString bool) *Nested {
	text := []byte("$(")
	offs := []int{l.Orig(dollar), l.Orig(dollar + 1)}
	add := func(from, to int) {
		for i := from; i < to; i++ {
			text = append(text, l.src[i])
			offs = append(offs, l.Orig(i))
		}
	}
	depth := 1
	for depth > 0 {
		at := l.pos
		c := l.read()
		switch {
		case c == eof:
			l.errorf(dollar, ErrIncompleteSubexpression)
			depth = 0
		case c == '(':
			depth++
			add(at, l.pos)
		case c == ')':
			depth--
			add(at, l.pos)
		case (c == '`' || isDoubleQuote(c)) && !hereString && isDoubleQuote(l.peek()):
			at = l.pos
			l.advance()
			add(at, l.pos)
		default:
			add(at, l.pos)
		}
	}
	offs = append(offs, l.Orig(l.pos))
	return &Nested{Text: string(text), Offsets: offs}
}

// scanHereString scans a here-string; the lexer is after the @' or @".
// The opener must end its line, the closer must start a line, and the
// line break before the closer is not part of the value.
func (l *Lexer) scanHereString(expandable bool) Token {
	kind := token.HereStringLiteral
	quote := "'@"
	isQuote := isSingleQuote
	if expandable {
		kind, quote, isQuote = token.HereStringExpandable, "\"@", isDoubleQuote
	}
	if !l.scanAfterHereStringHeader(isQuote, quote) {
		t := l.newToken(kind)
		return t
	}
	contentStart := l.pos
	b := newPartBuilder(l)
	falseFooter := -1
	if l.scanHereStringFooter(isQuote, b, &falseFooter) {
		t := l.newToken(kind)
		t.Value, t.Parts = b.result(contentStart)
		return t
	}
	for {
		at := l.pos
		c := l.peek()
		switch {
		case c == eof:
			if falseFooter >= 0 {
				l.errorf(falseFooter, ErrWhitespaceBeforeFooter)
			} else {
				l.errorf(l.start, ErrTerminatorExpected, quote)
			}
			t := l.newToken(kind)
			t.Value, t.Parts = b.result(l.pos)
			t.Raw = l.src[contentStart:l.pos]
			return t
		case isNewline(c):
			v, p := b.lengths()
			l.advance()
			b.addRune(c, at)
			if c == '\r' && l.peek() == '\n' {
				b.addRune(l.read(), at+1)
			}
			if l.scanHereStringFooter(isQuote, b, &falseFooter) {
				b.truncate(v, p)
				t := l.newToken(kind)
				t.Value, t.Parts = b.result(at)
				t.Raw = l.src[contentStart:at]
				return t
			}
		case c == '$' && expandable:
			if p, ok := l.scanDollarInString(true); ok {
				b.addExpansion(p)
				continue
			}
			l.advance()
			b.addRune('$', at)
		case c == '`' && expandable:
			l.advance()
			if l.peek() == eof {
				b.addRune('`', at)
				continue
			}
			l.addEscape(b, at)
		default:
			l.advance()
			b.addRune(c, at)
		}
	}
}

// scanAfterHereStringHeader checks that only blanks follow the here-string
// opener on its line and reads the line break.
func (l *Lexer) scanAfterHereStringHeader(isQuote func(rune) bool, quote string) bool {
	l.skipWhitespace()
	switch c := l.peek(); {
	case c == '\n':
		l.advance()
		return true
	case c == '\r':
		l.advance()
		if l.peek() == '\n' {
			l.advance()
		}
		return true
	case c == eof:
		l.errorf(l.start, ErrTerminatorExpected, quote)
		return false
	}
	// Recover as PowerShell does: look for a terminator on this line, and
	// leave the line break so it ends the statement.
	l.errorf(l.pos, ErrCharsAfterHereStringHeader)
	for {
		c := l.peek()
		if c == eof || isNewline(c) {
			return false
		}
		l.advance()
		if isQuote(c) && l.peek() == '@' {
			l.advance()
			return false
		}
	}
}

// scanHereStringFooter checks for the closer at the start of a line. Blanks
// followed by a closer are kept as text but remembered in falseFooter for a
// better error if no real closer follows.
func (l *Lexer) scanHereStringFooter(isQuote func(rune) bool, b *partBuilder, falseFooter *int) bool {
	c := l.peek()
	if isQuote(c) && l.peekAt(1) == '@' {
		l.advance()
		l.advance()
		return true
	}
	for isWhitespace(l.peek()) {
		at := l.pos
		b.addRune(l.read(), at)
	}
	c = l.peek()
	if isQuote(c) && l.peekAt(1) == '@' {
		if *falseFooter < 0 {
			*falseFooter = l.pos
		}
		at := l.pos
		b.addRune(l.read(), at)
		b.addRune(l.read(), at+1)
	}
	return false
}

// rawBetween returns the text of a quoted token without its quotes.
func rawBetween(text string, closed bool) string {
	_, w := utf8.DecodeRuneInString(text)
	s := text[w:]
	if closed && len(s) > 0 {
		_, w = utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-w]
	}
	return s
}
