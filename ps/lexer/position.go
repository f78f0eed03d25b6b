package lexer

import (
	"sort"
	"strings"

	"github.com/keyhost/keyhost/ps/token"
)

// markEvery is the spacing, in bytes, of the rune-count checkpoints that
// keep column computation cheap on very long lines.
const markEvery = 64

// bom is the UTF-8 byte order mark some editors put at the start of files.
const bom = "\ufeff"

// PosTable turns byte offsets of a source text into line:column
// positions. Lines end at "\n", "\r\n" or a lone "\r", as in PowerShell;
// columns count runes so carets line up with what the admin sees. A
// PosTable is read-only once built.
type PosTable struct {
	src   string
	lines []int   // byte offset of the start of each line
	wide  []bool  // wide[i]: line i has non-ASCII bytes
	marks []int32 // marks[k]: runes that start before byte k*markEvery
}

// NewPosTable indexes the line starts of src.
func NewPosTable(src string) *PosTable {
	lines := []int{0}
	wide := []bool{false}
	marks := make([]int32, 0, len(src)/markEvery+1)
	runes := int32(0)
	for i := 0; i < len(src); i++ {
		if i%markEvery == 0 {
			marks = append(marks, runes)
		}
		c := src[i]
		if c&0xC0 != 0x80 {
			runes++
		}
		if c >= 0x80 {
			wide[len(wide)-1] = true
		}
		switch c {
		case '\n':
			lines = append(lines, i+1)
			wide = append(wide, false)
		case '\r':
			if i+1 < len(src) && src[i+1] == '\n' {
				continue
			}
			lines = append(lines, i+1)
			wide = append(wide, false)
		}
	}
	if len(src)%markEvery == 0 {
		marks = append(marks, runes)
	}
	return &PosTable{src: src, lines: lines, wide: wide, marks: marks}
}

// Source returns the text the table indexes.
func (t *PosTable) Source() string { return t.src }

// Pos returns the position of byte offset off. Offsets outside the text
// are clamped to it, so every position the lexer hands out is valid.
func (t *PosTable) Pos(off int) token.Pos {
	if off < 0 {
		off = 0
	}
	if off > len(t.src) {
		off = len(t.src)
	}
	line := sort.Search(len(t.lines), func(i int) bool { return t.lines[i] > off }) - 1
	if line < 0 {
		line = 0
	}
	start := t.lines[line]
	if line == 0 && strings.HasPrefix(t.src, bom) && off >= len(bom) {
		// Editors do not show the byte order mark: columns start after it.
		start = len(bom)
	}
	if !t.wide[line] {
		return token.Pos{Offset: off, Line: line + 1, Col: off - start + 1}
	}
	return token.Pos{Offset: off, Line: line + 1, Col: t.runesBefore(off) - t.runesBefore(start) + 1}
}

// runesBefore counts the runes that start before byte offset off (bytes
// of invalid UTF-8 that are not continuation bytes count as one each).
func (t *PosTable) runesBefore(off int) int {
	k := off / markEvery
	n := int(t.marks[k])
	for i := k * markEvery; i < off; i++ {
		if t.src[i]&0xC0 != 0x80 {
			n++
		}
	}
	return n
}
