package format

import (
	"io"
	"strings"
)

// DefaultWidth is the line width keyhost lays output out in: pwsh's
// width when it has no console to ask.
const DefaultWidth = 120

// layout turns format records into lines (PowerShell's OutCommandInner):
// blank lines around sequences, table headers per group, list entries
// separated by blank lines. Tables whose columns are not all sized, and
// -AutoSize output, are held back per group and sized from all their
// rows; other output streams line by line.
type layout struct {
	emit func(line string) error
	// width is the table and wide width; listWidth the list width (0:
	// lists are not wrapped, as in Out-String without -Width).
	width, listWidth int

	start   *FormatStart
	inGroup bool
	groups  int
	// caching holds a group's records until its end, to size columns.
	caching bool
	cache   []any
	table   *tableLayout
	wide    *wideState
}

// wideState is the open row of a wide view.
type wideState struct {
	t       *tableLayout
	perRow  int
	pending []string
}

func newLayout(emit func(string) error, width, listWidth int) *layout {
	if width <= 0 {
		width = DefaultWidth
	}
	return &layout{emit: emit, width: width, listWidth: listWidth}
}

// lines emits several lines.
func (l *layout) lines(ls []string) error {
	for _, s := range ls {
		if err := l.emit(s); err != nil {
			return err
		}
	}
	return nil
}

// write handles one record.
func (l *layout) write(rec any) error {
	if l.caching && l.inGroup {
		l.cache = append(l.cache, rec)
		if _, end := rec.(*GroupEnd); end {
			return l.replay()
		}
		if _, end := rec.(*FormatEnd); end {
			return l.replay()
		}
		return nil
	}
	switch r := rec.(type) {
	case *FormatStart:
		if l.start != nil {
			// A new sequence before the old one ended: close the old one.
			if err := l.close(); err != nil {
				return err
			}
		}
		l.start = r
		l.caching = r.AutoSize || (r.Shape == ShapeTable && len(r.Columns) > 0 && r.Columns[0].Width == 0)
		return l.emit("")
	case *GroupStart:
		return l.groupStart(r, nil)
	case *Entry:
		return l.entry(r)
	case *GroupEnd:
		return l.groupEnd()
	case *FormatEnd:
		return l.formatEnd()
	}
	return nil
}

// replay lays out a cached group once its entries are known.
func (l *layout) replay() error {
	recs := l.cache
	l.cache = nil
	l.caching = false
	defer func() { l.caching = l.start != nil }()
	entries := []*Entry{} // non-nil: the group is sized from these
	for _, r := range recs {
		if e, ok := r.(*Entry); ok && !e.OutOfBand {
			entries = append(entries, e)
		}
	}
	for _, r := range recs {
		if gs, ok := r.(*GroupStart); ok {
			if err := l.groupStart(gs, entries); err != nil {
				return err
			}
			continue
		}
		if err := l.write(r); err != nil {
			return err
		}
	}
	return nil
}

// groupStart starts a group: its label, then the table header or the
// wide layout. entries, when known, size the columns.
func (l *layout) groupStart(g *GroupStart, entries []*Entry) error {
	if l.start == nil {
		return nil
	}
	if l.caching && entries == nil {
		l.inGroup = true
		l.cache = append(l.cache, g)
		return nil
	}
	l.inGroup = true
	if g.Label != "" {
		if l.groups > 0 {
			if err := l.emit(""); err != nil {
				return err
			}
		}
		if err := l.emit(g.Label); err != nil {
			return err
		}
		if err := l.emit(""); err != nil {
			return err
		}
	}
	l.groups++
	switch l.start.Shape {
	case ShapeTable:
		return l.tableStart(entries)
	case ShapeWide:
		l.wideStart(entries)
	}
	return nil
}

// tableStart sizes the table and prints its header.
func (l *layout) tableStart(entries []*Entry) error {
	cols := l.start.Columns
	widths := make([]int, len(cols))
	aligns := make([]Align, len(cols))
	labels := make([]string, len(cols))
	for i, c := range cols {
		widths[i], aligns[i], labels[i] = c.Width, c.Align, c.Label
	}
	if entries != nil {
		// Size every column from its label and its cells (the autosize hint).
		for i, c := range cols {
			widths[i] = cells(c.Label)
		}
		for _, e := range entries {
			for i := range cols {
				if i < len(e.Cells) {
					widths[i] = max(widths[i], cells(e.Cells[i]))
				}
			}
		}
	}
	l.table = newTableLayout(l.width, widths, aligns, l.start.HideHeaders)
	return l.lines(l.table.header(labels))
}

// wideStart chooses how many values go on a line.
func (l *layout) wideStart(entries []*Entry) {
	perRow := 2
	maxLen := 0
	for _, e := range entries {
		maxLen = max(maxLen, cells(e.Text))
	}
	switch {
	case entries != nil && maxLen > 0:
		perRow = bestWideColumns(maxLen, l.width)
	case l.start.WideColumns > 0:
		perRow = l.start.WideColumns
	}
	widths := make([]int, perRow)
	aligns := make([]Align, perRow)
	l.wide = &wideState{t: newTableLayout(l.width, widths, aligns, false), perRow: perRow}
}

// entry lays out one entry.
func (l *layout) entry(e *Entry) error {
	if e.OutOfBand || l.start == nil {
		return l.outOfBand(e)
	}
	switch l.start.Shape {
	case ShapeTable:
		if l.table == nil {
			return nil
		}
		return l.lines(l.table.row(e.Cells, e.Wrap))
	case ShapeList:
		if err := l.lines(listLines(e.Labels, e.Values, l.listWidth)); err != nil {
			return err
		}
		return l.emit("")
	case ShapeWide:
		if l.wide == nil {
			l.wideStart(nil)
		}
		l.wide.pending = append(l.wide.pending, e.Text)
		if len(l.wide.pending) == l.wide.perRow {
			return l.flushWide()
		}
		return nil
	}
	return l.lines(splitLines(e.Text))
}

// flushWide prints the open wide row.
func (l *layout) flushWide() error {
	w := l.wide
	if w == nil || len(w.pending) == 0 {
		return nil
	}
	vals := make([]string, w.perRow)
	copy(vals, w.pending)
	w.pending = w.pending[:0]
	return l.lines(w.t.row(vals, false))
}

// outOfBand prints an entry outside the current view.
func (l *layout) outOfBand(e *Entry) error {
	switch {
	case e.List:
		if err := l.emit(""); err != nil {
			return err
		}
		if err := l.lines(listLines(e.Labels, e.Values, l.listWidth)); err != nil {
			return err
		}
		return l.emit("")
	case e.Raw:
		return l.emit(e.Text)
	}
	return l.lines(splitLines(strings.TrimRight(e.Text, "\n")))
}

// groupEnd ends a group (a wide view prints its last, partial line).
func (l *layout) groupEnd() error {
	l.inGroup = false
	if l.start != nil && l.start.Shape == ShapeWide {
		err := l.flushWide()
		l.wide = nil
		return err
	}
	l.table = nil
	return nil
}

// formatEnd ends a sequence with a blank line (lists already end with one).
func (l *layout) formatEnd() error {
	if l.start == nil {
		return nil
	}
	shape := l.start.Shape
	l.start, l.table, l.wide, l.inGroup, l.caching, l.groups = nil, nil, nil, false, false, 0
	if shape == ShapeList {
		return nil
	}
	return l.emit("")
}

// close ends whatever is open, as the end of an output command does.
func (l *layout) close() error {
	if l.caching && len(l.cache) > 0 {
		l.cache = append(l.cache, &GroupEnd{})
		if err := l.replay(); err != nil {
			return err
		}
	}
	if l.inGroup {
		if err := l.groupEnd(); err != nil {
			return err
		}
	}
	return l.formatEnd()
}

// listLines lays out a list entry: labels padded to the longest, then
// " : " and the value; long values wrap at width (0: no wrapping) and
// multi-line values continue under the first line.
func listLines(labels, values []string, width int) []string {
	if len(labels) == 0 {
		return nil
	}
	labelWidth := 0
	for _, lb := range labels {
		labelWidth = max(labelWidth, cells(lb))
	}
	const sep = " : "
	if width > 0 && labelWidth > width-len(sep)-1 {
		labelWidth = max(width-len(sep)-1, 1)
	}
	indent := spaces(labelWidth + len(sep))
	var out []string
	for i, lb := range labels {
		v := ""
		if i < len(values) {
			v = values[i]
		}
		if c := cells(lb); c < labelWidth {
			lb += spaces(labelWidth - c)
		} else if c > labelWidth {
			lb = headCells(lb, labelWidth)
		}
		prefix := lb + sep
		for j, line := range splitLines(v) {
			var parts []string
			if width > 0 {
				parts = wrapLines(line, width-labelWidth-len(sep))
			} else {
				parts = []string{line}
			}
			for k, p := range parts {
				if j == 0 && k == 0 {
					out = append(out, prefix+p)
				} else {
					out = append(out, indent+p)
				}
			}
		}
	}
	return out
}

// Writer is Out-Default: it formats objects as they come (choosing views
// as format-default does) and writes the text to w.
type Writer struct {
	f   *Formatter
	l   *layout
	err error
	w   io.Writer
}

// Options configure a Writer.
type Options struct {
	// Width is the line width; 0 means DefaultWidth.
	Width int
	// UnwrappedLists leaves long list values on one line (Out-String
	// without -Width).
	UnwrappedLists bool
	// EnumerationLimit is $FormatEnumerationLimit; nil means the default, 4.
	EnumerationLimit *int
}

// NewWriter returns Out-Default writing to w with the views in reg, laid
// out for a 120-column console.
func NewWriter(w io.Writer, reg *Registry) *Writer {
	return NewWriterOptions(w, reg, Options{})
}

// NewWriterOptions returns a Writer with explicit options.
func NewWriterOptions(w io.Writer, reg *Registry, o Options) *Writer {
	limit := DefaultEnumerationLimit
	if o.EnumerationLimit != nil {
		limit = *o.EnumerationLimit
	}
	width := o.Width
	if width <= 0 {
		width = DefaultWidth
	}
	listWidth := width
	if o.UnwrappedLists {
		listWidth = 0
	}
	wr := &Writer{w: w, f: NewFormatter(reg, Spec{EnumerationLimit: limit})}
	wr.l = newLayout(func(line string) error {
		_, err := io.WriteString(w, line+"\n")
		return err
	}, width, listWidth)
	return wr
}

// Write formats one object (or passes a format record on).
func (w *Writer) Write(v any) error {
	if IsRecord(v) {
		if _, isStart := v.(*FormatStart); isStart {
			// Explicitly formatted output ends the default formatting.
			if err := w.f.End(w.l.write); err != nil {
				return err
			}
		}
		return w.l.write(v)
	}
	return w.f.Format(v, w.l.write)
}

// Flush ends the open table or list (the blank line after a table, held
// back rows), as the end of an Out-Default does. The runner calls it
// when a run ends.
func (w *Writer) Flush() {
	if err := w.f.End(w.l.write); err != nil && w.err == nil {
		w.err = err
	}
	if err := w.l.close(); err != nil && w.err == nil {
		w.err = err
	}
}

// Sync is called before other text (Write-Host, errors, prompts) is
// written to the console: everything already laid out has been written,
// and a table in progress stays open, as in pwsh, where such text
// appears between the rows of a table with sized columns and before a
// table still being sized.
func (w *Writer) Sync() {}

// Err returns the first write error Flush met.
func (w *Writer) Err() error { return w.err }
