package value

import (
	"errors"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func call(t *testing.T, l *List, name string, args ...any) any {
	t.Helper()
	out, found, err := l.CallMethod(name, args)
	require.True(t, found, name)
	require.NoError(t, err, name)
	return out
}

func TestListKinds(t *testing.T) {
	al := NewList(ArrayList, "System.Collections.ArrayList", "System.Object", nil)
	assert.Equal(t, int32(0), call(t, al, "Add", "a"))
	assert.Equal(t, int32(1), call(t, al, "Add", "b"))
	gl := NewList(GenericList, "System.Collections.Generic.List`1[System.String]", "System.String", nil)
	assert.Equal(t, AutomationNull, call(t, gl, "Add", "a"))
	hs := NewList(HashSet, "System.Collections.Generic.HashSet`1[System.String]", "System.String", nil)
	assert.Equal(t, true, call(t, hs, "Add", "a"))
	assert.Equal(t, false, call(t, hs, "Add", "a"))
	assert.Equal(t, 1, hs.Len())
}

func TestListMethods(t *testing.T) {
	l := NewList(ArrayList, "System.Collections.ArrayList", "System.Object", nil)
	call(t, l, "AddRange", []any{"c", "a", "b"})
	call(t, l, "Sort")
	assert.Equal(t, []any{"a", "b", "c"}, l.Items())
	call(t, l, "Insert", int32(0), "z")
	assert.Equal(t, int32(0), call(t, l, "IndexOf", "z"))
	call(t, l, "RemoveAt", int32(0))
	call(t, l, "Remove", "b")
	assert.Equal(t, []any{"a", "c"}, l.Items())
	assert.Equal(t, true, call(t, l, "Contains", "c"))
	call(t, l, "Reverse")
	assert.Equal(t, []any{"c", "a"}, call(t, l, "ToArray"))
	require.NoError(t, l.SetIndex(int32(1), "x"))
	v, err := l.GetIndex(int32(1))
	require.NoError(t, err)
	assert.Equal(t, "x", v)
	_, err = l.GetIndex(int32(5))
	assert.Error(t, err)
	_, _, err = l.CallMethod("RemoveAt", []any{int32(9)})
	assert.EqualError(t, err, "Index was out of range. Must be non-negative and less than the size of the collection. (Parameter 'index')")
	c, _ := l.Property("Count")
	assert.Equal(t, int32(2), c)
}

func TestListConversion(t *testing.T) {
	toInt := func(v any) (any, error) {
		n, err := strconv.Atoi(ToString(v))
		if err != nil {
			return nil, errors.New("not a number")
		}
		return int32(n), nil
	}
	l := NewList(GenericList, "System.Collections.Generic.List`1[System.Int32]", "System.Int32", toInt)
	call(t, l, "Add", "42")
	assert.Equal(t, []any{int32(42)}, l.Items())
	_, _, err := l.CallMethod("Add", []any{"x"})
	var mae *MethodArgumentError
	require.ErrorAs(t, err, &mae)
	assert.Equal(t, `Cannot convert argument "item", with value: "x", for "Add" to type "System.Int32": "not a number"`, mae.Msg)
}

func TestFormatDoubleAsPowerShell(t *testing.T) {
	for _, tc := range []struct {
		f    float64
		want string
	}{
		{1.0 / 3, "0.333333333333333"}, {0.1 + 0.2, "0.3"}, {1e15, "1E+15"}, {123456789012345.6, "123456789012346"},
		{1.5e-5, "1.5E-05"}, {0.0001, "0.0001"}, {-2.5, "-2.5"}, {3.14159265358979, "3.14159265358979"},
	} {
		assert.Equal(t, tc.want, FormatDouble(tc.f), "%v", tc.f)
	}
	assert.Equal(t, "0.3333333333333333", FormatDoubleRoundTrip(1.0/3))
	assert.Equal(t, "0.3333333", ToString(float32(1.0/3)))
}

func TestCharAndSmallNumbers(t *testing.T) {
	assert.Equal(t, "a", ToString(Char('a')))
	assert.True(t, Equals(Char('a'), "A", false))
	assert.False(t, Equals(Char('a'), "A", true))
	n, err := ToNumber(Char('a'))
	require.NoError(t, err)
	assert.Equal(t, int32(97), n)
	assert.Equal(t, "System.Byte", TypeName(uint8(1)))
	assert.Equal(t, "255", ToString(uint8(255)))
	assert.True(t, IsNumber(int16(1)))
	assert.False(t, ToBool(uint8(0)))
	assert.True(t, Equals(uint8(7), int32(7), false))
}
