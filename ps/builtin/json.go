package builtin

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
)

// convertToJSON is ConvertTo-Json: its input as JSON text, written the way
// pwsh 7's Newtonsoft serializer writes it (two-space indentation,
// "name": value, objects nested deeper than -Depth turned into strings
// with a warning).
func convertToJSON() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:             "ConvertTo-Json",
		Module:           utilityModule,
		ImplementingType: "Microsoft.PowerShell.Commands.ConvertToJsonCommand",
		Synopsis:         "Converts an object to a JSON-formatted string.",
		OutputType:       []string{"System.String"},
		Parameters: []*eval.Parameter{
			{Name: "InputObject", Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Mandatory: true, Position: 0, ValueFromPipeline: true}}, AllowNull: true, AllowEmptyCollection: true},
			{Name: "Depth", Type: eval.Int32Type, Validate: validateRange(0, 100)},
			{Name: "Compress", Switch: true},
			{Name: "EnumsAsStrings", Switch: true},
			{Name: "AsArray", Switch: true},
			{Name: "EscapeHandling", Type: escapeHandlingType},
		},
		New: func() eval.Processor { return &toJSON{} },
	}
}

// escapeHandlingType is Newtonsoft's StringEscapeHandling enum.
var escapeHandlingType = enumParamType("Newtonsoft.Json.StringEscapeHandling", "Default", "EscapeNonAscii", "EscapeHtml")

type toJSON struct{ items []any }

func (j *toJSON) Begin(*eval.Call) error { return nil }

func (j *toJSON) Process(c *eval.Call) error {
	if in, has := c.Input(); has {
		j.items = append(j.items, in)
	} else if c.Has("InputObject") {
		j.items = append(j.items, c.Value("InputObject"))
	}
	return nil
}

func (j *toJSON) End(c *eval.Call) error {
	if len(j.items) == 0 {
		return nil
	}
	var obj any
	if len(j.items) > 1 || c.Switch("AsArray") {
		obj = j.items
	} else {
		obj = j.items[0]
	}
	w := &jsonWriter{
		maxDepth: 2,
		enums:    c.Switch("EnumsAsStrings"),
		compress: c.Switch("Compress"),
		escape:   value.ToString(c.Value("EscapeHandling")),
	}
	if c.Has("Depth") {
		n, _ := value.ToInt32(c.Value("Depth"))
		w.maxDepth = int(n)
	}
	if err := w.value(obj, 0, 0); err != nil {
		return c.ThrowTerminatingError(c.NewError(eval.NewException("System.InvalidOperationException", err.Error()), "NonStringKeyInDictionary", eval.InvalidOperation, nil))
	}
	if w.truncated {
		if err := c.WriteWarning(fmt.Sprintf("Resulting JSON is truncated as serialization has exceeded the set depth of %d.", w.maxDepth)); err != nil {
			return err
		}
	}
	return c.WriteObject(w.b.String())
}

// jsonWriter serializes values as ConvertTo-Json does: it walks the value
// the way pwsh's JsonObject.ProcessValue does and writes the JSON text the
// way Newtonsoft's JsonTextWriter formats it.
type jsonWriter struct {
	b         strings.Builder
	maxDepth  int
	enums     bool
	compress  bool
	escape    string
	truncated bool
}

// newline starts a new line at an indentation level (nothing when
// compressed).
func (w *jsonWriter) newline(indent int) {
	if w.compress {
		return
	}
	w.b.WriteByte('\n')
	for range indent {
		w.b.WriteString("  ")
	}
}

// value writes v, found depth levels below the top object, at an
// indentation level.
func (w *jsonWriter) value(v any, depth, indent int) error {
	if value.IsNull(v) {
		w.b.WriteString("null")
		return nil
	}
	switch x := v.(type) {
	case string:
		w.str(x)
		return nil
	case value.Char:
		w.str(string(rune(x)))
		return nil
	case bool:
		w.b.WriteString(strconv.FormatBool(x))
		return nil
	case int32:
		w.b.WriteString(strconv.FormatInt(int64(x), 10))
		return nil
	case int64:
		w.b.WriteString(strconv.FormatInt(x, 10))
		return nil
	case int:
		w.b.WriteString(strconv.Itoa(x))
		return nil
	case float64:
		w.float(x, roundTrip(x, 64))
		return nil
	case float32:
		w.float(float64(x), roundTrip(float64(x), 32))
		return nil
	case value.Decimal:
		w.b.WriteString(ensureDecimalPlace(x.String()))
		return nil
	case *big.Int:
		w.b.WriteString(x.String())
		return nil
	case value.DateTime:
		w.str(x.FormatInvariant("yyyy-MM-ddTHH:mm:ss.FFFFFFFK"))
		return nil
	case value.Enum:
		if w.enums {
			w.str(x.String())
		} else {
			w.b.WriteString(strconv.FormatInt(x.Int(), 10))
		}
		return nil
	}
	if value.IsNumber(v) || isIntegerKind(v) {
		w.b.WriteString(value.ToString(v))
		return nil
	}
	if isJSONStringType(v) {
		w.str(value.ToString(v))
		return nil
	}
	// An aggregate: past the depth limit it becomes its string form.
	if depth > w.maxDepth {
		w.truncated = true
		w.str(value.ToString(v))
		return nil
	}
	switch x := v.(type) {
	case *value.Hashtable:
		keys := x.Keys()
		names := make([]string, len(keys))
		vals := x.Values()
		for i, k := range keys {
			s, ok := k.(string)
			if !ok {
				return fmt.Errorf("The type '%s' is not supported for serialization or deserialization of a dictionary. Keys must be strings.", x.TypeNames()[0])
			}
			names[i] = s
		}
		return w.object(names, func(i int) any { return vals[i] }, depth, indent)
	case []any:
		return w.array(x, depth, indent)
	case *value.List:
		return w.array(x.Items(), depth, indent)
	case value.TimeSpan:
		names := value.TimeSpanMemberOrder
		return w.object(names, func(i int) any { p, _ := x.Property(names[i]); return p }, depth, indent)
	case value.Object:
		names := x.PropertyNames()
		return w.object(names, func(i int) any { p, _ := x.Property(names[i]); return p }, depth, indent)
	}
	if value.IsCollection(v) {
		return w.array(value.Enumerate(v), depth, indent)
	}
	w.str(value.ToString(v))
	return nil
}

// isIntegerKind reports the integer types IsNumber leaves out.
func isIntegerKind(v any) bool {
	switch v.(type) {
	case int8, int16, uint8, uint16, uint32, uint64:
		return true
	}
	return false
}

// isJSONStringType reports the .NET types Newtonsoft writes as strings:
// Guid, Uri and the like (keyhost's are value.Objects by type name).
func isJSONStringType(v any) bool {
	o, ok := v.(value.Object)
	if !ok {
		return false
	}
	names := o.TypeNames()
	if len(names) == 0 {
		return false
	}
	switch names[0] {
	case "System.Guid", "System.Uri", "System.DateTimeOffset":
		return true
	}
	return false
}

// object writes a JSON object of named members.
func (w *jsonWriter) object(names []string, get func(int) any, depth, indent int) error {
	if len(names) == 0 {
		w.b.WriteString("{}")
		return nil
	}
	w.b.WriteByte('{')
	for i, name := range names {
		if i > 0 {
			w.b.WriteByte(',')
		}
		w.newline(indent + 1)
		w.str(name)
		w.b.WriteByte(':')
		if !w.compress {
			w.b.WriteByte(' ')
		}
		if err := w.value(get(i), depth+1, indent+1); err != nil {
			return err
		}
	}
	w.newline(indent)
	w.b.WriteByte('}')
	return nil
}

// array writes a JSON array.
func (w *jsonWriter) array(items []any, depth, indent int) error {
	if len(items) == 0 {
		w.b.WriteString("[]")
		return nil
	}
	w.b.WriteByte('[')
	for i, it := range items {
		if i > 0 {
			w.b.WriteByte(',')
		}
		w.newline(indent + 1)
		if err := w.value(it, depth+1, indent+1); err != nil {
			return err
		}
	}
	w.newline(indent)
	w.b.WriteByte(']')
	return nil
}

// float writes a double as Newtonsoft does: round-trip digits with a
// ".0" when there is no fraction or exponent, and NaN and the infinities
// as strings.
func (w *jsonWriter) float(f float64, text string) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		w.str(text)
		return
	}
	w.b.WriteString(ensureDecimalPlace(text))
}

// roundTrip formats a float as .NET's "R" format does (the shortest text
// that reads back the same value, in exponent form from 1E+15 up and
// below 1E-04), which Newtonsoft writes; PowerShell's own display of
// doubles keeps 15 digits instead.
func roundTrip(f float64, bits int) string {
	if f == 0 || math.IsNaN(f) || math.IsInf(f, 0) {
		return value.FormatDouble(f)
	}
	e := strconv.FormatFloat(f, 'e', -1, bits)
	mant, expText, _ := strings.Cut(e, "e")
	exp, _ := strconv.Atoi(expText)
	if exp >= 15 || exp < -4 {
		sign := "+"
		if exp < 0 {
			sign, exp = "-", -exp
		}
		return fmt.Sprintf("%sE%s%02d", mant, sign, exp)
	}
	return strconv.FormatFloat(f, 'f', -1, bits)
}

// ensureDecimalPlace appends ".0" to a number written without a fraction
// or exponent.
func ensureDecimalPlace(s string) string {
	if strings.ContainsAny(s, ".eE") {
		return s
	}
	return s + ".0"
}

// str writes a quoted JSON string, escaping as Newtonsoft's
// StringEscapeHandling asks: quotes, backslashes and control characters
// (and U+0085, U+2028, U+2029) always; non-ASCII characters with
// EscapeNonAscii; <, >, &, ' and " as \u sequences with EscapeHtml.
func (w *jsonWriter) str(s string) {
	w.b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' && w.escape != "EscapeHtml":
			w.b.WriteString(`\"`)
		case r == '\\':
			w.b.WriteString(`\\`)
		case r == '\n':
			w.b.WriteString(`\n`)
		case r == '\r':
			w.b.WriteString(`\r`)
		case r == '\t':
			w.b.WriteString(`\t`)
		case r == '\b':
			w.b.WriteString(`\b`)
		case r == '\f':
			w.b.WriteString(`\f`)
		case r < 0x20 || r == 0x85 || r == 0x2028 || r == 0x2029:
			fmt.Fprintf(&w.b, `\u%04x`, r)
		case w.escape == "EscapeHtml" && strings.ContainsRune(`<>&'"`, r):
			fmt.Fprintf(&w.b, `\u%04x`, r)
		case w.escape == "EscapeNonAscii" && r > 0x7e:
			writeUTF16Escape(&w.b, r)
		default:
			w.b.WriteRune(r)
		}
	}
	w.b.WriteByte('"')
}

// writeUTF16Escape writes a character as \u escapes of its UTF-16 code
// units (a surrogate pair beyond the BMP).
func writeUTF16Escape(b *strings.Builder, r rune) {
	if r == utf8.RuneError || r < 0x10000 {
		fmt.Fprintf(b, `\u%04x`, r)
		return
	}
	r -= 0x10000
	fmt.Fprintf(b, `\u%04x\u%04x`, 0xD800+(r>>10), 0xDC00+(r&0x3FF))
}

// convertFromJSON is ConvertFrom-Json: JSON text as PSCustomObjects (or
// ordered hashtables with -AsHashtable), arrays enumerated unless
// -NoEnumerate, ISO 8601 date strings read as dates.
func convertFromJSON() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:             "ConvertFrom-Json",
		Module:           utilityModule,
		ImplementingType: "Microsoft.PowerShell.Commands.ConvertFromJsonCommand",
		Synopsis:         "Converts a JSON-formatted string to a custom object or a hash table.",
		Parameters: []*eval.Parameter{
			{Name: "InputObject", Type: eval.StringType, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Mandatory: true, Position: 0, ValueFromPipeline: true}}, AllowEmptyString: true},
			{Name: "AsHashtable", Switch: true},
			{Name: "Depth", Type: eval.Int32Type, Validate: validateRange(1, maxInt32)},
			{Name: "NoEnumerate", Switch: true},
			{Name: "DateKind", Type: enumParamType("Microsoft.PowerShell.Commands.JsonDateKind", "Default", "Local", "Utc", "Offset", "String")},
		},
		New: func() eval.Processor { return &fromJSON{} },
	}
}

type fromJSON struct{ inputs []string }

func (j *fromJSON) Begin(*eval.Call) error { return nil }

func (j *fromJSON) Process(c *eval.Call) error {
	if in, has := c.Input(); has {
		j.inputs = append(j.inputs, value.ToString(in))
	} else if c.Has("InputObject") {
		j.inputs = append(j.inputs, c.String("InputObject"))
	}
	return nil
}

// End converts the input. Several input strings are either one JSON
// document each or, when the first is not a document by itself, the
// lines of one document (pwsh's rule, so Get-Content file.json works).
func (j *fromJSON) End(c *eval.Call) error {
	switch len(j.inputs) {
	case 0:
		return nil
	case 1:
		_, err := j.convert(c, j.inputs[0])
		return err
	}
	if v, err := parseJSON(j.inputs[0], 0, "String", true); err == nil && v != nil {
		for _, in := range j.inputs {
			if _, err := j.convert(c, in); err != nil {
				return err
			}
		}
		return nil
	}
	_, err := j.convert(c, strings.Join(j.inputs, "\n"))
	return err
}

// convert converts and writes one document; ok is false when it was
// empty ($null).
func (j *fromJSON) convert(c *eval.Call, text string) (ok bool, err error) {
	depth := 1024
	if c.Has("Depth") {
		n, _ := value.ToInt32(c.Value("Depth"))
		depth = int(n)
	}
	dates := "Default"
	if c.Has("DateKind") {
		dates = value.ToString(c.Value("DateKind"))
	}
	v, perr := parseJSON(text, depth, dates, c.Switch("AsHashtable"))
	if perr != nil {
		if re, ok := perr.(*recordError); ok {
			return false, c.ThrowTerminatingError(c.NewError(eval.NewException("System.InvalidOperationException", re.msg), re.id, eval.InvalidOperation, nil))
		}
		return false, c.ThrowTerminatingError(c.NewError(eval.NewException("System.ArgumentException", "Conversion from JSON failed with error: "+perr.Error()), "System.ArgumentException", eval.NotSpecified, nil))
	}
	if c.Switch("NoEnumerate") {
		return v != nil, c.WriteObject(v)
	}
	return v != nil, c.WriteObjects(v)
}
