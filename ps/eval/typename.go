package eval

import "strings"

// typeSpec is a type name as written, taken apart: the base name, its
// generic arguments and its array rank. "List[string][]" is base "List",
// one argument "string", rank 1.
type typeSpec struct {
	base  string
	args  []*typeSpec
	array int
}

// parseTypeName parses a written type name such as "int", "string[]",
// "System.Collections.Generic.Dictionary[string,object]" or .NET's own
// form "System.Collections.Generic.List`1[[System.String, System.Private.CoreLib]]".
// ok is false for text that is not a type name.
func parseTypeName(s string) (*typeSpec, bool) {
	p := &typeNameParser{s: strings.TrimSpace(s)}
	t, ok := p.parse()
	if !ok || p.i != len(p.s) {
		return nil, false
	}
	return t, true
}

type typeNameParser struct {
	s string
	i int
}

func (p *typeNameParser) skipSpace() {
	for p.i < len(p.s) && p.s[p.i] == ' ' {
		p.i++
	}
}

func (p *typeNameParser) parse() (*typeSpec, bool) {
	p.skipSpace()
	start := p.i
	for p.i < len(p.s) && !strings.ContainsRune("[],", rune(p.s[p.i])) {
		p.i++
	}
	base := strings.TrimSpace(p.s[start:p.i])
	if base == "" {
		return nil, false
	}
	// Drop an arity suffix: List`1 is List.
	if k := strings.IndexByte(base, '`'); k >= 0 {
		base = base[:k]
	}
	t := &typeSpec{base: base}
	for p.i < len(p.s) && p.s[p.i] == '[' {
		// "[]" or "[,]" is an array; anything else generic arguments.
		j := p.i + 1
		for j < len(p.s) && (p.s[j] == ',' || p.s[j] == ' ') {
			j++
		}
		if j < len(p.s) && p.s[j] == ']' {
			t.array++
			p.i = j + 1
			continue
		}
		if len(t.args) > 0 || t.array > 0 {
			return nil, false
		}
		p.i++
		for {
			p.skipSpace()
			var arg *typeSpec
			var ok bool
			if p.i < len(p.s) && p.s[p.i] == '[' {
				// [[Name, Assembly]]: an assembly-qualified argument.
				p.i++
				arg, ok = p.parse()
				if !ok {
					return nil, false
				}
				for p.i < len(p.s) && p.s[p.i] != ']' {
					p.i++ // skip ", Assembly, Version=..."
				}
				if p.i >= len(p.s) {
					return nil, false
				}
				p.i++
			} else {
				arg, ok = p.parse()
				if !ok {
					return nil, false
				}
			}
			t.args = append(t.args, arg)
			p.skipSpace()
			if p.i >= len(p.s) {
				return nil, false
			}
			if p.s[p.i] == ',' {
				p.i++
				continue
			}
			if p.s[p.i] == ']' {
				p.i++
				break
			}
			return nil, false
		}
	}
	return t, true
}
