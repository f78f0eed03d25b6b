// Package lexer is keyhost's PowerShell tokenizer.
//
// PowerShell cannot be tokenized without knowing the parse context: "-eq"
// is an operator in an expression and a parameter name after a command,
// "2+2" is an addition at the start of a statement and the string "2+2" as
// a command argument. So, as in PowerShell's own tokenizer.cs, the lexer
// does not run ahead of the parser: the parser asks for one token at a
// time in the Mode it wants, and may rewind (Reset) to rescan a token in
// another mode.
package lexer

import (
	"unicode/utf8"

	"github.com/keyhost/keyhost/ps/ast"
	"github.com/keyhost/keyhost/ps/token"
)

// Mode is the scanning mode the parser asks for.
type Mode int

// The scanning modes.
const (
	// Command scans command names and arguments: barewords become Generic
	// tokens and -Name becomes a Parameter token.
	Command Mode = iota
	// Expression scans operators, numbers and member names.
	Expression
	// TypeName scans the dotted names inside [...].
	TypeName
)

// Token is one token. Which fields are set depends on Kind.
type Token struct {
	Kind token.Kind
	// Start and End are byte offsets in the lexer's text (End exclusive);
	// Reset(Start) rescans the token.
	Start, End int
	// Pos and EndPos are the positions in the original file of the first
	// character and of the character just after the token.
	Pos, EndPos token.Pos
	// Text is the token as written.
	Text string
	// Raw is the text between the delimiters of a string or here-string
	// as written (for barewords, the whole text).
	Raw string
	// Value depends on Kind: the content of a string or bareword with
	// quotes removed and escapes resolved (expansions left as written);
	// the name of a variable (without scope), parameter (without dash and
	// colon) or label; the text of an identifier or keyword.
	Value string

	// Scope is the lower-cased scope or drive of a variable ($env:x).
	Scope string
	// Braced is set for ${...} variables.
	Braced bool
	// Colon is set for a parameter written with a trailing colon (-Name:).
	Colon bool

	// NumKind and Num hold a number's type and value (see ast.Number).
	NumKind ast.NumberKind
	Num     any

	// Parts holds the pieces of an expandable string, here-string or
	// bareword that contains $var or $( ) expansions; nil when there are
	// none (the string is then a constant).
	Parts []Part

	// RedirFrom is the redirected stream (0 for *), RedirTo the target
	// stream of a merging redirection (0 when redirecting to a file), and
	// Append is set for >>. Input is set for the reserved '<' operator.
	RedirFrom, RedirTo int
	Append             bool
	Input              bool
}

// PartKind says what a piece of an expandable string is.
type PartKind int

// The kinds of expandable string pieces.
const (
	PartText     PartKind = iota // literal text
	PartVariable                 // $name, $scope:name or ${...}
	PartSubExpr                  // $( ... )
)

// Part is one piece of an expandable string.
type Part struct {
	Kind PartKind
	// Value is the literal text of a PartText, escapes resolved.
	Value string
	// Start and End delimit the piece in the lexer's text.
	Start, End  int
	Pos, EndPos token.Pos
	// Var is the variable token of a PartVariable.
	Var *Token
	// Sub is the text of a PartSubExpr, to be parsed by a nested lexer.
	Sub *Nested
}

// Nested is a piece of text to scan on its own (the "$( ... )" of an
// expandable string), with the original offset of each of its bytes so
// positions still point into the file.
type Nested struct {
	Text string
	// Offsets has len(Text)+1 entries: the original byte offset of each
	// byte of Text and of its end.
	Offsets []int
}

// Lexer scans one text. It holds no state besides its position and the
// flags below, so Reset to any earlier token start rescans identically.
type Lexer struct {
	src     string
	pos     int // next byte to read
	start   int // start of the token being scanned
	table   *PosTable
	offsets []int // nil: the text is the table's source itself
	report  ErrorHandler

	// Mode selects how the next token is scanned.
	Mode Mode
	// AllowSignedNumbers makes "-1" and "+1" one number token (the parser
	// sets it where a unary expression is expected).
	AllowSignedNumbers bool
	// WantSimpleName makes a word an Identifier even in command mode (for
	// member names, hashtable keys and labels).
	WantSimpleName bool
	// EndNumberOnTernary lets '?' and ':' end a number, for 1?2:3.
	EndNumberOnTernary bool
}

// New returns a lexer over the whole source of table.
func New(table *PosTable, report ErrorHandler) *Lexer {
	return &Lexer{src: table.src, table: table, report: report}
}

// NewNested returns a lexer over a nested text of table's source.
func NewNested(n *Nested, table *PosTable, report ErrorHandler) *Lexer {
	return &Lexer{src: n.Text, table: table, offsets: n.Offsets, report: report}
}

// Text returns the text being scanned.
func (l *Lexer) Text() string { return l.src }

// Offset returns the index of the next byte to scan.
func (l *Lexer) Offset() int { return l.pos }

// Reset moves the lexer to byte index i, to rescan from there.
func (l *Lexer) Reset(i int) {
	if i < 0 {
		i = 0
	}
	if i > len(l.src) {
		i = len(l.src)
	}
	l.pos = i
}

// Orig returns the original file offset of byte index i of the text.
func (l *Lexer) Orig(i int) int {
	if l.offsets == nil {
		return i
	}
	if len(l.offsets) == 0 {
		return 0
	}
	if i < 0 {
		i = 0
	}
	if i >= len(l.offsets) {
		i = len(l.offsets) - 1
	}
	return l.offsets[i]
}

// PosAt returns the file position of byte index i of the text.
func (l *Lexer) PosAt(i int) token.Pos { return l.table.Pos(l.Orig(i)) }

// peek returns the rune at the current position, or eof.
func (l *Lexer) peek() rune {
	if l.pos >= len(l.src) {
		return eof
	}
	c := l.src[l.pos]
	if c < utf8.RuneSelf {
		return rune(c)
	}
	r, _ := utf8.DecodeRuneInString(l.src[l.pos:])
	return r
}

// peekAt returns the rune n runes after the current position, or eof.
func (l *Lexer) peekAt(n int) rune {
	i := l.pos
	for ; n > 0; n-- {
		if i >= len(l.src) {
			return eof
		}
		_, w := utf8.DecodeRuneInString(l.src[i:])
		i += w
	}
	if i >= len(l.src) {
		return eof
	}
	r, _ := utf8.DecodeRuneInString(l.src[i:])
	return r
}

// advance moves past the current rune (no-op at the end).
func (l *Lexer) advance() {
	if l.pos >= len(l.src) {
		return
	}
	if l.src[l.pos] < utf8.RuneSelf {
		l.pos++
		return
	}
	_, w := utf8.DecodeRuneInString(l.src[l.pos:])
	l.pos += w
}

// read returns the current rune and moves past it.
func (l *Lexer) read() rune {
	r := l.peek()
	l.advance()
	return r
}

// atEOF reports whether the whole text has been read.
func (l *Lexer) atEOF() bool { return l.pos >= len(l.src) }

// newToken builds a token of kind k from l.start to the current position.
func (l *Lexer) newToken(k token.Kind) Token {
	return Token{
		Kind:   k,
		Start:  l.start,
		End:    l.pos,
		Pos:    l.PosAt(l.start),
		EndPos: l.PosAt(l.pos),
		Text:   l.src[l.start:l.pos],
	}
}

// inCommandMode reports whether barewords are being scanned.
func (l *Lexer) inCommandMode() bool { return l.Mode == Command }

// inExpressionMode reports whether operators are being scanned.
func (l *Lexer) inExpressionMode() bool { return l.Mode == Expression }
