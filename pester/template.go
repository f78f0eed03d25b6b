package pester

import (
	"strings"

	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
)

// Name templates: "<name>" in a block or test name is replaced by the
// value of $name in the block's or test's scope after its setup ran,
// "<_>" by $_, "<a.b>" by $a.b. As in Pester, the name becomes an
// expandable string with $ and " escaped and each <expr> turned into
// $(expr), evaluated in that scope; a backtick before < keeps it literal.

// templateSource turns a name into the text of an expandable string, and
// reports whether it has any template (a name with a "`<" escape but no
// template is still expanded, which drops the backtick).
func templateSource(name string) (string, bool) {
	var b strings.Builder
	b.WriteByte('"')
	found := false
	for i := 0; i < len(name); i++ {
		ch := name[i]
		switch ch {
		case '$', '"':
			b.WriteByte('`')
			b.WriteByte(ch)
			continue
		case '<':
			if i > 0 && name[i-1] == '`' {
				break
			}
			end := i + 1
			for end < len(name) && name[end] != '>' && name[end] != '^' && name[end] != '`' {
				end++
			}
			if end < len(name) && name[end] == '>' && end > i+1 {
				b.WriteString("$($")
				b.WriteString(name[i+1 : end])
				b.WriteByte(')')
				i = end
				found = true
				continue
			}
		}
		b.WriteByte(ch)
	}
	b.WriteByte('"')
	return b.String(), found
}

// expandName expands a name's templates in scope; without templates, or
// when the expansion fails, the name stays as written.
func (r *runState) expandName(c *eval.Call, name string, scope *eval.Scope) string {
	if !strings.Contains(name, "<") {
		return name
	}
	src, _ := templateSource(name)
	sb, err := c.CompileScriptBlock(src)
	if err != nil {
		return name
	}
	var out []any
	err = c.RunScriptBlock(sb, eval.RunOptions{Scope: scope, NewScope: true, Output: func(v any) error {
		out = append(out, v)
		return nil
	}})
	if err != nil || len(out) != 1 {
		return name
	}
	return value.ToString(out[0])
}
