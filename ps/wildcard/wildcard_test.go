package wildcard

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestMatch(t *testing.T) {
	tests := []struct {
		pattern, s string
		cs, want   bool
	}{
		{"web*", "web01", false, true},
		{"WEB*", "web01", false, true},
		{"WEB*", "web01", true, false},
		{"*01", "web01", false, true},
		{"w?b01", "web01", false, true},
		{"w?b01", "wb01", false, false},
		{"web0[1-3]", "web02", false, true},
		{"web0[1-3]", "web04", false, false},
		{"db[ab]", "dbb", false, true},
		{"*", "", false, true},
		{"", "", false, true},
		{"", "x", false, false},
		{"a*b*c", "axxbyyc", false, true},
		{"a*b*c", "axxbyy", false, false},
		{"`*", "*", false, true},
		{"`*", "x", false, false},
		{"x[", "x[", false, false},
		{"NKP-*", "NKP-Primary", false, true},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, Match(tc.pattern, tc.s, tc.cs), "%q ~ %q", tc.pattern, tc.s)
	}
}

func TestHasWildcard(t *testing.T) {
	assert.True(t, HasWildcard("web*"))
	assert.True(t, HasWildcard("web[12]"))
	assert.True(t, HasWildcard("w?b"))
	assert.False(t, HasWildcard("web01"))
	assert.False(t, HasWildcard("web`*"))
}

func TestMatchIsNotExponential(t *testing.T) {
	pattern := strings.Repeat("a*", 30) + "b"
	s := strings.Repeat("a", 5000)
	assert.False(t, Match(pattern, s, true))
}

func FuzzMatch(f *testing.F) {
	f.Add("web*", "web01")
	f.Add("[a-", "a")
	f.Add("`", "`")
	f.Fuzz(func(t *testing.T, pattern, s string) {
		Match(pattern, s, false)
		HasWildcard(pattern)
	})
}
