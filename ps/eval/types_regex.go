package eval

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/keyhost/keyhost/ps/value"
)

// [regex]: System.Text.RegularExpressions.Regex and its Match, Group and
// collection objects, on Go's regexp package. The common .NET syntax is the
// same; lookaround and backreferences, which RE2 lacks, fail to compile
// with a clear error.

// regexObject is a [regex] instance.
type regexObject struct {
	re      *regexp.Regexp
	pattern string
	options int64
}

// newRegex compiles a pattern with RegexOptions flags.
func newRegex(pattern string, options int64) (*regexObject, error) {
	prefix := ""
	if options&1 != 0 {
		prefix += "i"
	}
	if options&2 != 0 {
		prefix += "m"
	}
	if options&16 != 0 {
		prefix += "s"
	}
	p := pattern
	if options&32 != 0 {
		p = stripPatternWhitespace(p)
	}
	if prefix != "" {
		p = "(?" + prefix + ")" + p
	}
	re, err := regexp.Compile(p)
	if err != nil {
		return nil, regexError(pattern, err)
	}
	return &regexObject{re: re, pattern: pattern, options: options}, nil
}

// regexError is .NET's RegexParseException text, with Go's reason.
func regexError(pattern string, err error) error {
	reason := err.Error()
	if i := strings.Index(reason, ": "); i >= 0 {
		reason = reason[i+2:]
	}
	return fmt.Errorf("Invalid pattern '%s' at offset %d. %s.", pattern, len(pattern), strings.TrimSuffix(reason, "."))
}

// stripPatternWhitespace implements RegexOptions.IgnorePatternWhitespace:
// unescaped white space and # comments are removed.
func stripPatternWhitespace(p string) string {
	var b strings.Builder
	inClass := false
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case c == '\\' && i+1 < len(p):
			b.WriteByte(c)
			b.WriteByte(p[i+1])
			i++
		case c == '[':
			inClass = true
			b.WriteByte(c)
		case c == ']':
			inClass = false
			b.WriteByte(c)
		case !inClass && (c == ' ' || c == '\t' || c == '\n' || c == '\r'):
		case !inClass && c == '#':
			for i < len(p) && p[i] != '\n' {
				i++
			}
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// TypeNames implements value.Object.
func (r *regexObject) TypeNames() []string {
	return []string{"System.Text.RegularExpressions.Regex", "System.Object"}
}

// Property implements value.Object.
func (r *regexObject) Property(name string) (any, bool) {
	switch strings.ToLower(name) {
	case "options":
		if e, err := regexOptionsType.Convert(r.options); err == nil {
			return e, true
		}
		return r.options, true
	case "righttoleft":
		return false, true
	case "matchtimeout":
		return nil, true
	}
	return nil, false
}

// PropertyNames implements value.Object.
func (r *regexObject) PropertyNames() []string { return []string{"Options", "RightToLeft"} }

// String returns the pattern, as Regex.ToString does.
func (r *regexObject) String() string { return r.pattern }

// callMethodIn implements the Regex instance methods; a script block
// replacement needs the frame.
func (r *regexObject) callMethodIn(f *frame, name string, args []any) (any, bool, error) {
	if len(args) == 0 {
		return nil, false, nil
	}
	input := value.ToString(args[0])
	switch strings.ToLower(name) {
	case "ismatch":
		return r.re.MatchString(input), true, nil
	case "match":
		start := 0
		if len(args) > 1 {
			n, err := value.ToInt32(args[1])
			if err != nil {
				return nil, true, err
			}
			start = int(n)
		}
		return r.matchAt(input, start), true, nil
	case "matches":
		return r.matches(input), true, nil
	case "replace":
		if len(args) < 2 {
			return nil, false, nil
		}
		limit := -1
		if len(args) > 2 {
			n, err := value.ToInt32(args[2])
			if err != nil {
				return nil, true, err
			}
			limit = int(n)
		}
		out, err := f.regexReplace(r, input, args[1], limit)
		return out, true, err
	case "split":
		parts := r.re.Split(input, -1)
		out := make([]any, len(parts))
		for i, p := range parts {
			out[i] = p
		}
		return out, true, nil
	case "getgroupnames":
		var out []any
		for i, n := range r.re.SubexpNames() {
			if n == "" {
				n = fmt.Sprint(i)
			}
			out = append(out, n)
		}
		return out, true, nil
	}
	return nil, false, nil
}

// regexReplace replaces matches with a .NET replacement string or the
// output of a script block called with the Match as $_ (and $args[0]).
func (f *frame) regexReplace(r *regexObject, input string, repl any, limit int) (string, error) {
	sb, isBlock := repl.(*ScriptBlock)
	goRepl := ""
	if !isBlock {
		goRepl = dotnetReplacement(value.ToString(repl))
	}
	var b strings.Builder
	last := 0
	count := 0
	for _, m := range r.re.FindAllStringSubmatchIndex(input, -1) {
		if limit >= 0 && count >= limit {
			break
		}
		count++
		b.WriteString(input[last:m[0]])
		if isBlock {
			match := newMatch(r.re, input, m)
			out, err := f.invokeScriptBlockWith(sb, []any{match}, match, true)
			if err != nil {
				return "", err
			}
			b.WriteString(value.ToString(listValue(out)))
		} else {
			b.Write(r.re.ExpandString(nil, goRepl, input, m))
		}
		last = m[1]
	}
	b.WriteString(input[last:])
	return b.String(), nil
}

// regexReplaceUnder is -replace with a script block: it runs in the
// caller's scope with $_ set to each Match.
func (f *frame) regexReplaceUnder(r *regexObject, input string, sb *ScriptBlock) (string, error) {
	var b strings.Builder
	last := 0
	for _, m := range r.re.FindAllStringSubmatchIndex(input, -1) {
		b.WriteString(input[last:m[0]])
		match := newMatch(r.re, input, m)
		out, err := f.collectList(func(e emitter) error { return f.invokeBlockInScope(sb, match, nil, e) })
		if err != nil {
			return "", err
		}
		b.WriteString(value.ToString(listValue(out)))
		last = m[1]
	}
	b.WriteString(input[last:])
	return b.String(), nil
}

// matchAt finds the first match at or after start.
func (r *regexObject) matchAt(input string, start int) *regexMatch {
	if start < 0 || start > len(input) {
		start = 0
	}
	m := r.re.FindStringSubmatchIndex(input[start:])
	if m == nil {
		return &regexMatch{re: r.re, input: input}
	}
	for i := range m {
		if m[i] >= 0 {
			m[i] += start
		}
	}
	return newMatch(r.re, input, m)
}

// matches returns every match.
func (r *regexObject) matches(input string) *value.List {
	l := value.NewList(value.GenericList, "System.Text.RegularExpressions.MatchCollection", "System.Text.RegularExpressions.Match", nil)
	for _, m := range r.re.FindAllStringSubmatchIndex(input, -1) {
		l.Append(newMatch(r.re, input, m))
	}
	return l
}

// regexMatch is System.Text.RegularExpressions.Match.
type regexMatch struct {
	re    *regexp.Regexp
	input string
	loc   []int // nil: no match
}

func newMatch(re *regexp.Regexp, input string, loc []int) *regexMatch {
	return &regexMatch{re: re, input: input, loc: loc}
}

// group returns group i of the match.
func (m *regexMatch) group(i int) *regexGroup {
	g := &regexGroup{name: fmt.Sprint(i)}
	if names := m.re.SubexpNames(); i < len(names) && names[i] != "" {
		g.name = names[i]
	}
	if m.loc != nil && 2*i+1 < len(m.loc) && m.loc[2*i] >= 0 {
		g.success = true
		g.value = m.input[m.loc[2*i]:m.loc[2*i+1]]
		g.index = len([]rune(m.input[:m.loc[2*i]]))
	}
	return g
}

// TypeNames implements value.Object.
func (m *regexMatch) TypeNames() []string {
	return []string{"System.Text.RegularExpressions.Match", "System.Text.RegularExpressions.Group", "System.Text.RegularExpressions.Capture", "System.Object"}
}

// Property implements value.Object.
func (m *regexMatch) Property(name string) (any, bool) {
	switch strings.ToLower(name) {
	case "groups":
		gc := &groupCollection{m: m}
		return gc, true
	case "captures":
		l := value.NewList(value.GenericList, "System.Text.RegularExpressions.CaptureCollection", "System.Text.RegularExpressions.Capture", nil)
		if m.loc != nil {
			l.Append(m.group(0))
		}
		return l, true
	case "name":
		return "0", true
	}
	return m.group(0).Property(name)
}

// PropertyNames implements value.Object.
func (m *regexMatch) PropertyNames() []string {
	return []string{"Groups", "Success", "Name", "Captures", "Index", "Length", "Value"}
}

// String returns the matched text.
func (m *regexMatch) String() string { return m.group(0).value }

// CallMethod implements value.MethodCaller.
func (m *regexMatch) CallMethod(name string, args []any) (any, bool, error) {
	if strings.EqualFold(name, "NextMatch") && m.loc != nil {
		start := m.loc[1]
		if m.loc[1] == m.loc[0] {
			start++
		}
		r := &regexObject{re: m.re}
		return r.matchAt(m.input, start), true, nil
	}
	return nil, false, nil
}

// regexGroup is System.Text.RegularExpressions.Group.
type regexGroup struct {
	name    string
	success bool
	value   string
	index   int
}

// TypeNames implements value.Object.
func (g *regexGroup) TypeNames() []string {
	return []string{"System.Text.RegularExpressions.Group", "System.Text.RegularExpressions.Capture", "System.Object"}
}

// Property implements value.Object.
func (g *regexGroup) Property(name string) (any, bool) {
	switch strings.ToLower(name) {
	case "success":
		return g.success, true
	case "value":
		return g.value, true
	case "index":
		return int32(g.index), true
	case "length":
		return int32(len([]rune(g.value))), true
	case "name":
		return g.name, true
	case "captures":
		l := value.NewList(value.GenericList, "System.Text.RegularExpressions.CaptureCollection", "System.Text.RegularExpressions.Capture", nil)
		if g.success {
			l.Append(g)
		}
		return l, true
	}
	return nil, false
}

// PropertyNames implements value.Object.
func (g *regexGroup) PropertyNames() []string {
	return []string{"Success", "Name", "Captures", "Index", "Length", "Value"}
}

// String returns the group's text.
func (g *regexGroup) String() string { return g.value }

// groupCollection is Match.Groups: indexable by number or name.
type groupCollection struct{ m *regexMatch }

// Items implements value.Enumerable.
func (c *groupCollection) Items() []any {
	n := c.m.re.NumSubexp() + 1
	out := make([]any, n)
	for i := range out {
		out[i] = c.m.group(i)
	}
	return out
}

// TypeNames implements value.Object.
func (c *groupCollection) TypeNames() []string {
	return []string{"System.Text.RegularExpressions.GroupCollection", "System.Object"}
}

// Property implements value.Object; a group name reads as a property.
func (c *groupCollection) Property(name string) (any, bool) {
	if strings.EqualFold(name, "Count") {
		return int32(c.m.re.NumSubexp() + 1), true
	}
	if i := c.m.re.SubexpIndex(name); i >= 0 {
		return c.m.group(i), true
	}
	return nil, false
}

// PropertyNames implements value.Object.
func (c *groupCollection) PropertyNames() []string { return []string{"Count"} }

// GetIndex implements value.Indexer.
func (c *groupCollection) GetIndex(idx any) (any, error) {
	if s, ok := idx.(string); ok {
		if i := c.m.re.SubexpIndex(s); i >= 0 {
			return c.m.group(i), nil
		}
		if n, ok := value.ParseNumber(s); ok {
			idx = n
		} else {
			return &regexGroup{name: s}, nil
		}
	}
	n, err := value.ToInt32(idx)
	if err != nil {
		return nil, err
	}
	if n < 0 || int(n) > c.m.re.NumSubexp() {
		return &regexGroup{name: fmt.Sprint(n)}, nil
	}
	return c.m.group(int(n)), nil
}

// SetIndex implements value.Indexer.
func (c *groupCollection) SetIndex(any, any) error {
	return fmt.Errorf("Collection is read-only.")
}

// regexStatic implements [regex]::Name(args).
func regexStatic(f *frame, name string, args []any) (any, bool, error) {
	lower := strings.ToLower(name)
	switch lower {
	case "escape":
		if len(args) == 1 {
			return regexEscape(value.ToString(args[0])), true, nil
		}
		return nil, false, nil
	case "unescape":
		if len(args) == 1 {
			return regexUnescape(value.ToString(args[0])), true, nil
		}
		return nil, false, nil
	}
	// Static forms: (input, pattern[, replacement][, options]).
	need := 2
	if lower == "replace" {
		need = 3
	}
	if len(args) < need {
		return nil, false, nil
	}
	var opts int64
	if len(args) > need {
		o, err := enumFlags(regexOptionsType, args[need])
		if err != nil {
			return nil, true, err
		}
		opts = o
	}
	r, err := newRegex(value.ToString(args[1]), opts)
	if err != nil {
		return nil, true, err
	}
	callArgs := []any{args[0]}
	if lower == "replace" {
		callArgs = append(callArgs, args[2])
	}
	return r.callMethodIn(f, name, callArgs)
}

// regexEscape is Regex.Escape: metacharacters and white space escaped.
func regexEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\', '*', '+', '?', '|', '{', '[', '(', ')', '^', '$', '.', '#', ' ':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '\t':
			b.WriteString(`\t`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\f':
			b.WriteString(`\f`)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// regexUnescape undoes Regex.Escape.
func regexUnescape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			switch s[i] {
			case 't':
				b.WriteByte('\t')
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case 'f':
				b.WriteByte('\f')
			default:
				b.WriteByte(s[i])
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func init() {
	registerType(&psType{
		Name: "System.Text.RegularExpressions.Regex",
		Convert: func(v any) (any, error) {
			if r, ok := v.(*regexObject); ok {
				return r, nil
			}
			r, err := newRegex(value.ToString(v), 0)
			if err != nil {
				return nil, &value.ConversionError{Value: v, TypeName: "System.Text.RegularExpressions.Regex", Reason: err.Error()}
			}
			return r, nil
		},
		New: func(_ *frame, args []any) (any, error) {
			if len(args) < 1 || len(args) > 2 {
				return nil, fmt.Errorf("Cannot find an overload for \"new\" and the argument count: \"%d\".", len(args))
			}
			var opts int64
			if len(args) == 2 {
				o, err := enumFlags(regexOptionsType, args[1])
				if err != nil {
					return nil, err
				}
				opts = o
			}
			return newRegex(value.ToString(args[0]), opts)
		},
		StaticMethod: regexStatic,
	}, "regex")
}
