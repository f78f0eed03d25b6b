package lexer

import "unicode/utf8"

// partBuilder collects the value of an expandable string or bareword and,
// alongside it, the pieces the parser turns into ExpandableString.Parts:
// runs of literal text and the nested $var and $( ) expansions.
type partBuilder struct {
	l      *Lexer
	value  []byte // the whole value; expansions appear as written
	piece  []byte // the literal text since the last expansion
	pStart int    // where the current literal piece starts (-1: none)
	parts  []Part
	nested bool // at least one expansion was found
}

func newPartBuilder(l *Lexer) *partBuilder {
	return &partBuilder{l: l, pStart: -1}
}

// addRune appends literal text read from index at.
func (b *partBuilder) addRune(r rune, at int) {
	if b.pStart < 0 {
		b.pStart = at
	}
	b.value = utf8.AppendRune(b.value, r)
	b.piece = utf8.AppendRune(b.piece, r)
}

// flush closes the current literal piece, which ends at index end.
func (b *partBuilder) flush(end int) {
	if b.pStart < 0 {
		return
	}
	if len(b.piece) > 0 {
		b.parts = append(b.parts, Part{
			Kind:   PartText,
			Value:  string(b.piece),
			Start:  b.pStart,
			End:    end,
			Pos:    b.l.PosAt(b.pStart),
			EndPos: b.l.PosAt(end),
		})
	}
	b.piece = b.piece[:0]
	b.pStart = -1
}

// addExpansion appends a nested expansion; its text goes into the value
// as written, as PowerShell does.
func (b *partBuilder) addExpansion(p Part) {
	b.flush(p.Start)
	b.nested = true
	b.value = append(b.value, b.l.src[p.Start:p.End]...)
	b.parts = append(b.parts, p)
}

// lengths and truncate let a here-string drop the line break it appended
// just before its terminator.
func (b *partBuilder) lengths() (int, int) { return len(b.value), len(b.piece) }

func (b *partBuilder) truncate(v, p int) {
	b.value = b.value[:v]
	b.piece = b.piece[:p]
}

// result returns the value and, when there were expansions, the parts.
func (b *partBuilder) result(end int) (string, []Part) {
	b.flush(end)
	if !b.nested {
		return string(b.value), nil
	}
	return string(b.value), b.parts
}
