package builtin

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/keyhost/keyhost/ps/value"
)

// jsonParser reads JSON text the way ConvertFrom-Json's Newtonsoft reader
// does: it is lenient where Newtonsoft is (comments, single-quoted
// strings, unquoted property names, trailing commas, NaN and Infinity) and
// reports errors with Newtonsoft's messages, paths, lines and positions.
type jsonParser struct {
	src      string
	pos      int
	line     int // 1-based
	lineAt   int // offset where the current line starts
	started  bool
	path     []string
	maxDepth int // 0: no limit
	depth    int
	// dates: how strings that look like ISO dates are read ("Default",
	// "Local", "Utc", "String" or "Offset").
	dates string
	// hashtables: build ordered, case-sensitive hashtables instead of
	// PSCustomObjects (-AsHashtable).
	hashtables bool
}

// jsonError is a JSON syntax error; Newtonsoft's JsonReaderException.
type jsonError struct{ msg string }

func (e *jsonError) Error() string { return e.msg }

// recordError is an error ConvertFrom-Json reports as its own error
// record (duplicate keys and the like) rather than a syntax error.
type recordError struct{ id, msg string }

func (e *recordError) Error() string { return e.msg }

// parseJSON parses one JSON document. An empty or blank document is $null.
func parseJSON(src string, maxDepth int, dates string, hashtables bool) (any, error) {
	p := &jsonParser{src: src, line: 1, maxDepth: maxDepth, dates: dates, hashtables: hashtables}
	if err := p.skipSpace(); err != nil {
		return nil, err
	}
	if p.pos >= len(p.src) {
		return nil, nil
	}
	v, err := p.value()
	if err != nil {
		return nil, err
	}
	if err := p.skipSpace(); err != nil {
		return nil, err
	}
	if p.pos < len(p.src) {
		return nil, p.errorf("Additional text encountered after finished reading JSON content: %c.", p.peekRune())
	}
	return v, nil
}

// errorf builds an error in Newtonsoft's form: the message, then the
// JSON path, line and position of the reader.
func (p *jsonParser) errorf(format string, args ...any) error {
	line, col := p.line, p.pos-p.lineAt
	if !p.started {
		line, col = 0, 0
	}
	return &jsonError{msg: fmt.Sprintf(format, args...) + fmt.Sprintf(" Path '%s', line %d, position %d.", p.pathString(), line, col)}
}

// pathString is the JSON path of the current position: a.b[0].c.
func (p *jsonParser) pathString() string {
	var b strings.Builder
	for _, part := range p.path {
		if strings.HasPrefix(part, "[") {
			b.WriteString(part)
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		if strings.ContainsAny(part, " .[]()'\"\t\n") {
			b.WriteString("['" + part + "']")
		} else {
			b.WriteString(part)
		}
	}
	return b.String()
}

func (p *jsonParser) peekRune() rune {
	r, _ := utf8.DecodeRuneInString(p.src[p.pos:])
	return r
}

// skipSpace skips white space and comments, counting lines.
func (p *jsonParser) skipSpace() error {
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		switch {
		case c == '\n':
			p.pos++
			p.line++
			p.lineAt = p.pos
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' || c == 0xEF && strings.HasPrefix(p.src[p.pos:], "\uFEFF"):
			if c == 0xEF {
				p.pos += 3
			} else {
				p.pos++
			}
		case c == '/' && strings.HasPrefix(p.src[p.pos:], "//"):
			end := strings.IndexByte(p.src[p.pos:], '\n')
			if end < 0 {
				p.pos = len(p.src)
			} else {
				p.pos += end
			}
		case c == '/' && strings.HasPrefix(p.src[p.pos:], "/*"):
			end := strings.Index(p.src[p.pos+2:], "*/")
			if end < 0 {
				p.pos = len(p.src)
				return p.errorf("Unexpected end while parsing comment.")
			}
			for _, ch := range p.src[p.pos : p.pos+2+end] {
				if ch == '\n' {
					p.line++
				}
			}
			p.pos += 2 + end + 2
			if i := strings.LastIndexByte(p.src[:p.pos], '\n'); i >= 0 {
				p.lineAt = i + 1
			}
		default:
			return nil
		}
	}
	return nil
}

// push enters an object or array, enforcing -Depth.
func (p *jsonParser) push() error {
	p.depth++
	if p.maxDepth > 0 && p.depth > p.maxDepth {
		return p.errorf("The reader's MaxDepth of %d has been exceeded.", p.maxDepth)
	}
	return nil
}

// value reads any JSON value at the current position.
func (p *jsonParser) value() (any, error) {
	if err := p.skipSpace(); err != nil {
		return nil, err
	}
	if p.pos >= len(p.src) {
		return nil, p.errorf("Unexpected end when reading JSON.")
	}
	c := p.src[p.pos]
	switch {
	case c == '{':
		p.started = true
		p.pos++
		return p.object()
	case c == '[':
		p.started = true
		p.pos++
		return p.array()
	case c == '"' || c == '\'':
		p.started = true
		s, err := p.stringLit()
		if err != nil {
			return nil, err
		}
		return p.stringValue(s), nil
	case c == '-' || c == '.' || (c >= '0' && c <= '9'):
		p.started = true
		return p.number()
	}
	for _, lit := range []struct {
		text string
		v    any
	}{{"true", true}, {"false", false}, {"null", nil}, {"undefined", nil}, {"NaN", math.NaN()}, {"Infinity", math.Inf(1)}} {
		if strings.HasPrefix(p.src[p.pos:], lit.text) && !isIdentByte(p.src, p.pos+len(lit.text)) {
			p.started = true
			p.pos += len(lit.text)
			return lit.v, nil
		}
	}
	return nil, p.errorf("Unexpected character encountered while parsing value: %c.", p.peekRune())
}

// isIdentByte reports whether src[i] continues an identifier.
func isIdentByte(src string, i int) bool {
	if i >= len(src) {
		return false
	}
	c := src[i]
	return c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// stringValue applies the date handling to a string value.
func (p *jsonParser) stringValue(s string) any {
	if p.dates == "String" || len(s) < 19 || s[0] < '0' || s[0] > '9' {
		return s
	}
	d, ok := value.ParseDateTimeRoundtrip(s)
	if !ok {
		return s
	}
	switch p.dates {
	case "Utc":
		return d.ToUniversalTime()
	case "Local", "Offset":
		return d.ToLocalTime(nil)
	}
	return d
}

// stringLit reads a string in double or single quotes.
func (p *jsonParser) stringLit() (string, error) {
	quote := p.src[p.pos]
	p.pos++
	var b strings.Builder
	for {
		if p.pos >= len(p.src) {
			return "", p.errorf("Unterminated string. Expected delimiter: %c.", quote)
		}
		c := p.src[p.pos]
		switch {
		case c == quote:
			p.pos++
			return b.String(), nil
		case c == '\\':
			if p.pos+1 >= len(p.src) {
				p.pos++
				return "", p.errorf("Unterminated string. Expected delimiter: %c.", quote)
			}
			e := p.src[p.pos+1]
			p.pos += 2
			switch e {
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case 't':
				b.WriteByte('\t')
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			case '"', '\'', '\\', '/':
				b.WriteByte(e)
			case 'u':
				r, err := p.unicodeEscape()
				if err != nil {
					return "", err
				}
				if utf16.IsSurrogate(r) && strings.HasPrefix(p.src[p.pos:], `\u`) {
					save := p.pos
					p.pos += 2
					r2, err := p.unicodeEscape()
					if err == nil {
						if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
							b.WriteRune(d)
							continue
						}
					}
					p.pos = save
				}
				b.WriteRune(r)
			default:
				return "", p.errorf("Bad JSON escape sequence: \\%c.", e)
			}
		default:
			if c == '\n' {
				p.line++
				p.lineAt = p.pos + 1
			}
			b.WriteByte(c)
			p.pos++
		}
	}
}

// unicodeEscape reads the four hex digits after \u.
func (p *jsonParser) unicodeEscape() (rune, error) {
	if p.pos+4 > len(p.src) {
		return 0, p.errorf("Unexpected end while parsing Unicode escape sequence.")
	}
	n, err := strconv.ParseUint(p.src[p.pos:p.pos+4], 16, 32)
	if err != nil {
		return 0, p.errorf("Invalid Unicode escape sequence: \\u%s.", p.src[p.pos:p.pos+4])
	}
	p.pos += 4
	return rune(n), nil
}

// number reads a number: a long when it is an integer that fits, a big
// integer when it does not, a double otherwise.
func (p *jsonParser) number() (any, error) {
	start := p.pos
	if strings.HasPrefix(p.src[p.pos:], "-Infinity") {
		p.pos += len("-Infinity")
		return math.Inf(-1), nil
	}
	for p.pos < len(p.src) && strings.IndexByte("+-0123456789.eExX", p.src[p.pos]) >= 0 || (p.pos < len(p.src) && isHexDigit(p.src[p.pos]) && strings.ContainsAny(p.src[start:p.pos], "xX")) {
		p.pos++
	}
	text := p.src[start:p.pos]
	if isIdentByte(p.src, p.pos) {
		return nil, p.errorf("Unexpected character encountered while parsing number: %c.", p.peekRune())
	}
	if strings.HasPrefix(strings.TrimPrefix(text, "-"), "0x") || strings.HasPrefix(strings.TrimPrefix(text, "-"), "0X") {
		if n, err := strconv.ParseInt(text, 0, 64); err == nil {
			return n, nil
		}
		return nil, p.errorf("Input string '%s' is not a valid hexadecimal number.", text)
	}
	if !strings.ContainsAny(text, ".eE") {
		if n, err := strconv.ParseInt(text, 10, 64); err == nil {
			return n, nil
		}
		if b, ok := new(big.Int).SetString(text, 10); ok {
			return b, nil
		}
		return nil, p.errorf("Input string '%s' is not a valid integer.", text)
	}
	f, err := strconv.ParseFloat(text, 64)
	if err != nil && !strings.Contains(err.Error(), "range") {
		return nil, p.errorf("Input string '%s' is not a valid number.", text)
	}
	return f, nil
}

func isHexDigit(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// object reads the members of an object after its '{'.
func (p *jsonParser) object() (any, error) {
	if err := p.push(); err != nil {
		return nil, err
	}
	defer func() { p.depth-- }()
	var names []string
	var vals []any
	for {
		if err := p.skipSpace(); err != nil {
			return nil, err
		}
		if p.pos >= len(p.src) {
			return nil, p.errorf("Unexpected end when reading JSON.")
		}
		if p.src[p.pos] == '}' {
			p.pos++
			break
		}
		name, err := p.propertyName()
		if err != nil {
			return nil, err
		}
		p.path = append(p.path, name)
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		// A repeated name: the last one wins, at the end (Newtonsoft
		// removes the earlier property before adding the new one).
		for i, n := range names {
			if n == name {
				names = append(names[:i], names[i+1:]...)
				vals = append(vals[:i], vals[i+1:]...)
				break
			}
		}
		names = append(names, name)
		vals = append(vals, v)
		if err := p.skipSpace(); err != nil {
			return nil, err
		}
		if p.pos >= len(p.src) {
			return nil, p.errorf("Unexpected end when reading JSON.")
		}
		switch p.src[p.pos] {
		case ',':
			p.pos++
			p.path = p.path[:len(p.path)-1]
		case '}':
			p.pos++
			p.path = p.path[:len(p.path)-1]
			return p.build(names, vals)
		default:
			return nil, p.errorf("After parsing a value an unexpected character was encountered: %c.", p.peekRune())
		}
	}
	return p.build(names, vals)
}

// propertyName reads a member name and its colon.
func (p *jsonParser) propertyName() (string, error) {
	var name string
	c := p.src[p.pos]
	switch {
	case c == '"' || c == '\'':
		s, err := p.stringLit()
		if err != nil {
			return "", err
		}
		name = s
	case isIdentByte(p.src, p.pos):
		start := p.pos
		for isIdentByte(p.src, p.pos) {
			p.pos++
		}
		name = p.src[start:p.pos]
	default:
		return "", p.errorf("Invalid property identifier character: %c.", p.peekRune())
	}
	if err := p.skipSpace(); err != nil {
		return "", err
	}
	if p.pos >= len(p.src) {
		return "", p.errorf("Unexpected end when reading JSON.")
	}
	if p.src[p.pos] != ':' {
		return "", p.errorf("Invalid character after parsing property name. Expected ':' but got: %c.", p.peekRune())
	}
	p.pos++
	return name, nil
}

// build makes the object ConvertFrom-Json returns for a JSON object: a
// PSCustomObject, or an ordered hashtable with -AsHashtable.
func (p *jsonParser) build(names []string, vals []any) (any, error) {
	if p.hashtables {
		h := value.NewDictionary(orderedHashtableType)
		for i, n := range names {
			h.Set(n, vals[i])
		}
		return h, nil
	}
	o := value.NewPSObject()
	for i, n := range names {
		if n == "" {
			return nil, &recordError{id: "EmptyKeyInJsonString", msg: "The provided JSON includes a property whose name is an empty string, this is only supported using the -AsHashTable switch."}
		}
		for _, prev := range names[:i] {
			if strings.EqualFold(prev, n) {
				return nil, &recordError{id: "KeysWithDifferentCasingInJsonString", msg: fmt.Sprintf("Cannot convert the JSON string because it contains keys with different casing. Please use the -AsHashTable switch instead. The key that was attempted to be added to the existing key '%s' was '%s'.", prev, n)}
			}
		}
		o.Add(n, vals[i])
	}
	return o, nil
}

// orderedHashtableType is pwsh's OrderedHashtable: ordered, and with
// case-sensitive keys, as JSON's are.
var orderedHashtableType = &value.DictionaryType{
	TypeName:      "System.Management.Automation.OrderedHashtable",
	CaseSensitive: true,
	KeyType:       "System.Object",
	ValueType:     "System.Object",
}

// array reads the elements of an array after its '['.
func (p *jsonParser) array() (any, error) {
	if err := p.push(); err != nil {
		return nil, err
	}
	defer func() { p.depth-- }()
	items := []any{}
	for {
		if err := p.skipSpace(); err != nil {
			return nil, err
		}
		if p.pos >= len(p.src) {
			return nil, p.errorf("Unexpected end when reading JSON.")
		}
		if p.src[p.pos] == ']' {
			p.pos++
			return items, nil
		}
		p.path = append(p.path, fmt.Sprintf("[%d]", len(items)))
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		items = append(items, v)
		if err := p.skipSpace(); err != nil {
			return nil, err
		}
		if p.pos >= len(p.src) {
			return nil, p.errorf("Unexpected end when reading JSON.")
		}
		p.path = p.path[:len(p.path)-1]
		switch p.src[p.pos] {
		case ',':
			p.pos++
		case ']':
			p.pos++
			return items, nil
		default:
			return nil, p.errorf("After parsing a value an unexpected character was encountered: %c.", p.peekRune())
		}
	}
}
