package format

import (
	"strings"
	"unicode/utf8"
)

// ellipsis is what PowerShell puts where it cuts text (U+2026).
const ellipsis = "…"

// runeCells is the number of screen cells a rune takes: two for East
// Asian wide and full-width characters, one otherwise (PowerShell's
// DisplayCells).
func runeCells(r rune) int {
	switch {
	case r < 0x1100:
		return 1
	case r <= 0x115F, // Hangul Jamo
		r >= 0x2E80 && r <= 0xA4CF && r != 0x303F, // CJK ... Yi
		r >= 0xAC00 && r <= 0xD7A3,                // Hangul syllables
		r >= 0xF900 && r <= 0xFAFF,                // CJK compatibility ideographs
		r >= 0xFE30 && r <= 0xFE4F,                // CJK compatibility forms
		r >= 0xFF00 && r <= 0xFF60,                // full-width forms
		r >= 0xFFE0 && r <= 0xFFE6,
		r >= 0x1F300 && r <= 0x1F64F, // emoji
		r >= 0x1F900 && r <= 0x1F9FF,
		r >= 0x20000 && r <= 0x3FFFD: // CJK extensions
		return 2
	}
	return 1
}

// cells is the display width of s.
func cells(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < utf8.RuneSelf {
			n++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		n += runeCells(r)
		i += size - 1
	}
	return n
}

// headCells returns the longest prefix of s that fits in width cells.
func headCells(s string, width int) string {
	n := 0
	for i, r := range s {
		c := runeCells(r)
		if n+c > width {
			return s[:i]
		}
		n += c
	}
	return s
}

// tailCells returns the longest suffix of s that fits in width cells.
func tailCells(s string, width int) string {
	n := 0
	for i := len(s); i > 0; {
		r, size := utf8.DecodeLastRuneInString(s[:i])
		c := runeCells(r)
		if n+c > width {
			return s[i:]
		}
		n += c
		i -= size
	}
	return s
}

// spaces returns n blanks.
func spaces(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat(" ", n)
}

// splitLines splits text on \n, dropping \r, as PowerShell's SplitLines.
func splitLines(s string) []string {
	s = strings.ReplaceAll(s, "\r", "")
	return strings.Split(s, "\n")
}

// truncateAtNewLine keeps the first line of s, marking the cut with an
// ellipsis (single-line table cells).
func truncateAtNewLine(s string) string {
	i := strings.IndexAny(s, "\r\n")
	if i < 0 {
		return s
	}
	return s[:i] + ellipsis
}

// word is a piece of a line for word wrapping: the text and the
// delimiter that followed it (a space, or nothing at the end).
type word struct{ text, delim string }

// words splits a line at blanks and tabs, keeping the delimiters.
func words(line string) []word {
	var out []word
	start := 0
	for i := 0; i < len(line); i++ {
		if line[i] == ' ' || line[i] == '\t' {
			out = append(out, word{line[start:i], line[i : i+1]})
			start = i + 1
		}
	}
	return append(out, word{line[start:], ""})
}

// wrapLines breaks text into lines of at most width cells: first on
// newlines, then by words, splitting words longer than a line (PowerShell's
// GenerateLinesWithWordWrap for English).
func wrapLines(text string, width int) []string {
	if text == "" {
		return []string{""}
	}
	var out []string
	for _, line := range splitLines(text) {
		if cells(line) <= width {
			out = append(out, line)
			continue
		}
		var cur strings.Builder
		left := width
		for _, w := range words(line) {
			piece := w.text + w.delim
			pw := cells(piece)
			if pw > width {
				for _, r := range piece {
					c := runeCells(r)
					if c > width {
						r, c = '?', 1
					}
					if c > left {
						out = append(out, cur.String())
						cur.Reset()
						left = width
					}
					cur.WriteRune(r)
					left -= c
				}
				continue
			}
			if pw > left {
				out = append(out, cur.String())
				cur.Reset()
				left = width
			}
			cur.WriteString(piece)
			left -= pw
		}
		out = append(out, cur.String())
	}
	return out
}
