// Package format is keyhost's formatting system: Out-Default and the
// engine behind Format-Table, Format-List, Format-Wide and Out-String.
//
// It follows PowerShell's design (FormatAndOutput in the engine source):
// a formatter turns objects into format records (FormatStartData,
// GroupStartData, FormatEntryData, GroupEndData, FormatEndData), and an
// output step lays the records out as lines of text. Format-* cmdlets
// write the records down the pipeline, so `Get-VM | Format-Table Name |
// Out-String` works as in pwsh; Out-Default formats what is not
// formatted yet itself.
//
// Layout rules are pwsh 7's: objects with up to four properties print as
// a table, more as a list; registered views (format.ps1xml in PowerShell)
// win; property tables size their columns from all their rows (pwsh
// buffers 300 ms of output for this; keyhost's scripts run faster than
// that, so the whole group is buffered) while views with fixed widths
// stream; text is cut with "…" at the column width. keyhost has no
// console, so it assumes pwsh's default width of 120 columns.
package format

import (
	"strings"

	"github.com/keyhost/keyhost/ps/value"
)

// Align is a column's alignment.
type Align int

// Column alignments.
const (
	Left Align = iota
	Right
	Center
)

// Column is one column of a table view, or one item of a list view.
type Column struct {
	Label string
	// Width is the column width; 0 lets the layout decide (the remaining
	// screen width, shared with the other unsized columns).
	Width int
	Align Align
	// Value renders the column's cell for an object.
	Value func(obj any) string
}

// TableView is a table layout for a type, like a format.ps1xml TableControl.
type TableView struct {
	Columns []Column
	// Group, when set, groups rows: a new group (with its own header)
	// starts whenever the returned label changes, and the label is
	// printed above it ("    Directory: /tmp").
	Group func(obj any) string
	// Wrap shows multi-line cells on several lines instead of cutting them.
	Wrap bool
}

// ListView is a list layout for a type (a ListControl).
type ListView struct {
	Items []Column
}

// CustomView renders an object as free text (a CustomControl), as the
// DateTime and ErrorRecord views do.
type CustomView struct {
	Text func(obj any) string
	// OutOfBand views print wherever the object appears, without
	// interrupting a table (error records).
	OutOfBand bool
}

// WideView is a wide layout for a type (a WideControl): one value per
// object, several objects per line.
type WideView struct {
	Value func(obj any) string
	// Group, when set, groups entries as TableView.Group does.
	Group func(obj any) string
}

// Shape is the kind of layout: table, list, wide or custom.
type Shape int

// The shapes. ShapeDefault lets the object's views and property count
// decide (Out-Default).
const (
	ShapeDefault Shape = iota
	ShapeTable
	ShapeList
	ShapeWide
	ShapeCustom
)

// view is one registered view of a type.
type view struct {
	shape  Shape
	table  *TableView
	list   *ListView
	wide   *WideView
	custom *CustomView
	// typeName is the type the view was registered for first;
	// typeNames lists every type it was registered for (one view
	// definition can serve several types, as pwsh's FileInfo and
	// DirectoryInfo share theirs).
	typeName  string
	typeNames []string
}

// content identifies the view definition a view wraps.
func (v *view) content() any {
	switch v.shape {
	case ShapeTable:
		return v.table
	case ShapeList:
		return v.list
	case ShapeWide:
		return v.wide
	}
	return v.custom
}

// Registry holds the views known for type names, in registration order
// per type (the first is the default view). Cmdlet packages register
// views for the objects they return (PowerCLI's VirtualMachine table, ...).
// NewRegistry starts with the views of PowerShell's own types.
type Registry struct {
	views map[string][]*view
}

// NewRegistry returns a registry holding PowerShell's built-in views
// (hashtable entries, DateTime, TimeSpan, script blocks).
func NewRegistry() *Registry {
	r := &Registry{views: map[string][]*view{}}
	registerBuiltinViews(r)
	return r
}

func (r *Registry) add(typeName string, v *view) {
	// The same definition registered again for another type is one view
	// for both types, so a table of one goes on with objects of the other.
	for _, views := range r.views {
		for _, old := range views {
			if old.shape == v.shape && old.content() == v.content() {
				v = old
			}
		}
	}
	if v.typeName == "" {
		v.typeName = typeName
	}
	v.typeNames = append(v.typeNames, typeName)
	key := strings.ToLower(typeName)
	r.views[key] = append(r.views[key], v)
}

// AddTable registers a table view for a type name. A type registered
// again replaces nothing: its first view stays the default.
func (r *Registry) AddTable(typeName string, v *TableView) {
	r.add(typeName, &view{shape: ShapeTable, table: v})
}

// AddList registers a list view for a type name.
func (r *Registry) AddList(typeName string, v *ListView) {
	r.add(typeName, &view{shape: ShapeList, list: v})
}

// AddWide registers a wide view for a type name.
func (r *Registry) AddWide(typeName string, v *WideView) {
	r.add(typeName, &view{shape: ShapeWide, wide: v})
}

// AddCustom registers a custom (free text) view for a type name.
func (r *Registry) AddCustom(typeName string, v *CustomView) {
	r.add(typeName, &view{shape: ShapeCustom, custom: v})
}

// lookup returns the first view of the given shape (any shape for
// ShapeDefault) registered for the most derived of typeNames that has one.
func (r *Registry) lookup(typeNames []string, shape Shape) *view {
	if r == nil {
		return nil
	}
	for _, n := range typeNames {
		for _, v := range r.views[strings.ToLower(n)] {
			if shape == ShapeDefault || v.shape == shape {
				return v
			}
		}
	}
	return nil
}

// Table returns the table view for the first of typeNames that has one.
func (r *Registry) Table(typeNames []string) (*TableView, string) {
	if v := r.lookup(typeNames, ShapeTable); v != nil {
		return v.table, v.typeName
	}
	return nil, ""
}

// typeNamesOf returns the type names an object is matched against.
func typeNamesOf(v any) []string { return value.TypeNames(v) }
