package format

import "strings"

// tableLayout lays out table rows in fixed columns, as PowerShell's
// TableWriter: columns are separated by one blank, the last column is not
// padded, text longer than its column is cut with "…" (or wrapped on
// several lines when asked), and headers longer than their column wrap.
type tableLayout struct {
	widths []int // <= 0: column hidden (no room left on the screen)
	aligns []Align
	hide   bool
	off    bool // no column fits at all
}

// minColumnWidth is the narrowest a column may get before it is hidden.
const minColumnWidth = 1

// newTableLayout sizes the columns for a screen width: columns with no
// width share what the sized ones leave, and when the total is too wide
// the rightmost columns shrink or disappear (ColumnWidthManager).
func newTableLayout(screen int, widths []int, aligns []Align, hide bool) *tableLayout {
	t := &tableLayout{widths: append([]int(nil), widths...), aligns: aligns, hide: hide}
	if screen < 5 {
		t.off = true
		return t
	}
	if !t.assign(screen) {
		t.trim(screen)
	}
	t.off = true
	for _, w := range t.widths {
		if w >= minColumnWidth {
			t.off = false
		}
	}
	return t
}

// total is the width of the visible columns and their separators.
func (t *tableLayout) total() int {
	sum, visible := 0, 0
	for _, w := range t.widths {
		if w > 0 {
			sum += w
			visible++
		}
	}
	if visible == 0 {
		return 0
	}
	return sum + visible - 1
}

// assign gives unsized columns a share of the screen; it reports whether
// the table fits.
func (t *tableLayout) assign(screen int) bool {
	fixed := make([]bool, len(t.widths))
	any0 := false
	for i, w := range t.widths {
		fixed[i] = w > 0
		if w <= 0 {
			any0 = true
			t.widths[i] = minColumnWidth
		}
	}
	avail := screen - t.total()
	if !any0 || avail <= 0 {
		return avail >= 0
	}
	for avail > 0 {
		for i := range t.widths {
			if fixed[i] {
				continue
			}
			t.widths[i]++
			avail--
			if avail == 0 {
				break
			}
		}
	}
	return true
}

// trim shrinks or hides the rightmost visible columns until the table
// fits the screen.
func (t *tableLayout) trim(screen int) {
	for {
		excess := t.total() - screen
		if excess <= 0 {
			return
		}
		last := len(t.widths) - 1
		for i, w := range t.widths {
			if w < 0 {
				last = i - 1
				break
			}
		}
		if last < 0 {
			return
		}
		if nw := t.widths[last] - excess; nw < minColumnWidth {
			t.widths[last] = -1
		} else {
			t.widths[last] = nw
		}
	}
}

// header returns the header lines: the labels (wrapped where longer
// than their column) and the dashes under them.
func (t *tableLayout) header(labels []string) []string {
	if t.off || t.hide {
		return nil
	}
	lines := t.multiLine(labels, t.aligns)
	dashes := make([]string, len(labels))
	for i, l := range labels {
		n := t.widths[i]
		if n <= 0 {
			continue
		}
		if c := cells(l); l != "" && c < n {
			n = c
		}
		dashes[i] = strings.Repeat("-", n)
	}
	return append(lines, t.singleLine(dashes, t.aligns))
}

// row returns the lines of one table row.
func (t *tableLayout) row(cells []string, wrap bool) []string {
	if t.off {
		return nil
	}
	values := make([]string, len(t.widths))
	copy(values, cells)
	if wrap {
		return t.multiLine(values, t.aligns)
	}
	return []string{t.singleLine(values, t.aligns)}
}

// singleLine lays out one line, cutting each value to its column.
func (t *tableLayout) singleLine(values []string, aligns []Align) string {
	var b strings.Builder
	last := len(t.widths) - 1
	for k, w := range t.widths {
		if w <= 0 {
			continue
		}
		if k > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(fitField(values[k], w, aligns[k], k != last))
	}
	return b.String()
}

// fitField pads or cuts a value to a column width (GenerateRowField).
func fitField(val string, width int, align Align, addPadding bool) string {
	s := truncateAtNewLine(val)
	n := cells(s)
	switch {
	case n < width:
		p := width - n
		switch align {
		case Right:
			s = spaces(p) + s
		case Center:
			s = spaces(p/2) + s
			if addPadding {
				s += spaces(p - p/2)
			}
		default:
			if addPadding {
				s += spaces(p)
			}
		}
	case n > width:
		if width-1 > 0 {
			if align == Right {
				s = ellipsis + tailCells(s, width-1)
			} else {
				s = headCells(s, width-1) + ellipsis
			}
		} else if align == Right {
			s = tailCells(s, width)
		} else {
			s = headCells(s, width)
		}
	}
	if c := cells(s); c < width && (n > width) {
		// A double-cell character cut in half leaves a cell to fill.
		if align == Right {
			s = spaces(width-c) + s
		} else if addPadding {
			s += spaces(width - c)
		}
	}
	return s
}

// multiLine lays out values that may span several lines: each value is
// wrapped to its column, shorter columns are padded, and the last column
// with text on a line loses its trailing blanks (GenerateTableRow).
func (t *tableLayout) multiLine(values []string, aligns []Align) []string {
	var valid []int
	for k, w := range t.widths {
		if w > 0 {
			valid = append(valid, k)
		}
	}
	if len(valid) == 0 {
		return nil
	}
	cols := make([][]string, len(valid))
	for i, k := range valid {
		w := t.widths[k]
		addPadding := i != len(valid)-1
		lines := wrapLines(values[k], w)
		for j, l := range lines {
			if cells(l) < w && (addPadding || aligns[k] == Right || aligns[k] == Center) {
				lines[j] = fitField(l, w, aligns[k], addPadding)
			}
			if i > 0 {
				lines[j] = " " + lines[j]
			}
		}
		cols[i] = lines
	}
	rows := 0
	for _, c := range cols {
		rows = max(rows, len(c))
	}
	lastWithContent := make([]int, rows)
	for r := 0; r < rows; r++ {
		for i, c := range cols {
			if len(c) > r {
				lastWithContent[r] = i
			}
		}
	}
	for i, k := range valid {
		padding := 0
		if i < len(valid)-1 {
			padding = t.widths[k]
			if i > 0 {
				padding++
			}
		}
		for r := len(cols[i]); r < rows; r++ {
			if i > lastWithContent[r] {
				cols[i] = append(cols[i], "")
			} else {
				cols[i] = append(cols[i], spaces(padding))
			}
		}
	}
	out := make([]string, rows)
	for r := 0; r < rows; r++ {
		var b strings.Builder
		for i := range cols {
			v := cols[i][r]
			if i == lastWithContent[r] && rows > 1 {
				v = strings.TrimRight(v, " ")
			}
			b.WriteString(v)
		}
		out[r] = b.String()
	}
	return out
}

// bestWideColumns is how many values of width n fit on a line.
func bestWideColumns(n, screen int) int {
	if n <= 0 || screen < 1 || n >= screen {
		return 1
	}
	cols := 1
	for {
		next := cols + 1
		if n*next+(next-1) >= screen {
			return cols
		}
		cols++
	}
}
