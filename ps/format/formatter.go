package format

import (
	"strings"

	"github.com/keyhost/keyhost/ps/value"
)

// Spec is what a Format-* command asks for; the zero Spec (with the
// enumeration limit set) is Out-Default's.
type Spec struct {
	Shape Shape
	// Fields are -Property; nil means the view's or the object's own.
	Fields []Field
	// GroupBy starts a new group whenever its value changes.
	GroupBy *Field
	// AutoSize sizes columns from all the entries.
	AutoSize bool
	// Wrap shows long and multi-line table cells on several lines.
	Wrap        bool
	HideHeaders bool
	// Force formats strings and other out-of-band objects in the shape
	// asked for instead of printing them as text.
	Force bool
	// WideColumns is Format-Wide -Column.
	WideColumns int
	// EnumerationLimit is $FormatEnumerationLimit; negative shows all.
	EnumerationLimit int
}

// Formatter turns objects into format records, as PowerShell's
// format-default and the Format-* cmdlets do: the first object chooses
// the view, later objects of the view's type become its entries, and
// objects that do not fit print out of band (as text, or as a list).
type Formatter struct {
	reg  *Registry
	spec Spec
	gen  generator
	// propsType is the type of the first object when the view was built
	// from its properties (no registered view): only objects of that type
	// join the table; others, strings included, print out of band.
	propsType string
	inDoc     bool
	inGroup   bool
	label     string
}

// NewFormatter returns a formatter using the views of reg.
func NewFormatter(reg *Registry, spec Spec) *Formatter {
	return &Formatter{reg: reg, spec: spec}
}

// generator produces the records of one view.
type generator interface {
	start() *FormatStart
	entry(obj any) *Entry
	// applicable reports whether obj belongs to the view (objects of other
	// types print out of band).
	applicable(obj any) bool
	// group returns obj's group label when the view groups.
	group(obj any) (string, bool)
}

// Format formats one object, writing the records to emit. Collections
// and hashtables are formatted element by element.
func (f *Formatter) Format(obj any, emit func(any) error) error {
	if value.IsNull(obj) {
		return nil
	}
	if IsRecord(obj) {
		return emit(obj)
	}
	if h, ok := obj.(*value.Hashtable); ok {
		keys, vals := h.Keys(), h.Values()
		for i := range keys {
			if err := f.Format(dictionaryEntry(keys[i], vals[i]), emit); err != nil {
				return err
			}
		}
		return nil
	}
	if value.IsCollection(obj) {
		// Out-Default enumerates a collection it receives, but only one
		// level: an element that is itself a collection is shown as an
		// object (System.Object[]). That also keeps a collection that
		// contains itself from recursing forever.
		for _, it := range value.Enumerate(obj) {
			if value.IsCollection(it) {
				it = value.TypeName(it)
			}
			if err := f.Format(it, emit); err != nil {
				return err
			}
		}
		return nil
	}
	oob := f.spec.Shape == ShapeDefault || !f.spec.Force
	if !f.inDoc {
		if oob {
			if e := f.outOfBand(obj, false); e != nil {
				return emit(e)
			}
		}
		f.gen, f.propsType = f.newGenerator(obj)
		f.inDoc = true
		if err := emit(f.gen.start()); err != nil {
			return err
		}
	}
	if oob && (!f.gen.applicable(obj) || (f.propsType != "" && primaryType(obj) != f.propsType)) {
		if e := f.outOfBand(obj, true); e != nil {
			return emit(e)
		}
	}
	label, grouped := f.gen.group(obj)
	switch {
	case !f.inGroup:
		f.inGroup, f.label = true, label
		if err := emit(&GroupStart{Label: label}); err != nil {
			return err
		}
	case grouped && label != f.label:
		f.label = label
		if err := emit(&GroupEnd{}); err != nil {
			return err
		}
		if err := emit(&GroupStart{Label: label}); err != nil {
			return err
		}
	}
	return emit(f.gen.entry(obj))
}

// End closes the open group and sequence.
func (f *Formatter) End(emit func(any) error) error {
	if f.inGroup {
		f.inGroup = false
		if err := emit(&GroupEnd{}); err != nil {
			return err
		}
	}
	if f.inDoc {
		f.inDoc = false
		f.gen, f.propsType = nil, ""
		return emit(&FormatEnd{})
	}
	return nil
}

// dictionaryEntry is what enumerating a hashtable yields.
func dictionaryEntry(k, v any) *value.PSObject {
	return value.NewPSObject("System.Collections.DictionaryEntry").Add("Name", k).Add("Key", k).Add("Value", v)
}

// outOfBand returns the entry for an object printed outside the current
// view: out-of-band views (error records), text for scalars and objects
// without properties, and, when listFallback is set, a list of the
// object's properties. nil means the object goes through the view.
func (f *Formatter) outOfBand(obj any, listFallback bool) *Entry {
	names := typeNamesOf(obj)
	if v := f.reg.lookup(names, ShapeCustom); v != nil && v.custom.OutOfBand {
		return &Entry{OutOfBand: true, Text: v.custom.Text(obj)}
	}
	props := propertyNames(obj)
	if isScalar(obj) || (len(props) == 0 && f.reg.lookup(names, ShapeDefault) == nil) {
		return &Entry{OutOfBand: true, Raw: true, Text: DisplayText(obj)}
	}
	if !listFallback || len(props) == 0 {
		return nil
	}
	e := &Entry{OutOfBand: true, List: true}
	for _, p := range props {
		v, _ := value.GetProperty(obj, p)
		e.Labels = append(e.Labels, p)
		e.Values = append(e.Values, cellText(v, f.spec.EnumerationLimit, false))
	}
	return e
}

// primaryType is an object's most derived type name.
func primaryType(obj any) string {
	names := typeNamesOf(obj)
	if len(names) == 0 {
		return ""
	}
	return names[0]
}

// newGenerator chooses the view for the first object of a sequence; it
// also returns the object's type when the view is built from the object's
// own properties rather than registered.
func (f *Formatter) newGenerator(obj any) (generator, string) {
	names := typeNamesOf(obj)
	shape := f.spec.Shape
	if shape == ShapeDefault || len(f.spec.Fields) == 0 {
		if v := f.reg.lookup(names, shape); v != nil {
			return f.viewGenerator(v), ""
		}
	}
	return f.propertyGenerator(obj, shape), primaryType(obj)
}

// propertyGenerator builds a view from an object's own properties: a
// table for up to four, a list beyond (unless a shape was asked for).
func (f *Formatter) propertyGenerator(obj any, shape Shape) generator {
	if shape == ShapeDefault || shape == ShapeCustom {
		fields, _ := defaultFields(obj)
		shape = ShapeTable
		if len(fields) > 4 {
			shape = ShapeList
		}
	}
	switch shape {
	case ShapeList:
		return &listGen{spec: &f.spec}
	case ShapeWide:
		return newWideFromProperties(&f.spec, obj)
	}
	return newTableFromProperties(&f.spec, obj)
}

// viewGenerator returns the generator for a registered view.
func (f *Formatter) viewGenerator(v *view) generator {
	switch v.shape {
	case ShapeTable:
		return &tableGen{spec: &f.spec, view: v, cols: v.table.Columns}
	case ShapeList:
		return &listGen{spec: &f.spec, view: v}
	case ShapeWide:
		return &wideGen{spec: &f.spec, view: v}
	}
	return &customGen{spec: &f.spec, view: v}
}

// viewApplies reports whether obj is of the view's type.
func viewApplies(v *view, obj any) bool {
	if v == nil {
		return true
	}
	for _, n := range typeNamesOf(obj) {
		for _, t := range v.typeNames {
			if strings.EqualFold(n, t) {
				return true
			}
		}
	}
	return false
}

// groupOf returns the group label of obj under -GroupBy, if any.
func groupOf(spec *Spec, obj any) (string, bool) {
	if spec.GroupBy == nil {
		return "", false
	}
	r := resolveFields([]Field{*spec.GroupBy}, obj)
	if len(r) == 0 {
		return "", true
	}
	return "   " + r[0].label + ": " + r[0].text(obj, spec.EnumerationLimit, false), true
}

// tableGen generates a table, from a registered view or from properties.
type tableGen struct {
	spec *Spec
	view *view
	cols []Column
}

// newTableFromProperties builds a property table from the first object:
// its columns are the fields asked for (or the object's properties, at
// most ten), aligned by the first object's values.
func newTableFromProperties(spec *Spec, obj any) *tableGen {
	var fields []resolved
	if len(spec.Fields) > 0 {
		fields = resolveFields(spec.Fields, obj)
	} else {
		var fromSet bool
		fields, fromSet = defaultFields(obj)
		if !fromSet && len(fields) > 10 {
			fields = fields[:10]
		}
	}
	g := &tableGen{spec: spec}
	limit := spec.EnumerationLimit
	for _, r := range fields {
		r := r
		col := Column{Label: r.label, Value: func(o any) string { return r.text(o, limit, true) }}
		if r.field != nil {
			col.Width = r.field.Width
		}
		if r.field != nil && r.field.HasAlign {
			col.Align = r.field.Align
		} else {
			v, _ := r.get(obj)
			col.Align = defaultAlign(v)
		}
		g.cols = append(g.cols, col)
	}
	return g
}

func (g *tableGen) start() *FormatStart {
	fs := &FormatStart{Shape: ShapeTable, HideHeaders: g.spec.HideHeaders, AutoSize: g.spec.AutoSize}
	for _, c := range g.cols {
		fs.Columns = append(fs.Columns, HeaderColumn{Label: c.Label, Width: c.Width, Align: c.Align})
	}
	return fs
}

func (g *tableGen) entry(obj any) *Entry {
	e := &Entry{Cells: make([]string, len(g.cols)), Wrap: g.spec.Wrap || (g.view != nil && g.view.table.Wrap)}
	for i, c := range g.cols {
		if c.Value != nil {
			e.Cells[i] = c.Value(obj)
		}
	}
	return e
}

func (g *tableGen) applicable(obj any) bool { return viewApplies(g.view, obj) }

func (g *tableGen) group(obj any) (string, bool) {
	if g.spec.GroupBy == nil && g.view != nil && g.view.table.Group != nil {
		return g.view.table.Group(obj), true
	}
	return groupOf(g.spec, obj)
}

// listGen generates a list; from properties, each object lists its own.
type listGen struct {
	spec *Spec
	view *view
}

func (g *listGen) start() *FormatStart { return &FormatStart{Shape: ShapeList} }

func (g *listGen) entry(obj any) *Entry {
	e := &Entry{}
	if g.view != nil {
		for _, it := range g.view.list.Items {
			e.Labels = append(e.Labels, it.Label)
			e.Values = append(e.Values, it.Value(obj))
		}
		return e
	}
	var fields []resolved
	if len(g.spec.Fields) > 0 {
		fields = resolveFields(g.spec.Fields, obj)
	} else {
		fields, _ = defaultFields(obj)
	}
	for _, r := range fields {
		e.Labels = append(e.Labels, r.label)
		e.Values = append(e.Values, r.text(obj, g.spec.EnumerationLimit, false))
	}
	return e
}

func (g *listGen) applicable(obj any) bool { return viewApplies(g.view, obj) }

func (g *listGen) group(obj any) (string, bool) { return groupOf(g.spec, obj) }

// wideGen generates a wide view.
type wideGen struct {
	spec  *Spec
	view  *view
	field *resolved
}

// newWideFromProperties shows the property asked for, or the object's
// name-like property, or the object itself.
func newWideFromProperties(spec *Spec, obj any) *wideGen {
	g := &wideGen{spec: spec}
	if len(spec.Fields) > 0 {
		if r := resolveFields(spec.Fields[:1], obj); len(r) > 0 {
			g.field = &r[0]
		}
	} else if r, ok := displayNameField(obj); ok {
		g.field = &r
	}
	return g
}

func (g *wideGen) start() *FormatStart {
	return &FormatStart{Shape: ShapeWide, AutoSize: g.spec.AutoSize, WideColumns: g.spec.WideColumns}
}

func (g *wideGen) entry(obj any) *Entry {
	switch {
	case g.view != nil:
		return &Entry{Text: g.view.wide.Value(obj)}
	case g.field != nil:
		return &Entry{Text: g.field.text(obj, g.spec.EnumerationLimit, false)}
	}
	return &Entry{Text: DisplayText(obj)}
}

func (g *wideGen) applicable(obj any) bool { return viewApplies(g.view, obj) }

func (g *wideGen) group(obj any) (string, bool) {
	if g.spec.GroupBy == nil && g.view != nil && g.view.wide.Group != nil {
		return g.view.wide.Group(obj), true
	}
	return groupOf(g.spec, obj)
}

// customGen generates free text from a custom view.
type customGen struct {
	spec *Spec
	view *view
}

func (g *customGen) start() *FormatStart { return &FormatStart{Shape: ShapeCustom} }

func (g *customGen) entry(obj any) *Entry { return &Entry{Text: g.view.custom.Text(obj)} }

func (g *customGen) applicable(obj any) bool { return viewApplies(g.view, obj) }

func (g *customGen) group(obj any) (string, bool) { return groupOf(g.spec, obj) }
