package wildcard

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestPatternMatchesLikeMatch checks that a compiled pattern, with its
// literal fast path, decides exactly as Match does.
func TestPatternMatchesLikeMatch(t *testing.T) {
	patterns := []string{"web01", "WEB01", "web*", "w?b01", "[wd]*", "a`*b", "abc`", "`", "", "Ärger", "vm22222", "web`01"}
	names := []string{"web01", "Web01", "WEB01", "web02", "db01", "a*b", "axb", "abc`", "abc", "`", "", "ärger", "ÄRGER", "vm22222", "vm2222", "web`01"}
	for _, p := range patterns {
		for _, cs := range []bool{false, true} {
			c := Compile(p, cs)
			for _, n := range names {
				assert.Equal(t, Match(p, n, cs), c.Match(n), "pattern %q name %q caseSensitive %v", p, n, cs)
			}
		}
	}
	assert.True(t, Compile("web01", false).Match("WEB01"))
	assert.False(t, Compile("web01", true).Match("WEB01"))
}

// FuzzPattern holds Compile(p).Match to Match on any input.
func FuzzPattern(f *testing.F) {
	f.Add("web*", "web01", false)
	f.Add("a`*b", "a*b", true)
	f.Add("ß", "SS", false)
	f.Fuzz(func(t *testing.T, p, s string, cs bool) {
		if got, want := Compile(p, cs).Match(s), Match(p, s, cs); got != want {
			t.Fatalf("Compile(%q, %v).Match(%q) = %v, Match says %v", p, cs, s, got, want)
		}
	})
}
