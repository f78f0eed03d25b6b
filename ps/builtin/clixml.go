package builtin

import (
	"encoding/base64"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
)

// Export-Clixml and Import-Clixml: PowerShell's CLIXML serialization
// (System.Management.Automation.InternalSerializer) as pwsh 7 on Linux
// writes it: XmlWriter with two-space indentation, no XML declaration,
// "\n" line breaks, no final line break.
//
// SecureStrings: pwsh on Windows encrypts them with DPAPI; pwsh on Linux
// and macOS has no DPAPI and writes the UTF-16LE bytes of the text as hex
// (SecureStringHelper.Protect under #if UNIX), which Microsoft's
// Export-Clixml documentation calls obfuscation, not encryption. keyhost
// does exactly what pwsh on Linux does: a credential file it writes holds
// the password in a reversible form, readable by anyone who can read the
// file. A DPAPI-encrypted value from Windows cannot be read back.

const clixmlNS = "http://schemas.microsoft.com/powershell/2004/04"

// dpapiHeader starts every DPAPI blob (version 1 and the DPAPI provider GUID).
const dpapiHeader = "01000000d08c9ddf0115d1118c7a00c04fc297eb"

// clixmlEncode is InternalSerializer.EncodeString: control characters,
// C1 controls, surrogates and an underscore before x become _xHHHH_.
func clixmlEncode(s string) string {
	units := utf16.Encode([]rune(s))
	var b strings.Builder
	for i, u := range units {
		switch {
		case u <= 0x1F || (u >= 0x7F && u <= 0x9F) || (u >= 0xD800 && u <= 0xDFFF) ||
			(u == '_' && i+1 < len(units) && (units[i+1] == 'x' || units[i+1] == 'X')):
			fmt.Fprintf(&b, "_x%04X_", u)
		default:
			b.WriteRune(rune(u))
		}
	}
	return b.String()
}

// clixmlDecode undoes clixmlEncode (XmlConvert.DecodeName's _xHHHH_).
func clixmlDecode(s string) string {
	if !strings.Contains(s, "_x") && !strings.Contains(s, "_X") {
		return s
	}
	var units []uint16
	for i := 0; i < len(s); {
		if i+7 <= len(s) && s[i] == '_' && (s[i+1] == 'x' || s[i+1] == 'X') && s[i+6] == '_' {
			if n, err := strconv.ParseUint(s[i+2:i+6], 16, 16); err == nil {
				units = append(units, uint16(n))
				i += 7
				continue
			}
		}
		r, size := rune(s[i]), 1
		if r >= 0x80 {
			rs := []rune(s[i:min(len(s), i+4)])
			r = rs[0]
			size = len(string(r))
		}
		units = append(units, utf16.Encode([]rune{r})...)
		i += size
	}
	return string(utf16.Decode(units))
}

// xmlText escapes text content as .NET's XmlWriter does.
func xmlText(s string) string {
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
	return r.Replace(s)
}

// xmlAttr escapes an attribute value as .NET's XmlWriter does.
func xmlAttr(s string) string {
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")
	return r.Replace(s)
}

// clixmlWriter serializes objects.
type clixmlWriter struct {
	b      strings.Builder
	indent int
	refs   map[any]int
	nextID int
	types  map[string]int
	nextTN int
	now    time.Time
}

func newClixmlWriter() *clixmlWriter {
	w := &clixmlWriter{refs: map[any]int{}, types: map[string]int{}}
	w.b.WriteString(`<Objs Version="1.1.0.1" xmlns="` + clixmlNS + `">`)
	w.indent = 1
	return w
}

func (w *clixmlWriter) line(s string) {
	w.b.WriteString("\n")
	w.b.WriteString(strings.Repeat("  ", w.indent))
	w.b.WriteString(s)
}

// finish closes the root element; an empty root is written <Objs ... />.
func (w *clixmlWriter) finish() string {
	if w.nextID == 0 && w.b.Len() == len(`<Objs Version="1.1.0.1" xmlns="`+clixmlNS+`">`) && !strings.Contains(w.b.String(), "\n") {
		return `<Objs Version="1.1.0.1" xmlns="` + clixmlNS + `" />`
	}
	w.indent = 0
	w.line("</Objs>")
	return w.b.String()
}

// nameAttr is the N attribute of a property or dictionary entry.
func nameAttr(name string) string {
	if name == "" {
		return ""
	}
	return ` N="` + xmlAttr(clixmlEncode(name)) + `"`
}

// prim writes a primitive element.
func (w *clixmlWriter) prim(tag, name, text string) {
	w.line("<" + tag + nameAttr(name) + ">" + xmlText(text) + "</" + tag + ">")
}

// dotnetDouble is XmlConvert.ToString(double): round-trip form, INF, NaN.
func dotnetDouble(f float64, bits int) string {
	switch {
	case math.IsInf(f, 1):
		return "INF"
	case math.IsInf(f, -1):
		return "-INF"
	case math.IsNaN(f):
		return "NaN"
	}
	s := strconv.FormatFloat(f, 'G', -1, bits)
	if i := strings.Index(s, "E"); i >= 0 {
		exp := s[i+1:]
		sign := exp[:1]
		digits := strings.TrimLeft(exp[1:], "0")
		if len(digits) < 2 {
			digits = strings.Repeat("0", 2-len(digits)) + digits
		}
		s = s[:i+1] + sign + digits
	}
	return s
}

// xmlDate is XmlConvert.ToString(DateTime, RoundtripKind).
func xmlDate(d value.DateTime) string {
	t := d.Time()
	s := t.Format("2006-01-02T15:04:05")
	if frac := d.Ticks() % value.TicksPerSecond; frac != 0 {
		s += strings.TrimRight(fmt.Sprintf(".%07d", frac), "0")
	}
	switch d.Kind() {
	case value.KindUtc:
		s += "Z"
	case value.KindLocal:
		s += t.Format("-07:00")
	}
	return s
}

// xmlDuration is XmlConvert.ToString(TimeSpan).
func xmlDuration(ticks int64) string {
	var b strings.Builder
	if ticks < 0 {
		b.WriteByte('-')
		ticks = -ticks
	}
	b.WriteByte('P')
	days := ticks / value.TicksPerDay
	ticks %= value.TicksPerDay
	if days > 0 {
		fmt.Fprintf(&b, "%dD", days)
	}
	if ticks > 0 || days == 0 {
		b.WriteByte('T')
		h, m := ticks/value.TicksPerHour, ticks%value.TicksPerHour/value.TicksPerMinute
		sec, frac := ticks%value.TicksPerMinute/value.TicksPerSecond, ticks%value.TicksPerSecond
		if h > 0 {
			fmt.Fprintf(&b, "%dH", h)
		}
		if m > 0 {
			fmt.Fprintf(&b, "%dM", m)
		}
		if sec > 0 || frac > 0 || (h == 0 && m == 0) {
			fmt.Fprintf(&b, "%d", sec)
			if frac > 0 {
				b.WriteString(strings.TrimRight(fmt.Sprintf(".%07d", frac), "0"))
			}
			b.WriteByte('S')
		}
	}
	return b.String()
}

// protectSecureString is SecureStringHelper.Protect as pwsh builds it for
// Unix: the UTF-16LE bytes as lower-case hex, with no encryption.
func protectSecureString(s *value.SecureString) string {
	units := utf16.Encode([]rune(s.Reveal()))
	data := make([]byte, 2*len(units))
	for i, u := range units {
		data[2*i], data[2*i+1] = byte(u), byte(u>>8)
	}
	return hex.EncodeToString(data)
}

// primitive writes v when it is one of the serializer's known primitive
// types.
func (w *clixmlWriter) primitive(v any, name string) bool {
	switch x := v.(type) {
	case string:
		w.prim("S", name, clixmlEncode(x))
	case bool:
		w.prim("B", name, strconv.FormatBool(x))
	case int32:
		w.prim("I32", name, strconv.FormatInt(int64(x), 10))
	case int:
		w.prim("I32", name, strconv.Itoa(x))
	case int64:
		w.prim("I64", name, strconv.FormatInt(x, 10))
	case int16:
		w.prim("I16", name, strconv.FormatInt(int64(x), 10))
	case int8:
		w.prim("SB", name, strconv.FormatInt(int64(x), 10))
	case uint8:
		w.prim("By", name, strconv.FormatUint(uint64(x), 10))
	case uint16:
		w.prim("U16", name, strconv.FormatUint(uint64(x), 10))
	case uint32:
		w.prim("U32", name, strconv.FormatUint(uint64(x), 10))
	case uint64:
		w.prim("U64", name, strconv.FormatUint(x, 10))
	case float64:
		w.prim("Db", name, dotnetDouble(x, 64))
	case float32:
		w.prim("Sg", name, dotnetDouble(float64(x), 32))
	case value.Decimal:
		w.prim("D", name, x.String())
	case value.Char:
		w.prim("C", name, strconv.Itoa(int(x)))
	case value.DateTime:
		w.prim("DT", name, xmlDate(x))
	case value.TimeSpan:
		w.prim("TS", name, xmlDuration(int64(x)))
	case *value.SecureString:
		w.prim("SS", name, protectSecureString(x))
	default:
		return false
	}
	return true
}

// startObj opens an <Obj> with its type names (or a reference to the
// same list written before).
func (w *clixmlWriter) startObj(name string, id int, typeNames []string) {
	w.line("<Obj" + nameAttr(name) + ` RefId="` + strconv.Itoa(id) + `">`)
	w.indent++
	if len(typeNames) == 0 {
		return
	}
	key := strings.ToLower(strings.Join(typeNames, "\x00"))
	if tn, ok := w.types[key]; ok {
		w.line(`<TNRef RefId="` + strconv.Itoa(tn) + `" />`)
		return
	}
	w.types[key] = w.nextTN
	w.line(`<TN RefId="` + strconv.Itoa(w.nextTN) + `">`)
	w.nextTN++
	w.indent++
	for _, t := range typeNames {
		w.prim("T", "", clixmlEncode(t))
	}
	w.indent--
	w.line("</TN>")
}

func (w *clixmlWriter) endObj() {
	w.indent--
	w.line("</Obj>")
}

// object writes one value; depth is what is left of -Depth (properties
// use one level, containers none).
func (w *clixmlWriter) object(v any, name string, depth int) {
	if value.IsNull(v) {
		w.line("<Nil" + nameAttr(name) + " />")
		return
	}
	if w.primitive(v, name) {
		return
	}
	if isRefType(v) {
		if id, ok := w.refs[v]; ok {
			w.line("<Ref" + nameAttr(name) + ` RefId="` + strconv.Itoa(id) + `" />`)
			return
		}
	}
	id := w.nextID
	switch x := v.(type) {
	case []any:
		w.nextID++
		w.startObj(name, id, value.TypeNames(x))
		w.items("LST", x, depth)
		w.endObj()
		return
	case *value.List:
		w.nextID++
		w.refs[v] = id
		w.startObj(name, id, x.TypeNames())
		w.items("LST", x.Items(), depth)
		w.endObj()
		return
	case *value.Hashtable:
		w.nextID++
		w.refs[v] = id
		w.startObj(name, id, x.TypeNames())
		keys, vals := x.Keys(), x.Values()
		if len(keys) == 0 {
			w.line("<DCT />")
		} else {
			w.line("<DCT>")
			w.indent++
			for i, k := range keys {
				w.line("<En>")
				w.indent++
				w.object(k, "Key", depth)
				w.object(vals[i], "Value", depth)
				w.indent--
				w.line("</En>")
			}
			w.indent--
			w.line("</DCT>")
		}
		w.endObj()
		return
	}
	obj, isObj := v.(value.Object)
	if !isObj || depth <= 0 {
		// Past -Depth (or a value keyhost has no CLIXML form for) an
		// object is written as its string.
		w.prim("S", name, clixmlEncode(dotnetString(v)))
		return
	}
	w.nextID++
	if isRefType(v) {
		w.refs[v] = id
	}
	names := obj.TypeNames()
	bag := false
	for _, t := range names {
		if t == value.PSCustomObjectType {
			bag = true
		}
	}
	w.startObj(name, id, names)
	tag := "MS"
	if !bag {
		// A .NET object: its string form and adapted properties.
		w.prim("ToString", "", clixmlEncode(value.ToString(v)))
		tag = "Props"
	}
	props := obj.PropertyNames()
	if len(props) > 0 {
		w.line("<" + tag + ">")
		w.indent++
		for _, p := range props {
			pv, _ := obj.Property(p)
			w.object(pv, p, depth-1)
		}
		w.indent--
		w.line("</" + tag + ">")
	}
	w.endObj()
}

// items writes a list's elements.
func (w *clixmlWriter) items(tag string, items []any, depth int) {
	if len(items) == 0 {
		w.line("<" + tag + " />")
		return
	}
	w.line("<" + tag + ">")
	w.indent++
	for _, it := range items {
		w.object(it, "", depth)
	}
	w.indent--
	w.line("</" + tag + ">")
}

// isRefType reports values with identity, written once and then as <Ref>.
func isRefType(v any) bool {
	switch v.(type) {
	case *value.PSObject, *value.Hashtable, *value.List:
		return true
	}
	return false
}

// clixmlNode is a parsed element.
type clixmlNode struct {
	name     string
	attrs    map[string]string
	children []*clixmlNode
	text     string
	line     int
}

// clixmlError is a malformed-file error, reported as pwsh reports an
// XmlException.
type clixmlError struct{ msg string }

func (e *clixmlError) Error() string { return e.msg }

// parseClixml reads the document into a tree; a leading "#< CLIXML" line
// is skipped as pwsh does.
func parseClixml(text string) (*clixmlNode, error) {
	text = strings.TrimPrefix(text, "\uFEFF")
	if strings.HasPrefix(text, "#< CLIXML\n") || strings.HasPrefix(text, "#< CLIXML\r\n") {
		text = text[strings.IndexByte(text, '\n')+1:]
	}
	trimmed := strings.TrimLeft(text, " \t\r\n")
	if trimmed == "" {
		return nil, &clixmlError{"Root element is missing."}
	}
	if trimmed[0] != '<' {
		return nil, &clixmlError{"Data at the root level is invalid. Line 1, position 1."}
	}
	dec := xml.NewDecoder(strings.NewReader(text))
	var stack []*clixmlNode
	var root *clixmlNode
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, &clixmlError{"The file is not valid XML: " + strings.TrimPrefix(err.Error(), "XML syntax error on ") + "."}
		}
		switch t := tok.(type) {
		case xml.StartElement:
			line, _ := dec.InputPos()
			n := &clixmlNode{name: t.Name.Local, attrs: map[string]string{}, line: line}
			for _, a := range t.Attr {
				n.attrs[a.Name.Local] = a.Value
			}
			if len(stack) == 0 {
				if root != nil {
					return nil, &clixmlError{"There are multiple root elements."}
				}
				root = n
			} else {
				p := stack[len(stack)-1]
				p.children = append(p.children, n)
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text += string(t)
			}
		}
	}
	if root == nil {
		return nil, &clixmlError{"Root element is missing."}
	}
	if root.name != "Objs" {
		return nil, &clixmlError{fmt.Sprintf("Element '%s' was found where 'Objs' was expected: the file is not a CLIXML file.", root.name)}
	}
	return root, nil
}

// clixmlReader turns parsed elements into values.
type clixmlReader struct {
	objs  map[string]any
	types map[string][]string
}

func (r *clixmlReader) bad(n *clixmlNode, format string, args ...any) error {
	return &clixmlError{fmt.Sprintf("Line %d: ", n.line) + fmt.Sprintf(format, args...)}
}

// value reads one value element.
func (r *clixmlReader) value(n *clixmlNode) (any, error) {
	text := n.text
	num := func(bits int, signed bool) (any, error) {
		if signed {
			i, err := strconv.ParseInt(strings.TrimSpace(text), 10, bits)
			if err != nil {
				return nil, r.bad(n, "'%s' is not a valid %s value.", text, n.name)
			}
			return i, nil
		}
		u, err := strconv.ParseUint(strings.TrimSpace(text), 10, bits)
		if err != nil {
			return nil, r.bad(n, "'%s' is not a valid %s value.", text, n.name)
		}
		return u, nil
	}
	switch n.name {
	case "Nil":
		return nil, nil
	case "S", "G", "URI", "Version", "XD", "SBK":
		return clixmlDecode(text), nil
	case "B":
		switch strings.TrimSpace(text) {
		case "true", "1":
			return true, nil
		case "false", "0":
			return false, nil
		}
		return nil, r.bad(n, "'%s' is not a valid Boolean value.", text)
	case "I32":
		v, err := num(32, true)
		if err != nil {
			return nil, err
		}
		return int32(v.(int64)), nil
	case "I64":
		return num(64, true)
	case "I16":
		v, err := num(16, true)
		if err != nil {
			return nil, err
		}
		return int16(v.(int64)), nil
	case "SB":
		v, err := num(8, true)
		if err != nil {
			return nil, err
		}
		return int8(v.(int64)), nil
	case "By":
		v, err := num(8, false)
		if err != nil {
			return nil, err
		}
		return uint8(v.(uint64)), nil
	case "U16":
		v, err := num(16, false)
		if err != nil {
			return nil, err
		}
		return uint16(v.(uint64)), nil
	case "U32":
		v, err := num(32, false)
		if err != nil {
			return nil, err
		}
		return uint32(v.(uint64)), nil
	case "U64":
		return num(64, false)
	case "C":
		v, err := num(16, false)
		if err != nil {
			return nil, err
		}
		return value.Char(rune(v.(uint64))), nil
	case "Db", "Sg":
		s := strings.TrimSpace(text)
		switch s {
		case "INF":
			s = "+Inf"
		case "-INF":
			s = "-Inf"
		}
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return nil, r.bad(n, "'%s' is not a valid %s value.", text, n.name)
		}
		if n.name == "Sg" {
			return float32(f), nil
		}
		return f, nil
	case "D":
		d, ok := value.ParseDecimal(strings.TrimSpace(text))
		if !ok {
			return nil, r.bad(n, "'%s' is not a valid Decimal value.", text)
		}
		return d, nil
	case "DT":
		return r.date(n)
	case "TS":
		return r.duration(n)
	case "BA":
		b, err := base64.StdEncoding.DecodeString(strings.TrimSpace(text))
		if err != nil {
			return nil, r.bad(n, "'%s' is not valid base-64 data.", text)
		}
		out := make([]any, len(b))
		for i, x := range b {
			out[i] = x
		}
		return out, nil
	case "SS":
		return r.secureString(n)
	case "Ref":
		v, ok := r.objs[n.attrs["RefId"]]
		if !ok {
			return nil, r.bad(n, "The reference RefId=\"%s\" names no object read before it.", n.attrs["RefId"])
		}
		return v, nil
	case "Obj":
		return r.obj(n)
	}
	return nil, r.bad(n, "'%s' is not an element CLIXML knows.", n.name)
}

// secureString reads an <SS>: the hex UTF-16LE text pwsh on Unix writes.
func (r *clixmlReader) secureString(n *clixmlNode) (any, error) {
	s := strings.TrimSpace(n.text)
	if strings.HasPrefix(strings.ToLower(s), dpapiHeader) {
		return nil, r.bad(n, "The SecureString was encrypted with Windows DPAPI for a Windows user; it can only be decrypted by that user on Windows.")
	}
	data, err := hex.DecodeString(s)
	if err != nil || len(data)%2 != 0 {
		return nil, r.bad(n, "The SecureString data is not valid.")
	}
	units := make([]uint16, len(data)/2)
	for i := range units {
		units[i] = uint16(data[2*i]) | uint16(data[2*i+1])<<8
	}
	return value.NewSecureString(string(utf16.Decode(units))), nil
}

// date reads a <DT> (XmlConvert round-trip form).
func (r *clixmlReader) date(n *clixmlNode) (any, error) {
	s := strings.TrimSpace(n.text)
	kind := value.KindUnspecified
	layout := "2006-01-02T15:04:05.999999999"
	switch {
	case strings.HasSuffix(s, "Z"):
		kind, layout = value.KindUtc, layout+"Z07:00"
	case len(s) > 6 && (s[len(s)-6] == '+' || s[len(s)-6] == '-') && s[len(s)-3] == ':':
		kind, layout = value.KindLocal, layout+"Z07:00"
	}
	t, err := time.Parse(layout, s)
	if err != nil {
		return nil, r.bad(n, "'%s' is not a valid DateTime value.", n.text)
	}
	return value.NewDateTime(t, kind), nil
}

// duration reads a <TS> (an XML duration, days and times only).
func (r *clixmlReader) duration(n *clixmlNode) (any, error) {
	s := strings.TrimSpace(n.text)
	fail := r.bad(n, "'%s' is not a valid TimeSpan value.", n.text)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	if !strings.HasPrefix(s, "P") {
		return nil, fail
	}
	s = s[1:]
	var ticks float64
	inTime := false
	for s != "" {
		if s[0] == 'T' {
			inTime = true
			s = s[1:]
			continue
		}
		i := strings.IndexAny(s, "YMDHS")
		if i <= 0 {
			return nil, fail
		}
		f, err := strconv.ParseFloat(s[:i], 64)
		if err != nil {
			return nil, fail
		}
		switch {
		case s[i] == 'Y' && !inTime:
			ticks += f * 365 * float64(value.TicksPerDay)
		case s[i] == 'M' && !inTime:
			ticks += f * 30 * float64(value.TicksPerDay)
		case s[i] == 'D' && !inTime:
			ticks += f * float64(value.TicksPerDay)
		case s[i] == 'H' && inTime:
			ticks += f * float64(value.TicksPerHour)
		case s[i] == 'M' && inTime:
			ticks += f * float64(value.TicksPerMinute)
		case s[i] == 'S' && inTime:
			ticks += f * float64(value.TicksPerSecond)
		default:
			return nil, fail
		}
		s = s[i+1:]
	}
	if neg {
		ticks = -ticks
	}
	return value.TimeSpan(int64(math.Round(ticks))), nil
}

// obj reads an <Obj>: a dictionary or list, a PSCredential (which pwsh
// rehydrates), a primitive with notes (read as the primitive), or a
// property bag whose type names get the "Deserialized." prefix.
func (r *clixmlReader) obj(n *clixmlNode) (any, error) {
	var typeNames []string
	var toString *string
	var prim any
	hasPrim := false
	var props []*clixmlNode
	var container *clixmlNode
	for _, ch := range n.children {
		switch ch.name {
		case "TN":
			for _, t := range ch.children {
				if t.name == "T" {
					typeNames = append(typeNames, clixmlDecode(t.text))
				}
			}
			r.types[ch.attrs["RefId"]] = typeNames
		case "TNRef":
			names, ok := r.types[ch.attrs["RefId"]]
			if !ok {
				return nil, r.bad(ch, "The type name reference RefId=\"%s\" names no type names read before it.", ch.attrs["RefId"])
			}
			typeNames = names
		case "ToString":
			s := clixmlDecode(ch.text)
			toString = &s
		case "MS", "Props":
			props = append(props, ch.children...)
		case "DCT", "LST", "IE", "QUE", "STK":
			container = ch
		default:
			v, err := r.value(ch)
			if err != nil {
				return nil, err
			}
			prim, hasPrim = v, true
		}
	}
	id := n.attrs["RefId"]
	first := ""
	if len(typeNames) > 0 {
		first = strings.TrimPrefix(typeNames[0], "Deserialized.")
	}
	if container != nil {
		if container.name == "DCT" {
			h := value.NewHashtable()
			h.Ordered = first == "System.Collections.Specialized.OrderedDictionary"
			r.objs[id] = h
			for _, en := range container.children {
				var key, val any
				hasKey := false
				for _, kv := range en.children {
					v, err := r.value(kv)
					if err != nil {
						return nil, err
					}
					switch kv.attrs["N"] {
					case "Key":
						key, hasKey = v, true
					case "Value":
						val = v
					}
				}
				if !hasKey || value.IsNull(key) {
					return nil, r.bad(en, "A dictionary entry has no key.")
				}
				h.Set(key, val)
			}
			return h, nil
		}
		l := value.NewList(value.ArrayList, "System.Collections.ArrayList", "System.Object", nil)
		r.objs[id] = l
		for _, it := range container.children {
			v, err := r.value(it)
			if err != nil {
				return nil, err
			}
			l.Append(v)
		}
		return l, nil
	}
	if hasPrim {
		r.objs[id] = prim
		return prim, nil
	}
	if first == "System.Management.Automation.PSCredential" {
		var user string
		var pw *value.SecureString
		for _, p := range props {
			v, err := r.value(p)
			if err != nil {
				return nil, err
			}
			switch strings.ToLower(p.attrs["N"]) {
			case "username":
				user = value.ToString(v)
			case "password":
				pw, _ = v.(*value.SecureString)
			}
		}
		if pw != nil {
			cred := eval.NewCredential(user, pw)
			r.objs[id] = cred
			return cred, nil
		}
	}
	var names []string
	for _, t := range typeNames {
		if !strings.HasPrefix(t, "Deserialized.") {
			t = "Deserialized." + t
		}
		names = append(names, t)
	}
	o := value.NewPSObject()
	o.SetTypeNames(names)
	if toString != nil {
		s := *toString
		o.ToStringFunc = func() string { return s }
	}
	r.objs[id] = o
	for _, p := range props {
		v, err := r.value(p)
		if err != nil {
			return nil, err
		}
		o.Add(clixmlDecode(p.attrs["N"]), v)
	}
	return o, nil
}

// readClixml reads every top-level object of a CLIXML document.
func readClixml(text string) ([]any, error) {
	root, err := parseClixml(text)
	if err != nil {
		return nil, err
	}
	r := &clixmlReader{objs: map[string]any{}, types: map[string][]string{}}
	var out []any
	for _, n := range root.children {
		v, err := r.value(n)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// exportClixml is Export-Clixml.
func exportClixml() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                  "Export-Clixml",
		Module:                utilityModule,
		ImplementingType:      "Microsoft.PowerShell.Commands.ExportClixmlCommand",
		Synopsis:              "Creates an XML-based representation of an object or objects and stores it in a file.",
		DefaultParameterSet:   "ByPath",
		SupportsShouldProcess: true,
		ConfirmImpact:         eval.ImpactMedium,
		Parameters: []*eval.Parameter{
			{Name: "Depth", Type: eval.Int32Type, Validate: []func(any) string{func(v any) string {
				if n, _ := value.ToInt32(v); n < 1 {
					return fmt.Sprintf("The %s argument is less than the minimum allowed range of 1. Supply an argument that is greater than or equal to 1 and then try the command again.", value.ToString(v))
				}
				return ""
			}}},
			{Name: "Path", Type: eval.StringType, Sets: []eval.ParameterSet{{Name: "ByPath", Mandatory: true, Position: 0}}},
			{Name: "LiteralPath", Aliases: []string{"PSPath", "LP"}, Type: eval.StringType, Sets: []eval.ParameterSet{{Name: "ByLiteralPath", Mandatory: true, Position: -1}}},
			{Name: "InputObject", Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Mandatory: true, Position: -1, ValueFromPipeline: true}}},
			{Name: "Force", Switch: true},
			{Name: "NoClobber", Aliases: []string{"NoOverwrite"}, Switch: true},
			{Name: "Encoding", Type: encodingType, NotNullOrEmpty: true},
		},
		New: func() eval.Processor { return &exportClixmlCmd{} },
	}
}

type exportClixmlCmd struct {
	w     *clixmlWriter
	path  string
	depth int
	skip  bool
}

func (e *exportClixmlCmd) Begin(c *eval.Call) error {
	e.path = c.String("Path")
	if c.Has("LiteralPath") {
		e.path = c.String("LiteralPath")
	}
	e.depth = 2
	if c.Has("Depth") {
		d, _ := value.ToInt32(c.Value("Depth"))
		e.depth = int(d)
	}
	abs := absPath(c, e.path)
	ok, err := c.ShouldProcess(abs, "Export-Clixml")
	if err != nil {
		return err
	}
	e.skip = !ok
	if e.skip {
		return nil
	}
	if _, err := c.FS().Stat(abs); err == nil && c.Switch("NoClobber") {
		msg := fmt.Sprintf("The file '%s' already exists.", abs)
		return c.ThrowTerminatingError(c.NewError(eval.NewException("System.IO.IOException", msg), "NoClobber", eval.ResourceExists, abs))
	}
	e.w = newClixmlWriter()
	return nil
}

func (e *exportClixmlCmd) Process(c *eval.Call) error {
	if e.skip {
		return nil
	}
	obj, has := c.Input()
	if !has {
		obj = c.Value("InputObject")
	}
	e.w.object(obj, "", e.depth)
	return nil
}

func (e *exportClixmlCmd) End(c *eval.Call) error {
	if e.skip {
		return nil
	}
	return writeTextFile(c, e.path, string(encodeText(c, e.w.finish())), false)
}

// importClixml is Import-Clixml.
func importClixml() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                "Import-Clixml",
		Module:              utilityModule,
		ImplementingType:    "Microsoft.PowerShell.Commands.ImportClixmlCommand",
		Synopsis:            "Imports a CLIXML file and creates corresponding objects in PowerShell.",
		DefaultParameterSet: "ByPath",
		Parameters: []*eval.Parameter{
			{Name: "Path", Type: eval.StringArrayType, Sets: []eval.ParameterSet{{Name: "ByPath", Mandatory: true, Position: 0, ValueFromPipeline: true, ValueFromPipelineByPropertyName: true}}},
			{Name: "LiteralPath", Aliases: []string{"PSPath", "LP"}, Type: eval.StringArrayType, Sets: []eval.ParameterSet{{Name: "ByLiteralPath", Mandatory: true, Position: -1, ValueFromPipelineByPropertyName: true}}},
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				paths, literal, err := targetPaths(c)
				if err != nil {
					return err
				}
				for _, p := range paths {
					matches := expandPath(c, p, literal)
					if len(matches) == 0 {
						return c.ThrowTerminatingError(itemNotFound(c, absPath(c, p)))
					}
					for _, m := range matches {
						data, err := c.FS().ReadFile(m)
						if err != nil {
							if _, serr := c.FS().Stat(m); serr != nil {
								return c.ThrowTerminatingError(itemNotFound(c, m))
							}
							return c.ThrowTerminatingError(ioError(c, err, m, "FileOpenFailure", eval.ErrorCategory("OpenError")))
						}
						objs, err := readClixml(string(data))
						if err != nil {
							return c.ThrowTerminatingError(c.NewError(eval.NewException("System.Xml.XmlException", err.Error()), "System.Xml.XmlException", eval.NotSpecified, nil))
						}
						for _, o := range objs {
							if err := c.WriteObject(o); err != nil {
								return err
							}
						}
					}
				}
				return nil
			})
		},
	}
}
