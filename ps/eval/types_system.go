package eval

import (
	"encoding/base64"
	"fmt"
	"path"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/keyhost/keyhost/ps/value"
)

// This file holds the static members of the small System types admin
// scripts call: [string], [Environment], [System.IO.Path], [Convert],
// [System.Text.Encoding] and [BitConverter].

func init() {
	builtinTypes["system.string"].StaticProperty = func(_ *frame, name string) (any, bool) {
		if strings.EqualFold(name, "Empty") {
			return "", true
		}
		return nil, false
	}
	builtinTypes["system.string"].StaticMethod = stringStatic
	builtinTypes["system.string"].New = func(_ *frame, args []any) (any, error) {
		if len(args) == 2 {
			c, err := toChar(args[0])
			if err != nil {
				return nil, err
			}
			n, err := value.ToInt32(args[1])
			if err != nil || n < 0 {
				return nil, fmt.Errorf("Count cannot be less than zero. (Parameter 'count')")
			}
			return strings.Repeat(c.(value.Char).String(), int(n)), nil
		}
		if len(args) == 1 {
			var b strings.Builder
			for _, it := range value.Enumerate(args[0]) {
				b.WriteString(value.ToString(it))
			}
			return b.String(), nil
		}
		return nil, fmt.Errorf("Cannot find an overload for \"new\" and the argument count: \"%d\".", len(args))
	}
	registerType(&psType{Name: "System.Environment", StaticProperty: environmentProperty, StaticMethod: environmentMethod}, "environment")
	registerType(&psType{Name: "System.IO.Path", StaticProperty: func(_ *frame, name string) (any, bool) {
		switch strings.ToLower(name) {
		case "directoryseparatorchar", "altdirectoryseparatorchar":
			return value.Char('/'), true
		case "pathseparator":
			return value.Char(':'), true
		case "volumeseparatorchar":
			return value.Char('/'), true
		}
		return nil, false
	}, StaticMethod: pathMethod})
	registerType(&psType{Name: "System.Convert", StaticMethod: convertMethod}, "convert")
	registerType(&psType{Name: "System.Text.Encoding", StaticProperty: func(_ *frame, name string) (any, bool) {
		switch strings.ToLower(name) {
		case "utf8", "default":
			return &textEncoding{name: "utf-8", display: "Unicode (UTF-8)"}, true
		case "ascii":
			return &textEncoding{name: "us-ascii", display: "US-ASCII"}, true
		case "unicode":
			return &textEncoding{name: "utf-16", display: "Unicode"}, true
		}
		return nil, false
	}})
	registerType(&psType{Name: "System.BitConverter", StaticMethod: func(_ *frame, name string, args []any) (any, bool, error) {
		if strings.EqualFold(name, "ToString") && len(args) == 1 {
			b, err := toBytes(args[0])
			if err != nil {
				return nil, true, err
			}
			parts := make([]string, len(b))
			for i, c := range b {
				parts[i] = fmt.Sprintf("%02X", c)
			}
			return strings.Join(parts, "-"), true, nil
		}
		return nil, false, nil
	}}, "bitconverter")
}

// stringStatic implements [string]::Name(args).
func stringStatic(_ *frame, name string, args []any) (any, bool, error) {
	switch strings.ToLower(name) {
	case "isnullorempty":
		if len(args) == 1 {
			return value.IsNull(args[0]) || value.ToString(args[0]) == "", true, nil
		}
	case "isnullorwhitespace":
		if len(args) == 1 {
			return value.IsNull(args[0]) || strings.TrimSpace(value.ToString(args[0])) == "", true, nil
		}
	case "join":
		if len(args) >= 2 {
			var items []any
			if len(args) == 2 {
				items = value.Enumerate(args[1])
			} else {
				items = args[1:]
			}
			parts := make([]string, len(items))
			for i, it := range items {
				parts[i] = value.ToString(it)
			}
			return strings.Join(parts, value.ToString(args[0])), true, nil
		}
	case "concat":
		var b strings.Builder
		items := args
		if len(args) == 1 {
			items = value.Enumerate(args[0])
		}
		for _, a := range items {
			b.WriteString(value.ToString(a))
		}
		return b.String(), true, nil
	case "format":
		if len(args) >= 1 {
			rest := args[1:]
			if len(rest) == 1 {
				if arr, ok := rest[0].([]any); ok {
					rest = arr
				}
			}
			s, err := formatOperator(value.ToString(args[0]), rest)
			return s, true, err
		}
	case "compare", "compareordinal":
		if len(args) >= 2 {
			a, b := value.ToString(args[0]), value.ToString(args[1])
			ignore := false
			if len(args) > 2 {
				ignore = ignoreCaseArg(args[2])
			}
			if strings.EqualFold(name, "CompareOrdinal") {
				return int32(strings.Compare(a, b)), true, nil
			}
			return int32(compareCulture(a, b, ignore)), true, nil
		}
	case "equals":
		if len(args) >= 2 {
			a, b := value.ToString(args[0]), value.ToString(args[1])
			if len(args) > 2 && ignoreCaseArg(args[2]) {
				return strings.EqualFold(a, b), true, nil
			}
			return a == b, true, nil
		}
	case "copy":
		if len(args) == 1 {
			return value.ToString(args[0]), true, nil
		}
	}
	return nil, false, nil
}

// ignoreCaseArg reads an ignoreCase bool or a StringComparison argument.
func ignoreCaseArg(v any) bool {
	if b, ok := v.(bool); ok {
		return b
	}
	return strings.HasSuffix(strings.ToLower(value.ToString(v)), "ignorecase")
}

// compareCulture orders strings roughly as .NET's invariant culture does:
// case-insensitively first, lower case before upper case on ties.
func compareCulture(a, b string, ignoreCase bool) int {
	if c := strings.Compare(strings.ToLower(a), strings.ToLower(b)); c != 0 || ignoreCase {
		return c
	}
	// Same letters: lower case sorts first in culture-aware comparison.
	return -strings.Compare(a, b)
}

// environmentProperty implements [Environment]::Name.
func environmentProperty(f *frame, name string) (any, bool) {
	h := f.r.host
	env := f.r.env
	switch strings.ToLower(name) {
	case "newline":
		return "\n", true
	case "machinename":
		if n, ok := env.get("HOSTNAME"); ok && n != "" {
			return n, true
		}
		return "localhost", true
	case "username":
		if n, ok := env.get("USER"); ok {
			return n, true
		}
		return "", true
	case "currentdirectory":
		return f.r.location, true
	case "is64bitoperatingsystem", "is64bitprocess":
		return true, true
	case "processorcount":
		return int32(4), true
	case "osversion":
		return value.NewPSObject("System.OperatingSystem").Add("Platform", "Unix").Add("VersionString", "Unix"), true
	case "tickcount", "tickcount64":
		return int32(h.Now().UnixMilli() & 0x7fffffff), true
	case "commandline":
		return "pwsh", true
	case "userinteractive":
		return false, true
	case "stacktrace":
		return "", true
	}
	return nil, false
}

// environmentMethod implements [Environment]::Name(args).
func environmentMethod(f *frame, name string, args []any) (any, bool, error) {
	switch strings.ToLower(name) {
	case "getenvironmentvariable":
		if len(args) >= 1 {
			v, ok := f.r.env.get(value.ToString(args[0]))
			if !ok {
				return nil, true, nil
			}
			return v, true, nil
		}
	case "getenvironmentvariables":
		return f.r.env.table(), true, nil
	case "setenvironmentvariable":
		// Every target (Process, User, Machine) changes the run's
		// environment only: keyhost has no registry or profile to write.
		if len(args) >= 2 {
			f.r.env.set(value.ToString(args[0]), value.ToString(args[1]))
			return nil, true, nil
		}
	case "getfolderpath":
		home, _ := f.r.env.get("HOME")
		return home, true, nil
	}
	return nil, false, nil
}

// pathMethod implements [System.IO.Path]::Name(args) with Unix paths.
func pathMethod(f *frame, name string, args []any) (any, bool, error) {
	str := func(i int) string { return value.ToString(args[i]) }
	lower := strings.ToLower(name)
	if lower != "combine" && lower != "join" && lower != "gettemppath" && lower != "getrandomfilename" && len(args) != 1 && !(lower == "changeextension" && len(args) == 2) {
		return nil, false, nil
	}
	switch lower {
	case "combine", "join":
		items := args
		if len(args) == 1 {
			items = value.Enumerate(args[0])
		}
		out := ""
		for _, it := range items {
			if value.IsNull(it) {
				return nil, true, fmt.Errorf("Value cannot be null. (Parameter 'paths')")
			}
			p := value.ToString(it)
			switch {
			case p == "":
			case lower == "combine" && strings.HasPrefix(p, "/"):
				out = p
			case out == "" || strings.HasSuffix(out, "/"):
				out += p
			default:
				out += "/" + p
			}
		}
		return out, true, nil
	case "getfilename":
		p := str(0)
		return p[strings.LastIndexByte(p, '/')+1:], true, nil
	case "getfilenamewithoutextension":
		p := str(0)
		p = p[strings.LastIndexByte(p, '/')+1:]
		if i := strings.LastIndexByte(p, '.'); i >= 0 {
			p = p[:i]
		}
		return p, true, nil
	case "getextension":
		p := str(0)
		p = p[strings.LastIndexByte(p, '/')+1:]
		if i := strings.LastIndexByte(p, '.'); i >= 0 && i < len(p)-1 {
			return p[i:], true, nil
		}
		return "", true, nil
	case "getdirectoryname":
		if value.IsNull(args[0]) {
			return nil, true, nil
		}
		p := str(0)
		i := strings.LastIndexByte(p, '/')
		switch {
		case p == "/" || p == "":
			return nil, true, nil
		case i < 0:
			return "", true, nil
		case i == 0:
			return "/", true, nil
		}
		return strings.TrimRight(p[:i], "/"), true, nil
	case "ispathrooted", "ispathfullyqualified":
		return strings.HasPrefix(str(0), "/"), true, nil
	case "hasextension":
		ext, _, _ := pathMethod(f, "GetExtension", args)
		return ext != "", true, nil
	case "getfullpath":
		return f.r.absPath(str(0)), true, nil
	case "gettemppath":
		if t, ok := f.r.env.get("TMPDIR"); ok && t != "" {
			return strings.TrimRight(t, "/") + "/", true, nil
		}
		return "/tmp/", true, nil
	case "getrandomfilename":
		return "keyhost.tmp", true, nil
	case "changeextension":
		p := str(0)
		dir, file := path.Split(p)
		if i := strings.LastIndexByte(file, '.'); i >= 0 {
			file = file[:i]
		}
		if len(args) > 1 && !value.IsNull(args[1]) {
			ext := str(1)
			if ext != "" && !strings.HasPrefix(ext, ".") {
				ext = "." + ext
			}
			file += ext
		}
		return dir + file, true, nil
	case "getpathroot":
		if strings.HasPrefix(str(0), "/") {
			return "/", true, nil
		}
		return "", true, nil
	}
	return nil, false, nil
}

// convertMethod implements [Convert]::Name(args).
func convertMethod(_ *frame, name string, args []any) (any, bool, error) {
	lower := strings.ToLower(name)
	if len(args) == 0 {
		return nil, false, nil
	}
	withBase := func(bits int) (any, error) {
		s := strings.TrimSpace(value.ToString(args[0]))
		b, err := value.ToInt32(args[1])
		if err != nil {
			return nil, err
		}
		if b != 2 && b != 8 && b != 10 && b != 16 {
			return nil, fmt.Errorf("Invalid Base. (Parameter 'fromBase')")
		}
		if b == 16 {
			s = strings.TrimPrefix(strings.TrimPrefix(s, "0x"), "0X")
		}
		u, err := strconv.ParseUint(s, int(b), bits)
		if err != nil {
			return nil, fmt.Errorf("Could not find any recognizable digits.")
		}
		return u, nil
	}
	switch lower {
	case "toint32", "toint64", "toint16", "tobyte", "touint32", "touint64", "toint":
		if len(args) == 2 {
			bits := map[string]int{"toint32": 32, "toint64": 64, "toint16": 16, "tobyte": 8, "touint32": 32, "touint64": 64}[lower]
			u, err := withBase(bits)
			if err != nil {
				return nil, true, err
			}
			n := u.(uint64)
			switch lower {
			case "toint32":
				return int32(uint32(n)), true, nil
			case "toint16":
				return int16(uint16(n)), true, nil
			case "tobyte":
				return uint8(n), true, nil
			case "touint32":
				return uint32(n), true, nil
			case "touint64":
				return n, true, nil
			}
			return int64(n), true, nil
		}
		target := map[string]string{"toint32": "int", "toint64": "long", "toint16": "short", "tobyte": "byte", "touint32": "uint32", "touint64": "uint64"}[lower]
		t, _ := lookupType(target)
		v := args[0]
		if s, ok := v.(string); ok {
			if _, err := strconv.ParseFloat(strings.TrimSpace(s), 64); err != nil {
				if _, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64); err != nil {
					return nil, true, fmt.Errorf("The input string '%s' was not in a correct format.", s)
				}
			}
		}
		out, err := t.Convert(v)
		if err != nil {
			var ce *value.ConversionError
			if asConv(err, &ce) && ce.Reason != "" {
				return nil, true, fmt.Errorf("%s", ce.Reason)
			}
			return nil, true, err
		}
		return out, true, nil
	case "todouble", "tosingle", "todecimal", "toboolean", "tochar":
		target := map[string]string{"todouble": "double", "tosingle": "single", "todecimal": "decimal", "toboolean": "bool", "tochar": "char"}[lower]
		if lower == "toboolean" {
			if s, ok := args[0].(string); ok {
				switch strings.ToLower(strings.TrimSpace(s)) {
				case "true":
					return true, true, nil
				case "false":
					return false, true, nil
				}
				return nil, true, fmt.Errorf("String '%s' was not recognized as a valid Boolean.", s)
			}
		}
		t, _ := lookupType(target)
		out, err := t.Convert(args[0])
		if err != nil {
			return nil, true, err
		}
		return out, true, nil
	case "tostring":
		if len(args) == 2 && value.IsNumber(args[0]) {
			n, err := value.ToInt64(args[0])
			if err != nil {
				return nil, true, err
			}
			b, err := value.ToInt32(args[1])
			if err != nil {
				return nil, true, err
			}
			if _, is32 := args[0].(int32); is32 && n < 0 {
				n = int64(uint32(n))
			}
			return strconv.FormatUint(uint64(n), int(b)), true, nil
		}
		return value.ToString(args[0]), true, nil
	case "tobase64string":
		b, err := toBytes(args[0])
		if err != nil {
			return nil, true, err
		}
		return base64.StdEncoding.EncodeToString(b), true, nil
	case "frombase64string":
		b, err := base64.StdEncoding.DecodeString(value.ToString(args[0]))
		if err != nil {
			return nil, true, fmt.Errorf("The input is not a valid Base-64 string as it contains a non-base 64 character, more than two padding characters, or an illegal character among the padding characters.")
		}
		return bytesValue(b), true, nil
	case "tohexstring":
		b, err := toBytes(args[0])
		if err != nil {
			return nil, true, err
		}
		return strings.ToUpper(fmt.Sprintf("%x", b)), true, nil
	}
	return nil, false, nil
}

// toBytes reads a byte[] argument.
func toBytes(v any) ([]byte, error) {
	items := value.Enumerate(v)
	out := make([]byte, len(items))
	for i, it := range items {
		n, err := value.ToInt64(it)
		if err != nil || n < 0 || n > 255 {
			return nil, fmt.Errorf("Cannot convert argument \"inArray\", with value: \"%s\", to type \"System.Byte[]\".", value.ToString(v))
		}
		out[i] = byte(n)
	}
	return out, nil
}

// bytesValue is a Go byte slice as a PowerShell byte[].
func bytesValue(b []byte) []any {
	out := make([]any, len(b))
	for i, c := range b {
		out[i] = c
	}
	return out
}

// textEncoding is a System.Text.Encoding instance.
type textEncoding struct{ name, display string }

// TypeNames implements value.Object.
func (e *textEncoding) TypeNames() []string {
	return []string{"System.Text.Encoding", "System.Object"}
}

// Property implements value.Object.
func (e *textEncoding) Property(name string) (any, bool) {
	switch strings.ToLower(name) {
	case "webname", "bodyname", "headername":
		return e.name, true
	case "encodingname":
		return e.display, true
	}
	return nil, false
}

// PropertyNames implements value.Object.
func (e *textEncoding) PropertyNames() []string { return []string{"EncodingName", "WebName"} }

// String renders the .NET type name.
func (e *textEncoding) String() string { return "System.Text.UTF8Encoding" }

// CallMethod implements value.MethodCaller: GetBytes and GetString.
func (e *textEncoding) CallMethod(name string, args []any) (any, bool, error) {
	switch strings.ToLower(name) {
	case "getbytes":
		if len(args) != 1 {
			return nil, false, nil
		}
		s := value.ToString(args[0])
		switch e.name {
		case "utf-16":
			u := utf16.Encode([]rune(s))
			b := make([]byte, 0, 2*len(u))
			for _, c := range u {
				b = append(b, byte(c), byte(c>>8))
			}
			return bytesValue(b), true, nil
		case "us-ascii":
			b := make([]byte, 0, len(s))
			for _, r := range s {
				if r > 127 {
					r = '?'
				}
				b = append(b, byte(r))
			}
			return bytesValue(b), true, nil
		}
		return bytesValue([]byte(s)), true, nil
	case "getstring":
		if len(args) != 1 {
			return nil, false, nil
		}
		b, err := toBytes(args[0])
		if err != nil {
			return nil, true, err
		}
		if e.name == "utf-16" {
			u := make([]uint16, len(b)/2)
			for i := range u {
				u[i] = uint16(b[2*i]) | uint16(b[2*i+1])<<8
			}
			return string(utf16.Decode(u)), true, nil
		}
		return string(b), true, nil
	case "getbytecount":
		if len(args) == 1 {
			return int32(len(value.ToString(args[0]))), true, nil
		}
	}
	return nil, false, nil
}
