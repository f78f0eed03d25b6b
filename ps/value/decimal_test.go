package value

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func dec(t *testing.T, s string) Decimal {
	t.Helper()
	d, ok := ParseDecimal(s)
	require.True(t, ok, s)
	return d
}

func TestDecimalParseAndString(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"1.50", "1.50"}, {"0", "0"}, {"-2.5", "-2.5"}, {".5", "0.5"}, {"1e2", "100"}, {"1.5e-3", "0.0015"},
		{"79228162514264337593543950335", "79228162514264337593543950335"},
	} {
		assert.Equal(t, tc.want, dec(t, tc.in).String(), tc.in)
	}
	for _, bad := range []string{"", "abc", "1.2.3", "79228162514264337593543950336"} {
		_, ok := ParseDecimal(bad)
		assert.False(t, ok, bad)
	}
}

func TestDecimalArithmetic(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		op   func(Decimal, Decimal) (Decimal, error)
		want string
	}{
		{"0.1", "0.2", Decimal.Add, "0.3"},
		{"1.5", "2", Decimal.Mul, "3.0"},
		{"10", "4", Decimal.Div, "2.5"},
		{"1", "3", Decimal.Div, "0.3333333333333333333333333333"},
		{"4.0", "2", Decimal.Div, "2"},
		{"5", "7", Decimal.Sub, "-2"},
		{"7", "3", Decimal.Rem, "1"},
	} {
		got, err := tc.op(dec(t, tc.a), dec(t, tc.b))
		require.NoError(t, err)
		assert.Equal(t, tc.want, got.String(), "%s op %s", tc.a, tc.b)
	}
	_, err := dec(t, "1").Div(dec(t, "0"))
	assert.Error(t, err)
	_, err = dec(t, "79228162514264337593543950335").Add(dec(t, "1"))
	assert.EqualError(t, err, "Value was either too large or too small for a Decimal.")
}

func TestDecimalRoundingAndConversions(t *testing.T) {
	assert.Equal(t, "2", dec(t, "2.5").Round(0).String())
	assert.Equal(t, "4", dec(t, "3.5").Round(0).String())
	assert.Equal(t, "3", dec(t, "2.5").RoundAwayFromZero(0).String())
	assert.Equal(t, "1.00", dec(t, "1.005").Round(2).String())
	d, err := DecimalFromFloat(0.1)
	require.NoError(t, err)
	assert.Equal(t, "0.1", d.String())
	i, ok := dec(t, "2.5").Int64()
	assert.True(t, ok)
	assert.Equal(t, int64(2), i)
	assert.InDelta(t, 0.25, dec(t, "0.25").Float64(), 1e-12)
	assert.Equal(t, -1, dec(t, "1.0").Cmp(dec(t, "1.01")))
	assert.Equal(t, 0, dec(t, "1.0").Cmp(dec(t, "1")))
}

func TestDecimalInOperations(t *testing.T) {
	assert.True(t, Equals(dec(t, "0.30"), 0.3, false))
	assert.True(t, Equals(int32(3), dec(t, "3.0"), false))
	c, err := Compare(dec(t, "1.5"), int32(2), false)
	require.NoError(t, err)
	assert.Equal(t, -1, c)
	assert.False(t, ToBool(dec(t, "0.00")))
	assert.Equal(t, "System.Decimal", TypeName(dec(t, "1")))
}
