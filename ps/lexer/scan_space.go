package lexer

// skipWhitespace skips blanks (not line breaks).
func (l *Lexer) skipWhitespace() {
	for isWhitespace(l.peek()) {
		l.advance()
	}
}

// atBOM reports whether the lexer is at a byte order mark that starts the
// file; pwsh drops it when reading a script, so the lexer skips it.
func (l *Lexer) atBOM() bool {
	return l.peek() == byteOrderMark && l.Orig(l.pos) == 0
}

// skipLineComment skips from '#' to the end of the line, leaving the line
// break. #requires lines are comments too; keyhost does not act on them.
func (l *Lexer) skipLineComment() {
	for {
		c := l.peek()
		if c == eof || isNewline(c) {
			return
		}
		l.advance()
	}
}

// skipBlockComment skips a <# ... #> comment; the lexer is at the '<'.
func (l *Lexer) skipBlockComment() {
	start := l.pos
	l.advance()
	l.advance()
	for {
		c := l.read()
		if c == eof {
			l.errorf(start, ErrMissingCommentTerminator)
			return
		}
		if c == '#' && l.peek() == '>' {
			l.advance()
			return
		}
	}
}

// SkipNewlines skips blanks, line breaks, comments and line continuations
// (and semicolons when skipSemis is set) without producing tokens. The
// parser calls it wherever a line break does not end anything: after an
// operator, a comma, a pipe, an opening bracket.
func (l *Lexer) SkipNewlines(skipSemis bool) {
	for {
		c := l.peek()
		switch {
		case isWhitespace(c) || isNewline(c) || l.atBOM():
			l.advance()
		case c == ';' && skipSemis:
			l.advance()
		case c == '#':
			l.skipLineComment()
		case c == '<' && l.peekAt(1) == '#':
			l.skipBlockComment()
		case c == '`':
			c1 := l.peekAt(1)
			if !isNewline(c1) && !isWhitespace(c1) {
				return
			}
			l.advance()
		default:
			return
		}
	}
}

// PipeContinues reports whether the first thing after the line break that
// ends at byte index i, skipping blanks and comment lines (but not blank
// lines), is a '|'. PowerShell 7 then continues the pipeline on that line.
func (l *Lexer) PipeContinues(i int) bool {
	lastWasNewline := true
	for i < len(l.src) {
		c := l.src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\v' || c == '\f':
			i++
		case c == '\n' || c == '\r':
			if lastWasNewline {
				return false
			}
			lastWasNewline = true
			if c == '\r' && i+1 < len(l.src) && l.src[i+1] == '\n' {
				i++
			}
			i++
		case c == '#':
			lastWasNewline = false
			for i < len(l.src) && l.src[i] != '\n' && l.src[i] != '\r' {
				i++
			}
		case c == '<' && i+1 < len(l.src) && l.src[i+1] == '#':
			lastWasNewline = false
			i += 2
			for i < len(l.src) && !(l.src[i] == '#' && i+1 < len(l.src) && l.src[i+1] == '>') {
				i++
			}
			i += 2
		default:
			return c == '|'
		}
	}
	return false
}
