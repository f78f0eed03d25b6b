package server

import (
	"math"
	"math/big"
	"reflect"
	"strconv"
	"unicode/utf8"

	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
)

// How interpreter values cross the wire (see PROTOCOL.md, "Values"):
//
//	$null                 null
//	bool, string          as themselves
//	numbers               JSON numbers (NaN and infinities as the strings "NaN", "Infinity", "-Infinity")
//	enums                 the member's name ("PoweredOn")
//	[datetime]            ISO 8601 text ("2026-11-24T03:11:08Z"; no zone for an Unspecified date)
//	other value types     their string form ([guid], [timespan], [version] ...)
//	arrays, lists         JSON arrays
//	hashtables            JSON objects without "$type"
//	error records         {"$type": "System.Management.Automation.ErrorRecord", "message", "fullyQualifiedErrorId", "category", "position", ...}
//	other objects         {"$type": most derived type, "$types": [all but System.Object], "$ref"?, "$string"?, properties...}
//
// An object with a reference (a VM, a host, a key provider ...; see
// cmdlets.Session.RefOf) carries "$ref". Nested inside another value it is
// sent as a stub (its "$type", "$types", "$ref", "$string", Name and Id,
// with "$stub": true) rather than whole: the client resolves it when it
// needs more, and object graphs (a VM's VMHost's VMs ...) stay finite.
// ExtensionData, the vSphere view behind a PowerCLI object, is not sent
// unless views are asked for: the object lists it in "$lazy" instead.
// SecureStrings send their Length only, never their text.

// Encoding limits.
const (
	// defaultMaxDepth bounds nesting (objects and arrays). A VM view's
	// disk key (view.Config.Hardware.Device[i].Backing.KeyId.ProviderId.Id)
	// is 8 levels down; 24 leaves room and stops runaway structures.
	defaultMaxDepth = 24
)

// encoder turns interpreter values into JSON.
type encoder struct {
	refOf    func(any) (string, bool)
	views    bool
	maxDepth int
	buf      []byte
	// path holds the objects being encoded, to cut cycles.
	path map[uintptr]bool
}

// newEncoder returns an encoder; refOf names objects' references (nil:
// none have one) and views sends ExtensionData inline.
func newEncoder(refOf func(any) (string, bool), views bool) *encoder {
	if refOf == nil {
		refOf = func(any) (string, bool) { return "", false }
	}
	return &encoder{refOf: refOf, views: views, maxDepth: defaultMaxDepth, path: map[uintptr]bool{}}
}

// encode returns the JSON of one value (the encoder's buffer is reused by
// the next call).
func (e *encoder) encode(v any) []byte {
	e.buf = e.buf[:0]
	e.value(v, 0)
	return e.buf
}

// value appends the JSON of v at the given nesting depth.
func (e *encoder) value(v any, depth int) {
	if value.IsNull(v) {
		e.buf = append(e.buf, "null"...)
		return
	}
	switch x := v.(type) {
	case bool:
		e.buf = strconv.AppendBool(e.buf, x)
	case string:
		e.str(x)
	case int:
		e.buf = strconv.AppendInt(e.buf, int64(x), 10)
	case int8:
		e.buf = strconv.AppendInt(e.buf, int64(x), 10)
	case int16:
		e.buf = strconv.AppendInt(e.buf, int64(x), 10)
	case int32:
		e.buf = strconv.AppendInt(e.buf, int64(x), 10)
	case int64:
		e.buf = strconv.AppendInt(e.buf, x, 10)
	case uint8:
		e.buf = strconv.AppendUint(e.buf, uint64(x), 10)
	case uint16:
		e.buf = strconv.AppendUint(e.buf, uint64(x), 10)
	case uint32:
		e.buf = strconv.AppendUint(e.buf, uint64(x), 10)
	case uint64:
		e.buf = strconv.AppendUint(e.buf, x, 10)
	case float32:
		e.float(float64(x), 32)
	case float64:
		e.float(x, 64)
	case value.Decimal:
		e.buf = append(e.buf, x.String()...)
	case *big.Int:
		e.buf = append(e.buf, x.String()...)
	case value.Enum:
		e.str(x.String())
	case value.DateTime:
		e.str(isoDate(x))
	case *eval.ErrorRecord:
		e.errorRecord(x, false, true)
	case []any:
		e.array(x, depth)
	case *value.Hashtable:
		e.hashtable(x, depth)
	case value.Enumerable:
		e.array(x.Items(), depth)
	case value.Object:
		e.object(x, depth)
	default:
		e.str(value.ToString(v))
	}
}

// float appends a number; JSON has no NaN or infinity.
func (e *encoder) float(f float64, bits int) {
	switch {
	case math.IsNaN(f):
		e.str("NaN")
	case math.IsInf(f, 1):
		e.str("Infinity")
	case math.IsInf(f, -1):
		e.str("-Infinity")
	default:
		e.buf = strconv.AppendFloat(e.buf, f, 'g', -1, bits)
	}
}

// isoDate renders a DateTime as ISO 8601, as ConvertTo-Json does: UTC
// dates end in Z, local ones with their offset, unspecified ones with
// nothing.
func isoDate(d value.DateTime) string {
	t := d.Time()
	switch d.Kind() {
	case value.KindUtc:
		return t.UTC().Format("2006-01-02T15:04:05.9999999Z")
	case value.KindLocal:
		return t.Format("2006-01-02T15:04:05.9999999-07:00")
	}
	return t.Format("2006-01-02T15:04:05.9999999")
}

// array appends a JSON array.
func (e *encoder) array(items []any, depth int) {
	if depth >= e.maxDepth {
		e.str(value.ToString(items))
		return
	}
	if len(items) > 0 {
		key := reflect.ValueOf(items).Pointer()
		if e.path[key] {
			e.buf = append(e.buf, "null"...) // an array that contains itself
			return
		}
		e.path[key] = true
		defer delete(e.path, key)
	}
	e.buf = append(e.buf, '[')
	for i, it := range items {
		if i > 0 {
			e.buf = append(e.buf, ',')
		}
		e.value(it, depth+1)
	}
	e.buf = append(e.buf, ']')
}

// hashtable appends a JSON object of a hashtable's entries (keys as
// strings).
func (e *encoder) hashtable(h *value.Hashtable, depth int) {
	if depth >= e.maxDepth || e.enter(h) {
		e.str(value.ToString(h))
		return
	}
	defer e.leave(h)
	e.buf = append(e.buf, '{')
	vals := h.Values()
	for i, k := range h.Keys() {
		if i > 0 {
			e.buf = append(e.buf, ',')
		}
		e.str(value.ToString(k))
		e.buf = append(e.buf, ':')
		e.value(vals[i], depth+1)
	}
	e.buf = append(e.buf, '}')
}

// enter marks a pointer-shaped object as being encoded; it reports true
// when it already is (a cycle).
func (e *encoder) enter(v any) bool {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer {
		return false
	}
	if e.path[rv.Pointer()] {
		return true
	}
	e.path[rv.Pointer()] = true
	return false
}

// leave undoes enter.
func (e *encoder) leave(v any) {
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.Pointer {
		delete(e.path, rv.Pointer())
	}
}

// object appends an object: its type names, reference, string form and
// properties (see the comment at the top of the file).
func (e *encoder) object(o value.Object, depth int) {
	names := o.TypeNames()
	if isValueType(names) {
		e.str(value.ToString(o))
		return
	}
	ref, hasRef := e.refOf(o)
	stub := hasRef && depth > 0
	if depth >= e.maxDepth || e.enter(o) {
		stub = true
	} else {
		defer e.leave(o)
	}
	e.buf = append(e.buf, '{')
	e.typeNames(names)
	if hasRef {
		e.buf = append(e.buf, `,"$ref":`...)
		e.str(ref)
	}
	if s, ok := stringForm(o, names); ok {
		e.buf = append(e.buf, `,"$string":`...)
		e.str(s)
	}
	if stub {
		e.buf = append(e.buf, `,"$stub":true`...)
		for _, p := range []string{"Name", "Id"} {
			if v, ok := o.Property(p); ok {
				e.buf = append(e.buf, ',')
				e.str(p)
				e.buf = append(e.buf, ':')
				e.scalar(v)
			}
		}
		e.buf = append(e.buf, '}')
		return
	}
	var lazy []string
	for _, p := range o.PropertyNames() {
		if !e.views && p == "ExtensionData" {
			lazy = append(lazy, p)
			continue
		}
		v, _ := o.Property(p)
		e.buf = append(e.buf, ',')
		e.str(p)
		e.buf = append(e.buf, ':')
		e.value(v, depth+1)
	}
	if len(lazy) > 0 {
		e.buf = append(e.buf, `,"$lazy":[`...)
		for i, p := range lazy {
			if i > 0 {
				e.buf = append(e.buf, ',')
			}
			e.str(p)
		}
		e.buf = append(e.buf, ']')
	}
	e.buf = append(e.buf, '}')
}

// scalar appends a stub's Name or Id: plain values as themselves, anything
// else as its string form.
func (e *encoder) scalar(v any) {
	switch v.(type) {
	case nil, bool, string, int32, int64, float64:
		e.value(v, e.maxDepth)
	default:
		e.str(value.ToString(v))
	}
}

// typeNames appends "$type" and "$types" (System.Object left out).
func (e *encoder) typeNames(names []string) {
	if len(names) > 0 && names[len(names)-1] == "System.Object" {
		names = names[:len(names)-1]
	}
	first := "System.Object"
	if len(names) > 0 {
		first = names[0]
	}
	e.buf = append(e.buf, `"$type":`...)
	e.str(first)
	e.buf = append(e.buf, `,"$types":[`...)
	for i, n := range names {
		if i > 0 {
			e.buf = append(e.buf, ',')
		}
		e.str(n)
	}
	e.buf = append(e.buf, ']')
}

// stringForm is an object's string form when it says more than its type
// name: a VM's name, a key provider's name. Custom objects ("@{a=1}")
// and objects that render as their type name have none.
func stringForm(o value.Object, names []string) (string, bool) {
	for _, n := range names {
		if n == value.PSCustomObjectType {
			return "", false
		}
	}
	if _, ok := o.(value.Stringer); !ok {
		return "", false
	}
	s := value.ToString(o)
	if len(names) > 0 && s == names[0] {
		return "", false
	}
	return s, true
}

// isValueType reports a .NET value type ([guid], [timespan], [char] ...),
// which is sent as its string form.
func isValueType(names []string) bool {
	for _, n := range names {
		if n == "System.ValueType" {
			return true
		}
	}
	return false
}

// errorRecord appends an error record in the wire's error shape; typed
// adds "$type" (records in the output stream carry it, those in "errors"
// need not).
func (e *encoder) errorRecord(rec *eval.ErrorRecord, terminating, typed bool) {
	e.buf = append(e.buf, '{')
	if typed {
		e.buf = append(e.buf, `"$type":"System.Management.Automation.ErrorRecord",`...)
	}
	e.buf = append(e.buf, `"message":`...)
	e.str(rec.Message())
	e.buf = append(e.buf, `,"fullyQualifiedErrorId":`...)
	e.str(rec.FullyQualifiedErrorID)
	e.buf = append(e.buf, `,"category":`...)
	e.str(string(rec.Category))
	e.buf = append(e.buf, `,"position":`...)
	pos := ""
	if rec.Invocation != nil {
		pos = rec.Invocation.PositionMessage()
	}
	e.str(pos)
	if rec.Exception != nil && len(rec.Exception.Types) > 0 {
		e.buf = append(e.buf, `,"exceptionType":`...)
		e.str(rec.Exception.Types[0])
	}
	if t, ok := rec.Property("CategoryInfo"); ok {
		if name, ok := value.GetProperty(t, "TargetName"); ok && value.ToString(name) != "" {
			e.buf = append(e.buf, `,"targetName":`...)
			e.str(value.ToString(name))
		}
	}
	if rec.Activity != "" {
		e.buf = append(e.buf, `,"activity":`...)
		e.str(rec.Activity)
	}
	if terminating {
		e.buf = append(e.buf, `,"terminating":true`...)
	}
	e.buf = append(e.buf, '}')
}

// str appends a JSON string. Invalid UTF-8 becomes U+FFFD; U+2028 and
// U+2029 are escaped so the text is also valid JavaScript.
func (e *encoder) str(s string) {
	e.buf = appendJSONString(e.buf, s)
}

// appendJSONString appends s as a JSON string literal.
func appendJSONString(buf []byte, s string) []byte {
	const hex = "0123456789abcdef"
	buf = append(buf, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			buf = append(buf, s[start:i]...)
			switch c {
			case '"', '\\':
				buf = append(buf, '\\', c)
			case '\n':
				buf = append(buf, '\\', 'n')
			case '\r':
				buf = append(buf, '\\', 'r')
			case '\t':
				buf = append(buf, '\\', 't')
			default:
				buf = append(buf, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			buf = append(buf, s[start:i]...)
			buf = append(buf, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			buf = append(buf, s[start:i]...)
			buf = append(buf, '\\', 'u', '2', '0', '2', hex[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	buf = append(buf, s[start:]...)
	return append(buf, '"')
}
