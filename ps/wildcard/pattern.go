package wildcard

import (
	"unicode"
	"unicode/utf8"
)

// Pattern is a wildcard pattern prepared for matching many names, as a
// cmdlet's -Name does against every object of an inventory: the pattern
// is folded once, and a pattern without wildcards compares names without
// allocating.
type Pattern struct {
	runes         []rune // the pattern, folded unless caseSensitive
	literal       string // the unescaped text, when the pattern has no wildcard
	isLiteral     bool
	caseSensitive bool
}

// Compile prepares pattern for Match; it matches exactly as the package's
// Match function does.
func Compile(pattern string, caseSensitive bool) Pattern {
	p := Pattern{runes: []rune(pattern), caseSensitive: caseSensitive}
	if !caseSensitive {
		p.runes = fold(p.runes)
	}
	if !HasWildcard(pattern) {
		lit := make([]rune, 0, len(p.runes))
		for i := 0; i < len(p.runes); i++ {
			if p.runes[i] == '`' {
				if i+1 == len(p.runes) {
					// A trailing escape matches nothing; leave it to match.
					return p
				}
				i++
			}
			lit = append(lit, p.runes[i])
		}
		p.literal, p.isLiteral = string(lit), true
	}
	return p
}

// Literal returns the text a pattern without wildcards matches (escapes
// removed; folded unless case-sensitive), and whether it is such a pattern.
func (p Pattern) Literal() (string, bool) { return p.literal, p.isLiteral }

// Match reports whether the whole of s matches the pattern.
func (p Pattern) Match(s string) bool {
	if !p.isLiteral {
		t := []rune(s)
		if !p.caseSensitive {
			t = fold(t)
		}
		return match(p.runes, t)
	}
	// Compare rune by rune, folding s as fold does, without allocating
	// (and decoding as []rune(s) does, invalid bytes included).
	lit := p.literal
	for len(s) > 0 && len(lit) > 0 {
		r, n := utf8.DecodeRuneInString(s)
		l, m := utf8.DecodeRuneInString(lit)
		if !p.caseSensitive {
			r = unicode.ToLower(r)
		}
		if r != l {
			return false
		}
		s, lit = s[n:], lit[m:]
	}
	return len(s) == 0 && len(lit) == 0
}
