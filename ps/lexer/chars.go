package lexer

import "unicode"

// eof is the rune the lexer reads past the end of its text. A NUL in the
// text is an ordinary character, so the end needs its own value.
const eof rune = -1

// The characters PowerShell accepts in place of '-', '\” and '"'. Scripts
// pasted from web pages and Word documents depend on them.
const (
	enDash           = '\u2013'
	emDash           = '\u2014'
	horizontalBar    = '\u2015'
	quoteSingleLeft  = '\u2018'
	quoteSingleRight = '\u2019'
	quoteSingleBase  = '\u201a'
	quoteReversed    = '\u201b'
	quoteDoubleLeft  = '\u201c'
	quoteDoubleRight = '\u201d'
	quoteLowDouble   = '\u201e'
	noBreakSpace     = '\u00a0'
	byteOrderMark    = '\ufeff'
	nextLine         = '\u0085'
)

// isWhitespace reports whether r is a blank other than a line break.
func isWhitespace(r rune) bool {
	switch r {
	case ' ', '\t', '\v', '\f', noBreakSpace, nextLine:
		return true
	}
	if r < 0x80 {
		return false
	}
	return unicode.Is(unicode.Zs, r) || unicode.Is(unicode.Zl, r) || unicode.Is(unicode.Zp, r)
}

// isNewline reports whether r ends a line.
func isNewline(r rune) bool { return r == '\n' || r == '\r' }

// isDash reports whether r acts as '-'.
func isDash(r rune) bool {
	return r == '-' || r == enDash || r == emDash || r == horizontalBar
}

// isSingleQuote reports whether r acts as '\”.
func isSingleQuote(r rune) bool {
	switch r {
	case '\'', quoteSingleLeft, quoteSingleRight, quoteSingleBase, quoteReversed:
		return true
	}
	return false
}

// isDoubleQuote reports whether r acts as '"'.
func isDoubleQuote(r rune) bool {
	switch r {
	case '"', quoteDoubleLeft, quoteDoubleRight, quoteLowDouble:
		return true
	}
	return false
}

// forceStartNewToken reports whether r ends a bareword, whatever the
// mode: whitespace, line breaks and ; , ( ) { } | &. This is why "a#b" is
// one word but "a{" is two.
func forceStartNewToken(r rune) bool {
	switch r {
	case eof, 0, ' ', '\t', '\n', '\r', '\v', '\f', ';', ',', '(', ')', '{', '}', '|', '&':
		return true
	}
	if r < 0x80 {
		return false
	}
	return isWhitespace(r)
}

// forceStartNewTokenAfterNumber reports whether r may directly follow a
// number in expression mode (the first character of an operator), so that
// "7+" is two tokens while "7z" is one word. With ternary set, '?' and ':'
// also end a number, for 1?2:3.
func forceStartNewTokenAfterNumber(r rune, ternary bool) bool {
	switch r {
	case '!', '#', '%', '*', '+', '-', '.', '/', '<', '=', '>', ']':
		return true
	case '?', ':':
		return ternary
	}
	return isDash(r)
}

// isVariableStart reports whether r may start an unbraced variable name.
func isVariableStart(r rune) bool {
	if r < 0x80 {
		return r == '$' || r == ':' || r == '?' || r == '^' || r == '_' ||
			(r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z')
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// isIdentifierStart reports whether r may start an identifier or label.
func isIdentifierStart(r rune) bool {
	if r < 0x80 {
		return r == '_' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z')
	}
	return unicode.IsLetter(r)
}

// isIdentifierFollow reports whether r may continue an identifier.
func isIdentifierFollow(r rune) bool {
	if r < 0x80 {
		return r == '_' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9')
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// isLetterOrDigit is .NET's char.IsLetterOrDigit.
func isLetterOrDigit(r rune) bool {
	return r >= 0 && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// isDecimalDigit reports whether r is an ASCII digit.
func isDecimalDigit(r rune) bool { return r >= '0' && r <= '9' }

// isHexDigit reports whether r is an ASCII hexadecimal digit.
func isHexDigit(r rune) bool {
	return isDecimalDigit(r) || (r >= 'a' && r <= 'f') || (r >= 'A' && r <= 'F')
}

// isBinaryDigit reports whether r is 0 or 1.
func isBinaryDigit(r rune) bool { return r == '0' || r == '1' }

// isTypeSuffix reports whether r may start a numeric type suffix.
func isTypeSuffix(r rune) bool {
	switch r {
	case 'd', 'D', 'l', 'L', 'u', 'U', 's', 'S', 'y', 'Y', 'n', 'N':
		return true
	}
	return false
}

// isMultiplierStart reports whether r may start a kb/mb/gb/tb/pb suffix.
func isMultiplierStart(r rune) bool {
	switch r {
	case 'k', 'K', 'm', 'M', 'g', 'G', 't', 'T', 'p', 'P':
		return true
	}
	return false
}

// backtick returns what `c stands for in an expandable string or a
// bareword. `u{...} is handled by the caller.
func backtick(c rune) rune {
	switch c {
	case '0':
		return 0
	case 'a':
		return '\a'
	case 'b':
		return '\b'
	case 'e':
		return 0x1b
	case 'f':
		return '\f'
	case 'n':
		return '\n'
	case 'r':
		return '\r'
	case 't':
		return '\t'
	case 'v':
		return '\v'
	}
	return c
}

// isLetter is .NET's char.IsLetter.
func isLetter(r rune) bool { return r >= 0 && unicode.IsLetter(r) }
