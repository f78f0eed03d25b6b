package value

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestToBool(t *testing.T) {
	tests := []struct {
		v    any
		want bool
	}{
		{nil, false}, {AutomationNull, false}, {"", false}, {"False", true}, {"0", true},
		{int32(0), false}, {int32(2), true}, {0.0, false}, {[]any{}, false},
		{[]any{false}, false}, {[]any{true}, true}, {[]any{false, false}, true},
		{NewHashtable(), true}, {NewPSObject(), true},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, ToBool(tc.v), "%#v", tc.v)
	}
}

func TestToString(t *testing.T) {
	tests := []struct {
		v    any
		want string
	}{
		{nil, ""}, {true, "True"}, {int32(-5), "-5"}, {int64(1) << 40, "1099511627776"},
		{2.5, "2.5"}, {point3(), "0.3"}, {1e15, "1E+15"}, {1e14, "100000000000000"},
		{0.0001, "0.0001"}, {0.00001, "1E-05"}, {math.Inf(1), "Infinity"}, {[]any{int32(1), "a", nil}, "1 a "},
		{NewPSObject().Add("A", int32(1)).Add("B", "x"), "@{A=1; B=x}"},
		// Elements and property values are converted without recursion.
		{[]any{[]any{int32(1), int32(2)}, int32(3)}, "System.Object[] 3"},
		{[]any{NewPSObject().Add("A", int32(1)), int32(2)}, " 2"},
		{[]any{NewHashtable(), "x"}, "System.Collections.Hashtable x"},
		{NewPSObject().Add("A", []any{int32(1), int32(2)}), "@{A=System.Object[]}"},
		{NewPSObject().Add("A", NewPSObject().Add("B", int32(1))), "@{A=}"},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, ToString(tc.v), "%#v", tc.v)
	}
}

func TestToStringSelfReference(t *testing.T) {
	a := []any{nil, int32(2)}
	a[0] = a
	assert.Equal(t, "System.Object[]-2", ToStringSep(a, "-"))
	assert.Equal(t, "System.Object[]", ElementString(a))
	assert.Equal(t, "", JoinItems(nil, ","))
}

func TestParseNumber(t *testing.T) {
	tests := []struct {
		s    string
		want any
		ok   bool
	}{
		{"42", int32(42), true}, {" 7 ", int32(7), true}, {"", int32(0), true},
		{"0x10", int32(16), true}, {"0xFFFFFFFF", int32(-1), true}, {"1kb", int32(1024), true},
		{"2gb", int64(2 << 30), true}, {"1.5", 1.5, true}, {"1e3", 1000.0, true},
		{"-3", int32(-3), true}, {"3000000000", int64(3000000000), true},
		{"abc", nil, false}, {"1x", nil, false}, {"0xZZ", nil, false},
	}
	for _, tc := range tests {
		got, ok := ParseNumber(tc.s)
		assert.Equal(t, tc.ok, ok, tc.s)
		if tc.ok {
			assert.Equal(t, tc.want, got, tc.s)
		}
	}
}

func TestIntegerConversionRoundsToEven(t *testing.T) {
	for in, want := range map[float64]int32{2.5: 2, 3.5: 4, -2.5: -2, 1.4: 1} {
		got, err := ToInt32(in)
		require.NoError(t, err)
		assert.Equal(t, want, got, "%v", in)
	}
	_, err := ToInt32("abc")
	assert.EqualError(t, err, `Cannot convert value "abc" to type "System.Int32". Error: "The input string 'abc' was not in a correct format."`)
}

func TestEqualsConvertsRightToLeft(t *testing.T) {
	assert.True(t, Equals(int32(1), "1", false))
	assert.False(t, Equals("1.0", int32(1), false))
	assert.True(t, Equals(int32(1), "1.0", false))
	assert.True(t, Equals("ABC", "abc", false))
	assert.False(t, Equals("ABC", "abc", true))
	assert.True(t, Equals(nil, AutomationNull, false))
	assert.False(t, Equals("", nil, false))
	assert.True(t, Equals(true, "yes", false))
}

func TestCompare(t *testing.T) {
	c, err := Compare(int32(2), "10", false)
	require.NoError(t, err)
	assert.Equal(t, -1, c)
	c, err = Compare("2", int32(10), false)
	require.NoError(t, err)
	assert.Equal(t, 1, c, "strings compare as strings")
	_, err = Compare(int32(1), "abc", false)
	assert.Error(t, err)
}

func TestHashtable(t *testing.T) {
	h := NewHashtable()
	h.Set("Name", "web01")
	h.Set(int32(1), "one")
	v, ok := h.Get("NAME")
	assert.True(t, ok)
	assert.Equal(t, "web01", v)
	v, _ = h.Get(int64(1))
	assert.Equal(t, "one", v, "numbers compare by value")
	assert.Error(t, h.Add("name", "again"))
	h.Set("b", 2)
	h.Remove("Name")
	assert.Equal(t, []any{int32(1), "b"}, h.Keys())
	v, ok = h.Get("b")
	assert.True(t, ok)
	assert.Equal(t, 2, v)
}

func TestPSObjectLazyAndCase(t *testing.T) {
	calls := 0
	o := NewPSObject("My.Type").Add("Name", "x").Add("View", Lazy(func() any { calls++; return "built" }))
	v, ok := o.Property("name")
	assert.True(t, ok)
	assert.Equal(t, "x", v)
	for range 3 {
		v, _ = o.Property("VIEW")
	}
	assert.Equal(t, "built", v)
	assert.Equal(t, 1, calls, "a lazy property is built once")
	assert.Equal(t, []string{"My.Type", "System.Object"}, o.TypeNames())
	assert.Error(t, o.SetProperty("Missing", 1))
}

func TestDeferredPSObject(t *testing.T) {
	calls := 0
	fill := func(o *PSObject) { calls++; o.Add("Name", "x").Add("Size", 2) }
	o := NewDeferredPSObject(fill, "My.Type")
	assert.Equal(t, 0, calls, "nothing is built until the properties are used")
	assert.Equal(t, []string{"My.Type", "System.Object"}, o.TypeNames())
	o.Add("Extra", true) // added after the deferred ones, as if fill had run first
	assert.Equal(t, []string{"Name", "Size", "Extra"}, o.PropertyNames())
	v, ok := o.Property("size")
	assert.True(t, ok)
	assert.Equal(t, 2, v)
	assert.Equal(t, 1, calls, "fill runs once")

	c := NewDeferredPSObject(fill).Copy()
	assert.Equal(t, []string{"Name", "Size"}, c.PropertyNames())
	assert.Equal(t, "@{Name=x; Size=2}", NewDeferredPSObject(fill).String())
}

func TestEnum(t *testing.T) {
	e := &EnumType{Name: "T", Members: []string{"Off", "On"}}
	on, err := e.Parse("on")
	require.NoError(t, err)
	assert.Equal(t, "On", on.String())
	assert.True(t, Equals(on, "ON", false))
	assert.True(t, Equals(on, int32(1), false))
	_, err = e.Parse("bogus")
	assert.ErrorContains(t, err, "Unable to match the identifier name bogus to a valid enumerator name")
}

func TestGetPropertyIntrinsics(t *testing.T) {
	v, _ := GetProperty(nil, "Count")
	assert.Equal(t, int32(0), v)
	v, _ = GetProperty("abc", "Length")
	assert.Equal(t, int32(3), v)
	v, _ = GetProperty(int32(5), "Count")
	assert.Equal(t, int32(1), v)
	v, _ = GetProperty([]any{1, 2}, "Count")
	assert.Equal(t, int32(2), v)
}

// point3 is 0.1 + 0.2 computed at run time (a constant expression would be
// exact).
func point3() float64 {
	a, b := 0.1, 0.2
	return a + b
}
