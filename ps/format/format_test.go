package format

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/keyhost/keyhost/ps/value"
)

func render(t *testing.T, reg *Registry, objs ...any) string {
	t.Helper()
	var b strings.Builder
	w := NewWriter(&b, reg)
	for _, o := range objs {
		require.NoError(t, w.Write(o))
	}
	w.Flush()
	return b.String()
}

func TestScalarsPrintAsLines(t *testing.T) {
	out := render(t, NewRegistry(), "a", int32(2), 2.5, true, nil, value.AutomationNull)
	assert.Equal(t, "a\n2\n2.5\nTrue\n", out)
}

func TestViewTableStreamsRows(t *testing.T) {
	reg := NewRegistry()
	reg.AddTable("T", &TableView{Columns: []Column{
		{Label: "Name", Width: 8, Value: func(o any) string { v, _ := value.GetProperty(o, "Name"); return value.ToString(v) }},
		{Label: "N", Width: 3, Align: Right, Value: func(o any) string { v, _ := value.GetProperty(o, "N"); return value.ToString(v) }},
		{Label: "Note", Value: func(o any) string { v, _ := value.GetProperty(o, "Note"); return value.ToString(v) }},
	}})
	a := value.NewPSObject("T").Add("Name", "web01").Add("N", int32(2)).Add("Note", "x")
	b := value.NewPSObject("T").Add("Name", "averyverylongname").Add("N", int32(10)).Add("Note", "")
	out := render(t, reg, a, b, "after")
	assert.Equal(t, "\nName       N Note\n----       - ----\nweb01      2 x\naveryve…  10\n\nafter\n", out)
}

func TestPropertyTableAndList(t *testing.T) {
	small := value.NewPSObject().Add("A", int32(1)).Add("B", []any{"x", "y"})
	out := render(t, NewRegistry(), small)
	assert.Equal(t, "\nA B\n- -\n1 {x, y}\n\n", out)

	big := value.NewPSObject().Add("A", 1).Add("Bee", 2).Add("C", 3).Add("D", 4).Add("E", []any{1, 2, 3, 4, 5})
	out = render(t, NewRegistry(), big)
	assert.Equal(t, "\nA   : 1\nBee : 2\nC   : 3\nD   : 4\nE   : {1, 2, 3, 4…}\n\n", out)
}

func TestFixed(t *testing.T) {
	assert.Equal(t, "4.000", Fixed(4, 3))
	assert.Equal(t, "0.126", Fixed(0.1256, 3))
	assert.Equal(t, "2.50", Fixed(2.5, 2))
}
