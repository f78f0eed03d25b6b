package format

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/keyhost/keyhost/ps/value"
)

// render writes objects through Out-Default and returns the text.
func render(t *testing.T, reg *Registry, objs ...any) string {
	t.Helper()
	var b strings.Builder
	w := NewWriter(&b, reg)
	for _, o := range objs {
		require.NoError(t, w.Write(o))
	}
	w.Flush()
	require.NoError(t, w.Err())
	return b.String()
}

// formatted runs objects through a Format-* spec and then Out-String's
// layout (no list wrapping), as `... | Format-Table | Out-String` does.
func formatted(t *testing.T, reg *Registry, spec Spec, objs ...any) string {
	t.Helper()
	if spec.EnumerationLimit == 0 {
		spec.EnumerationLimit = DefaultEnumerationLimit
	}
	var recs []any
	f := NewFormatter(reg, spec)
	collect := func(v any) error { recs = append(recs, v); return nil }
	for _, o := range objs {
		require.NoError(t, f.Format(o, collect))
	}
	require.NoError(t, f.End(collect))
	var b strings.Builder
	w := NewWriterOptions(&b, reg, Options{UnwrappedLists: true})
	for _, r := range recs {
		require.NoError(t, w.Write(r))
	}
	w.Flush()
	return b.String()
}

func obj(kv ...any) *value.PSObject {
	o := value.NewPSObject()
	for i := 0; i < len(kv); i += 2 {
		o.Add(kv[i].(string), kv[i+1])
	}
	return o
}

func TestScalarsPrintAsLines(t *testing.T) {
	out := render(t, NewRegistry(), "a", int32(2), 2.5, true, nil, value.AutomationNull)
	assert.Equal(t, "a\n2\n2.5\nTrue\n", out)
}

// testView is a view with fixed widths (it streams) and an unsized
// last column.
func testView() *Registry {
	reg := NewRegistry()
	prop := func(n string) func(any) string {
		return func(o any) string { v, _ := value.GetProperty(o, n); return value.ToString(v) }
	}
	reg.AddTable("T", &TableView{Columns: []Column{
		{Label: "Name", Width: 8, Value: prop("Name")},
		{Label: "N", Width: 3, Align: Right, Value: prop("N")},
		{Label: "Note", Value: prop("Note")},
	}})
	return reg
}

func TestViewTableStreamsRows(t *testing.T) {
	a := value.NewPSObject("T").Add("Name", "web01").Add("N", int32(2)).Add("Note", "x")
	b := value.NewPSObject("T").Add("Name", "averyverylongname").Add("N", int32(10)).Add("Note", "")
	// A string is out of band: it prints where it comes without ending
	// the table. The empty last cell keeps its separator, as in pwsh.
	out := render(t, testView(), a, b, "after")
	assert.Equal(t, "\nName       N Note\n----       - ----\nweb01      2 x\naveryve…  10 \nafter\n\n", out)
}

func TestObjectOfAnotherTypePrintsAsList(t *testing.T) {
	a := value.NewPSObject("T").Add("Name", "web01").Add("N", int32(2)).Add("Note", "x")
	other := obj("A", int32(1))
	out := render(t, testView(), a, other)
	assert.Equal(t, "\nName       N Note\n----       - ----\nweb01      2 x\n\nA : 1\n\n\n", out)
}

func TestPropertyTableAndList(t *testing.T) {
	small := obj("A", int32(1), "B", []any{"x", "y"})
	assert.Equal(t, "\nA B\n- -\n1 {x, y}\n\n", render(t, NewRegistry(), small))

	big := obj("A", 1, "Bee", 2, "C", 3, "D", 4, "E", []any{1, 2, 3, 4, 5})
	assert.Equal(t, "\nA   : 1\nBee : 2\nC   : 3\nD   : 4\nE   : {1, 2, 3, 4…}\n\n", render(t, NewRegistry(), big))
}

func TestImplicitAutosize(t *testing.T) {
	// From pwsh's Format-Table tests: columns as wide as the widest cell.
	tests := []struct {
		name string
		objs []any
		want string
	}{
		{"first column", []any{obj("abc", "1234", "bcd", "123"), obj("abc", "1", "bcd", "1234")}, "\nabc  bcd\n---  ---\n1234 123\n1    1234\n\n"},
		{"both columns", []any{obj("abc", "1234", "bcd", "1234"), obj("abc", "1", "bcd", "1")}, "\nabc  bcd\n---  ---\n1234 1234\n1    1\n\n"},
		{"second column", []any{obj("abc", "123", "bcd", "1234"), obj("abc", "1", "bcd", "123")}, "\nabc bcd\n--- ---\n123 1234\n1   123\n\n"},
		{"left/right", []any{obj("a", "abc", "b", int32(123))}, "\na     b\n-     -\nabc 123\n\n"},
		{"left/left", []any{obj("a", "abc", "b", "abc")}, "\na   b\n-   -\nabc abc\n\n"},
		{"right/left", []any{obj("a", int32(123), "b", "abc")}, "\n  a b\n  - -\n123 abc\n\n"},
		{"right/right", []any{obj("a", int32(123), "b", int32(123))}, "\n  a   b\n  -   -\n123 123\n\n"},
		{"double-width characters", []any{obj("哇", "62", "dbda", "KM", "消息", "千")}, "\n哇 dbda 消息\n-- ---- ----\n62 KM   千\n\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, formatted(t, NewRegistry(), Spec{Shape: ShapeTable}, tc.objs...))
			assert.Equal(t, tc.want, render(t, NewRegistry(), tc.objs...))
		})
	}
}

func TestWrappedRows(t *testing.T) {
	text := "This\nIs some random\nmultiline content"
	tests := []struct {
		name string
		o    any
		want string
	}{
		{"right", obj("A", int32(1), "B", int32(2), "Name", text), "\nA B Name\n- - ----\n1 2 This\n    Is some random\n    multiline content\n\n"},
		{"left", obj("Name", text, "A", int32(1), "B", int32(2)), "\nName                                  A B\n----                                  - -\nThis                                  1 2\nIs some random\nmultiline content\n\n"},
		{"middle", obj("A", int32(1), "Name", text, "B", int32(2)), "\nA Name                                  B\n- ----                                  -\n1 This                                  2\n  Is some random\n  multiline content\n\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, formatted(t, NewRegistry(), Spec{Shape: ShapeTable, Wrap: true}, tc.o))
		})
	}
}

// spanView is pwsh's test view with three fixed-width columns.
func spanView(widths [3]int, aligns [3]Align) *Registry {
	reg := NewRegistry()
	prop := func(n string) func(any) string {
		return func(o any) string { v, _ := value.GetProperty(o, n); return value.ToString(v) }
	}
	reg.AddTable("Test.Format", &TableView{Columns: []Column{
		{Label: "LongLongHeader", Width: widths[0], Align: aligns[0], Value: prop("First")},
		{Label: "Header2", Width: widths[1], Align: aligns[1], Value: prop("Second")},
		{Label: "Header3", Width: widths[2], Align: aligns[2], Value: prop("Third")},
	}})
	return reg
}

func TestHeadersSpanRows(t *testing.T) {
	row := value.NewPSObject("Test.Format").Add("First", int32(1)).Add("Second", int32(2)).Add("Third", int32(3))
	tests := []struct {
		widths [3]int
		want   string
	}{
		{[3]int{7, 7, 7}, "\nLongLon Header2 Header3\ngHeader\n------- ------- -------\n1       2       3\n\n"},
		{[3]int{4, 7, 4}, "\nLong Header2 Head\nLong         er3\nHead\ner\n---- ------- ----\n1    2       3\n\n"},
		{[3]int{4, 4, 7}, "\nLong Head Header3\nLong er2\nHead\ner\n---- ---- -------\n1    2    3\n\n"},
		{[3]int{14, 7, 3}, "\nLongLongHeader Header2 Hea\n                       der\n                       3\n-------------- ------- ---\n1              2       3\n\n"},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, formatted(t, spanView(tc.widths, [3]Align{}), Spec{Shape: ShapeTable}, row))
	}
}

func TestRowsInNarrowColumns(t *testing.T) {
	aligns := [3]Align{Left, Right, Center}
	narrow := value.NewPSObject("Test.Format").Add("First", int32(1)).Add("Second", int32(2)).Add("Third", int32(3))
	wide := value.NewPSObject("Test.Format").Add("First", "12345").Add("Second", "12345678").Add("Third", "123456")
	star := func(s string) string { return strings.ReplaceAll(s, " ", "*") }
	tests := []struct {
		name   string
		widths [3]int
		o      any
		wrap   bool
		want   string
	}{
		{"narrow values", [3]int{4, 7, 5}, narrow, false, "\nLong*Header2*Heade\nLong**********r3\nHead\ner\n----*-------*-----\n1**********2***3\n\n"},
		{"wide values", [3]int{4, 7, 5}, wide, false, "\nLong*Header2*Heade\nLong**********r3\nHead\ner\n----*-------*-----\n123…*…345678*1234…\n\n"},
		{"wrap 1st column", [3]int{4, 8, 6}, wide, true, "\nLong**Header2*Header\nLong************3\nHead\ner\n----**-------*------\n1234*12345678*123456\n5\n\n"},
		{"wrap 2nd column", [3]int{5, 7, 6}, wide, true, "\nLongL*Header2*Header\nongHe***********3\nader\n-----*-------*------\n12345*1234567*123456\n************8\n\n"},
		{"wrap all columns", [3]int{4, 7, 5}, wide, true, "\nLong*Header2*Heade\nLong**********r3\nHead\ner\n----*-------*-----\n1234*1234567*12345\n5**********8***6\n\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := formatted(t, spanView(tc.widths, aligns), Spec{Shape: ShapeTable, Wrap: tc.wrap}, tc.o)
			assert.Equal(t, tc.want, star(got))
		})
	}
}

func TestCalculatedColumnWidthAndCenter(t *testing.T) {
	f := Field{Label: "one", Name: "one", Width: 10, Align: Center, HasAlign: true,
		Expr: func(o any) (any, error) { v, _ := value.GetProperty(o, "one"); return v, nil }}
	got := formatted(t, NewRegistry(), Spec{Shape: ShapeTable, Fields: []Field{f}}, obj("one", int32(1)))
	assert.Equal(t, "\n   one\n   ---\n    1\n\n", got)
}

func TestHideTableHeaders(t *testing.T) {
	got := formatted(t, NewRegistry(), Spec{Shape: ShapeTable, HideHeaders: true}, obj("a", int32(1), "b", int32(2)))
	assert.Equal(t, "\n1 2\n\n", got)
}

func TestStringsStayTextUnlessForced(t *testing.T) {
	foo := Field{Name: "foo"}
	assert.Equal(t, "hello\n", formatted(t, NewRegistry(), Spec{Shape: ShapeTable, Fields: []Field{foo}}, "hello"))
	assert.Equal(t, "\nfoo\n---\n\n\n", formatted(t, NewRegistry(), Spec{Shape: ShapeTable, Fields: []Field{foo}, Force: true}, "hello"))
}

func TestTableCellsFormatDoubles(t *testing.T) {
	got := formatted(t, NewRegistry(), Spec{Shape: ShapeTable}, obj("double", 1234.56789, "int", int32(3)))
	assert.Equal(t, "\n double int\n ------ ---\n1234.57   3\n\n", got)
	// Lists show the number as it converts to a string.
	got = formatted(t, NewRegistry(), Spec{Shape: ShapeList}, obj("double", 1234.56789))
	assert.Equal(t, "\ndouble : 1234.56789\n\n", got)
}

func TestHashtablePrintsNameValue(t *testing.T) {
	h := value.NewHashtable()
	h.Set("Name", "web01")
	h.Set("Count", int32(2))
	out := render(t, NewRegistry(), h)
	assert.Equal(t, "\nName                           Value\n----                           -----\nName                           web01\nCount                          2\n\n", out)
}

func TestListWrapsAtWidth(t *testing.T) {
	long := strings.Repeat("word ", 30)
	var b strings.Builder
	w := NewWriterOptions(&b, NewRegistry(), Options{Width: 40})
	require.NoError(t, w.Write(obj("A", 1, "B", 2, "C", 3, "D", 4, "Text", long)))
	w.Flush()
	lines := strings.Split(b.String(), "\n")
	assert.Equal(t, "Text : word word word word word word ", lines[5])
	assert.Equal(t, "       word word word word word word ", lines[6])
	for _, l := range lines {
		assert.LessOrEqual(t, cells(l), 40)
	}
}

func TestWide(t *testing.T) {
	names := []any{obj("Name", "a"), obj("Name", "b"), obj("Name", "c")}
	got := formatted(t, NewRegistry(), Spec{Shape: ShapeWide}, names...)
	assert.Equal(t, "\na"+spaces(60)+"b\nc"+spaces(60)+"\n\n", got)
	got = formatted(t, NewRegistry(), Spec{Shape: ShapeWide, AutoSize: true}, names...)
	lines := strings.Split(got, "\n")
	require.Len(t, lines, 4)
	assert.Equal(t, "a  b c", strings.TrimRight(lines[1], " "))
}

func TestGroupBy(t *testing.T) {
	g := &Field{Name: "Kind"}
	objs := []any{obj("Name", "web01", "Kind", "web"), obj("Name", "web02", "Kind", "web"), obj("Name", "db01", "Kind", "db")}
	got := formatted(t, NewRegistry(), Spec{Shape: ShapeTable, GroupBy: g, Fields: []Field{{Name: "Name"}}}, objs...)
	assert.Equal(t, "\n   Kind: web\n\nName\n----\nweb01\nweb02\n\n   Kind: db\n\nName\n----\ndb01\n\n", got)
}

func TestCollectionCells(t *testing.T) {
	assert.Equal(t, "{1, 2, 3, 4…}", Cell([]any{1, 2, 3, 4, 5}))
	assert.Equal(t, "{1, $null}", Cell([]any{1, nil}))
	assert.Equal(t, "{1…}", cellText([]any{1, 2}, 1, false))
	assert.Equal(t, "{1, 2}", cellText([]any{1, 2}, -1, false))
}

func TestFixed(t *testing.T) {
	assert.Equal(t, "4.000", Fixed(4, 3))
	assert.Equal(t, "0.126", Fixed(0.1256, 3))
	assert.Equal(t, "2.50", Fixed(2.5, 2))
	assert.Equal(t, "0.13", FixedExact(0.125, 2))
	assert.Equal(t, "-1.50", FixedExact(-1.5, 2))
	assert.Equal(t, "10.00", FixedExact(9.999, 2))
}

func TestWrapLines(t *testing.T) {
	assert.Equal(t, []string{"Long", "Long", "Head", "er"}, wrapLines("LongLongHeader", 4))
	assert.Equal(t, []string{"one ", "two ", "three"}, wrapLines("one two three", 5))
	assert.Equal(t, []string{""}, wrapLines("", 5))
}

func TestTextAfterAPropertyTablePrintsAsText(t *testing.T) {
	out := render(t, NewRegistry(), value.NewPSObject().Add("a", int32(1)), "hello", value.NewPSObject().Add("a", int32(2)))
	assert.Equal(t, "\na\n-\n1\nhello\n2\n\n", out)
}

func TestSelfContainingCollectionDoesNotRecurse(t *testing.T) {
	a := []any{nil, int32(2)}
	a[0] = a
	out := render(t, NewRegistry(), a)
	assert.Equal(t, "System.Object[]\n2\n", out)
}
