package eval

import (
	"strings"

	"github.com/keyhost/keyhost/ps/ast"
	"github.com/keyhost/keyhost/ps/value"
)

// expandString evaluates "...$x...$(...)...": each embedded expression is
// converted to text with the invariant culture, collections joined by
// $OFS, and an unset variable expands to nothing.
func (f *frame) expandString(x *ast.ExpandableString) (any, error) {
	var b strings.Builder
	ofs := f.ofs()
	for _, part := range x.Parts {
		if sc, ok := part.(*ast.StringConstant); ok {
			b.WriteString(sc.Value)
			continue
		}
		var v any
		var err error
		if vr, ok := part.(*ast.Variable); ok {
			v, err = f.checkedVariable(vr, true)
		} else {
			v, err = f.eval(part)
		}
		if err != nil {
			return nil, err
		}
		b.WriteString(f.toText(v, ofs))
	}
	return b.String(), nil
}

// ofs returns the current output field separator.
func (f *frame) ofs() string {
	v := f.preference("ofs")
	if v == nil {
		return " "
	}
	return value.ToString(v)
}

// toText converts a value for string expansion.
func (f *frame) toText(v any, ofs string) string {
	return value.ToStringSep(v, ofs)
}
