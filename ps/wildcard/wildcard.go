// Package wildcard implements PowerShell's wildcard patterns
// (about_Wildcards), used by -like and by every cmdlet parameter that
// accepts wildcards (Get-VM -Name web*).
//
//   - any run of characters, also none
//     ?       exactly one character
//     [abc]   one of the listed characters
//     [a-z]   one character in the range
//     `x      the character x literally (escapes *, ?, [ and `)
package wildcard

import "unicode"

// HasWildcard reports whether s contains an unescaped wildcard character,
// i.e. whether it is a pattern rather than a literal name.
func HasWildcard(s string) bool {
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		switch rs[i] {
		case '`':
			i++
		case '*', '?', '[':
			return true
		}
	}
	return false
}

// Match reports whether the whole of s matches pattern. Matching ignores
// case unless caseSensitive is set. A malformed bracket expression (no
// closing ]) matches nothing, as in PowerShell where it is an error.
func Match(pattern, s string, caseSensitive bool) bool {
	p := []rune(pattern)
	t := []rune(s)
	if !caseSensitive {
		p = fold(p)
		t = fold(t)
	}
	return match(p, t)
}

func fold(rs []rune) []rune {
	out := make([]rune, len(rs))
	for i, r := range rs {
		out[i] = unicode.ToLower(r)
	}
	return out
}

// match is an iterative matcher with single-star backtracking: linear in
// practice and free of the exponential blow-up of naive recursion.
func match(p, t []rune) bool {
	pi, ti := 0, 0
	starP, starT := -1, 0
	for ti < len(t) {
		if pi < len(p) {
			switch p[pi] {
			case '*':
				starP, starT = pi, ti
				pi++
				continue
			case '?':
				pi++
				ti++
				continue
			case '[':
				ok, next, valid := matchClass(p, pi, t[ti])
				if !valid {
					return false
				}
				if ok {
					pi = next
					ti++
					continue
				}
			case '`':
				if pi+1 < len(p) && p[pi+1] == t[ti] {
					pi += 2
					ti++
					continue
				}
			default:
				if p[pi] == t[ti] {
					pi++
					ti++
					continue
				}
			}
		}
		if starP < 0 {
			return false
		}
		starT++
		pi, ti = starP+1, starT
	}
	for pi < len(p) && p[pi] == '*' {
		pi++
	}
	return pi == len(p)
}

// matchClass matches c against the bracket expression starting at p[i]
// ('['). It returns whether c matched, the index after the closing ']',
// and whether the expression was well formed.
func matchClass(p []rune, i int, c rune) (matched bool, next int, valid bool) {
	j := i + 1
	for j < len(p) && p[j] != ']' {
		lo := p[j]
		if lo == '`' && j+1 < len(p) {
			j++
			lo = p[j]
		}
		if j+2 < len(p) && p[j+1] == '-' && p[j+2] != ']' {
			hi := p[j+2]
			if c >= lo && c <= hi {
				matched = true
			}
			j += 3
			continue
		}
		if c == lo {
			matched = true
		}
		j++
	}
	if j >= len(p) {
		return false, 0, false
	}
	return matched, j + 1, true
}
