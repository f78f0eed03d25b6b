// Package format is keyhost's Out-Default: how objects that reach the end
// of a top-level pipeline are shown. Strings and numbers print as lines;
// objects print as tables (using a registered view for their type, as
// format.ps1xml views do, or their own properties) or, with more than four
// properties and no view, as lists.
//
// Output streams: a table's header is printed with its first row and each
// later object of the same type adds a row, so output interleaves with
// Write-Host and errors the way it does in pwsh.
package format

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/keyhost/keyhost/ps/value"
)

// Align is a column's alignment.
type Align int

// Column alignments.
const (
	Left Align = iota
	Right
)

// Column is one column of a table view.
type Column struct {
	Label string
	// Width is the column width; 0 means "as wide as the label" for views
	// and "as wide as the first row" for property tables.
	Width int
	Align Align
	// Value renders the column's cell for an object.
	Value func(obj any) string
}

// TableView is a table layout for a type, like a format.ps1xml TableControl.
type TableView struct {
	Columns []Column
}

// Registry holds the views known for type names. Cmdlet packages register
// views for the objects they return (PowerCLI's VirtualMachine table, ...).
type Registry struct {
	tables map[string]*TableView
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry { return &Registry{tables: map[string]*TableView{}} }

// AddTable registers a table view for a type name.
func (r *Registry) AddTable(typeName string, v *TableView) {
	r.tables[strings.ToLower(typeName)] = v
}

// Table returns the view for the first of typeNames that has one.
func (r *Registry) Table(typeNames []string) (*TableView, string) {
	for _, n := range typeNames {
		if v, ok := r.tables[strings.ToLower(n)]; ok {
			return v, n
		}
	}
	return nil, ""
}

// Writer formats a stream of objects to text.
type Writer struct {
	w   io.Writer
	reg *Registry
	// group is the open table or list, if any.
	group *group
}

type group struct {
	key    string // what objects must share to continue the group
	table  *TableView
	widths []int
	list   bool
}

// NewWriter returns a writer formatting to w with the views in reg.
func NewWriter(w io.Writer, reg *Registry) *Writer {
	return &Writer{w: w, reg: reg}
}

// Write formats one object.
func (w *Writer) Write(v any) error {
	if value.IsNull(v) {
		return nil
	}
	if isScalar(v) {
		w.Flush()
		_, err := io.WriteString(w.w, value.ToString(v)+"\n")
		return err
	}
	obj, ok := v.(value.Object)
	if !ok {
		w.Flush()
		_, err := io.WriteString(w.w, value.ToString(v)+"\n")
		return err
	}
	if view, name := w.reg.Table(obj.TypeNames()); view != nil {
		return w.writeRow("view:"+name, view, obj)
	}
	props := obj.PropertyNames()
	if len(props) == 0 {
		w.Flush()
		_, err := io.WriteString(w.w, value.ToString(v)+"\n")
		return err
	}
	key := "props:" + obj.TypeNames()[0] + ":" + strings.Join(props, ",")
	if len(props) > 4 {
		return w.writeList(key, obj, props)
	}
	return w.writeRow(key, propertyTable(props), obj)
}

// isScalar reports whether v prints as a single line.
func isScalar(v any) bool {
	switch v.(type) {
	case string, bool, int32, int64, float64, int, value.Enum:
		return true
	}
	_, isStringer := v.(value.Stringer)
	_, isObject := v.(value.Object)
	return isStringer && !isObject
}

// propertyTable builds a table of an object's own properties.
func propertyTable(props []string) *TableView {
	cols := make([]Column, len(props))
	for i, p := range props {
		name := p
		cols[i] = Column{Label: p, Value: func(obj any) string {
			v, _ := value.GetProperty(obj, name)
			return Cell(v)
		}}
	}
	return &TableView{Columns: cols}
}

// Cell renders a property value inside a table or list, as PowerShell
// does: collections as {a, b, c} (at most four items, then …).
func Cell(v any) string {
	if value.IsCollection(v) {
		items := value.Enumerate(v)
		parts := make([]string, 0, 4)
		for i, it := range items {
			if i == 4 {
				parts = append(parts, "…")
				break
			}
			parts = append(parts, value.ToString(it))
		}
		s := "{" + strings.Join(parts, ", ")
		if len(items) > 4 {
			s = strings.Replace(s, ", …", "…", 1)
		}
		return s + "}"
	}
	if f, ok := v.(float64); ok {
		return value.FormatDouble(f)
	}
	return value.ToString(v)
}

// writeRow prints a table row, starting a new table when needed.
func (w *Writer) writeRow(key string, view *TableView, obj any) error {
	if w.group == nil || w.group.key != key {
		w.Flush()
		g := &group{key: key, table: view, widths: make([]int, len(view.Columns))}
		labels := make([]string, len(view.Columns))
		dashes := make([]string, len(view.Columns))
		for i, c := range view.Columns {
			width := c.Width
			if width == 0 {
				width = len([]rune(c.Label))
				if c.Value != nil {
					if n := len([]rune(c.Value(obj))); n > width {
						width = n
					}
				}
			}
			g.widths[i] = width
			labels[i] = c.Label
			dashes[i] = strings.Repeat("-", len([]rune(c.Label)))
		}
		w.group = g
		var b strings.Builder
		b.WriteString("\n")
		b.WriteString(w.line(labels))
		b.WriteString(w.line(dashes))
		if _, err := io.WriteString(w.w, b.String()); err != nil {
			return err
		}
	}
	cells := make([]string, len(view.Columns))
	for i, c := range view.Columns {
		if c.Value != nil {
			cells[i] = c.Value(obj)
		}
	}
	_, err := io.WriteString(w.w, w.line(cells))
	return err
}

// line lays out one table line in the open group's columns.
func (w *Writer) line(cells []string) string {
	g := w.group
	var b strings.Builder
	last := len(cells) - 1
	for i, s := range cells {
		width := g.widths[i]
		rs := []rune(s)
		if i < last && len(rs) > width {
			rs = append(rs[:width-1], '…')
		}
		pad := width - len(rs)
		if pad < 0 {
			pad = 0
		}
		if g.table.Columns[i].Align == Right {
			b.WriteString(strings.Repeat(" ", pad))
			b.WriteString(string(rs))
		} else {
			b.WriteString(string(rs))
			if i < last {
				b.WriteString(strings.Repeat(" ", pad))
			}
		}
		if i < last {
			b.WriteByte(' ')
		}
	}
	return strings.TrimRight(b.String(), " ") + "\n"
}

// writeList prints an object as a list of "Name : value" lines.
func (w *Writer) writeList(key string, obj value.Object, props []string) error {
	if w.group == nil || w.group.key != key {
		w.Flush()
		w.group = &group{key: key, list: true}
		if _, err := io.WriteString(w.w, "\n"); err != nil {
			return err
		}
	}
	width := 0
	for _, p := range props {
		if n := len([]rune(p)); n > width {
			width = n
		}
	}
	var b strings.Builder
	for _, p := range props {
		v, _ := obj.Property(p)
		fmt.Fprintf(&b, "%-*s : %s\n", width, p, Cell(v))
	}
	b.WriteString("\n")
	_, err := io.WriteString(w.w, b.String())
	return err
}

// Flush ends the open table (a blank line follows a table) or list.
func (w *Writer) Flush() {
	if w.group == nil {
		return
	}
	if !w.group.list {
		io.WriteString(w.w, "\n")
	}
	w.group = nil
}

// Fixed formats f with the given number of decimals, rounding half away
// from zero as .NET's "F"/"N" formats do.
func Fixed(f float64, decimals int) string {
	p := math.Pow(10, float64(decimals))
	return strconv.FormatFloat(math.Round(f*p)/p, 'f', decimals, 64)
}
