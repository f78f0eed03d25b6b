package eval

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/keyhost/keyhost/ps/value"
)

// This file holds the instance methods of System.String and Hashtable as
// PowerShell 7 resolves them on .NET: String.Split with a string argument
// splits on the whole string, comparisons take a StringComparison, index
// errors carry .NET's texts.

// argException returns a .NET exception of the given type as a Go error;
// methodFailed wraps it in MethodInvocationException with the type's
// name as the error id.
func argException(typeName, format string, args ...any) error {
	return newExceptionOf(typeName, fmt.Sprintf(format, args...))
}

// comparisonIgnoresCase reads a StringComparison argument.
func comparisonIgnoresCase(v any) bool {
	return strings.HasSuffix(strings.ToLower(value.ToString(v)), "ignorecase")
}

// runeIndex converts a byte offset in s to a character index.
func runeIndex(s string, byteIdx int) int {
	if byteIdx < 0 {
		return byteIdx
	}
	return len([]rune(s[:byteIdx]))
}

// charsArg reads a char[] argument: Chars, one-character strings and
// strings (which .NET would reject, but a [char[]] cast of a string gives
// its characters).
func charsArg(args []any) []rune {
	var out []rune
	for _, a := range args {
		for _, it := range value.Enumerate(a) {
			switch c := it.(type) {
			case value.Char:
				out = append(out, rune(c))
			default:
				out = append(out, []rune(value.ToString(c))...)
			}
		}
	}
	return out
}

// stringMethod implements System.String's instance methods.
func stringMethod(s, name string, args []any) (any, bool, error) {
	n := len(args)
	str := func(i int) string {
		if i < n {
			return value.ToString(args[i])
		}
		return ""
	}
	integer := func(i int) (int, error) {
		v, err := value.ToInt32(args[i])
		return int(v), err
	}
	rs := []rune(s)
	switch name {
	case "toupper", "toupperinvariant":
		return strings.ToUpper(s), true, nil
	case "tolower", "tolowerinvariant":
		return strings.ToLower(s), true, nil
	case "tostring":
		return s, true, nil
	case "trim", "trimstart", "trimend":
		var cut func(rune) bool
		if n > 0 {
			set := charsArg(args)
			cut = func(r rune) bool {
				for _, c := range set {
					if c == r {
						return true
					}
				}
				return false
			}
		} else {
			cut = unicode.IsSpace
		}
		switch name {
		case "trim":
			return strings.TrimFunc(s, cut), true, nil
		case "trimstart":
			return strings.TrimLeftFunc(s, cut), true, nil
		}
		return strings.TrimRightFunc(s, cut), true, nil
	case "contains":
		if n == 1 || n == 2 {
			if n == 2 && comparisonIgnoresCase(args[1]) {
				return strings.Contains(strings.ToLower(s), strings.ToLower(str(0))), true, nil
			}
			return strings.Contains(s, str(0)), true, nil
		}
	case "startswith", "endswith":
		if n >= 1 && n <= 3 {
			a, b := s, str(0)
			if n >= 2 && (ignoreCaseArg(args[1]) || comparisonIgnoresCase(args[1])) {
				a, b = strings.ToLower(a), strings.ToLower(b)
			}
			if name == "startswith" {
				return strings.HasPrefix(a, b), true, nil
			}
			return strings.HasSuffix(a, b), true, nil
		}
	case "equals":
		if n == 1 || n == 2 {
			if n == 2 && comparisonIgnoresCase(args[1]) {
				return strings.EqualFold(s, str(0)), true, nil
			}
			return value.IsNull(args[0]) == false && s == str(0), true, nil
		}
	case "compareto":
		if n == 1 {
			if value.IsNull(args[0]) {
				return int32(1), true, nil
			}
			return int32(compareCulture(s, str(0), false)), true, nil
		}
	case "replace":
		if n >= 2 {
			old := str(0)
			if old == "" {
				return nil, true, argException("System.ArgumentException", "The value cannot be an empty string. (Parameter 'oldValue')")
			}
			if n >= 3 && (ignoreCaseArg(args[2]) || comparisonIgnoresCase(args[2])) {
				return replaceFold(s, old, str(1)), true, nil
			}
			return strings.ReplaceAll(s, old, str(1)), true, nil
		}
	case "split":
		return splitMethod(s, args)
	case "substring":
		if n == 1 || n == 2 {
			start, err := integer(0)
			if err != nil {
				return nil, true, err
			}
			if start < 0 || start > len(rs) {
				return nil, true, argException("System.ArgumentOutOfRangeException", "startIndex cannot be larger than length of string. (Parameter 'startIndex')")
			}
			if n == 1 {
				return string(rs[start:]), true, nil
			}
			length, err := integer(1)
			if err != nil {
				return nil, true, err
			}
			if length < 0 {
				return nil, true, argException("System.ArgumentOutOfRangeException", "Length cannot be less than zero. (Parameter 'length')")
			}
			if start+length > len(rs) {
				return nil, true, argException("System.ArgumentOutOfRangeException", "Index and length must refer to a location within the string. (Parameter 'length')")
			}
			return string(rs[start : start+length]), true, nil
		}
	case "indexof", "lastindexof":
		return indexOfMethod(s, name == "lastindexof", args)
	case "indexofany", "lastindexofany":
		if n >= 1 {
			set := charsArg(args[:1])
			idx := -1
			for i, r := range rs {
				for _, c := range set {
					if r == c {
						if name == "indexofany" {
							return int32(i), true, nil
						}
						idx = i
					}
				}
			}
			return int32(idx), true, nil
		}
	case "padleft", "padright":
		if n == 1 || n == 2 {
			width, err := integer(0)
			if err != nil {
				return nil, true, err
			}
			if width < 0 {
				return nil, true, argException("System.ArgumentOutOfRangeException", "Non-negative number required. (Parameter 'totalWidth')")
			}
			pad := " "
			if n > 1 {
				c, err := toChar(args[1])
				if err != nil {
					return nil, true, err
				}
				pad = c.(value.Char).String()
			}
			if len(rs) >= width {
				return s, true, nil
			}
			fill := strings.Repeat(pad, width-len(rs))
			if name == "padleft" {
				return fill + s, true, nil
			}
			return s + fill, true, nil
		}
	case "insert":
		if n == 2 {
			i, err := integer(0)
			if err != nil {
				return nil, true, err
			}
			if i < 0 || i > len(rs) {
				return nil, true, argException("System.ArgumentOutOfRangeException", "Specified argument was out of the range of valid values. (Parameter 'startIndex')")
			}
			return string(rs[:i]) + str(1) + string(rs[i:]), true, nil
		}
	case "remove":
		if n == 1 || n == 2 {
			i, err := integer(0)
			if err != nil {
				return nil, true, err
			}
			if i < 0 || i > len(rs) || (n == 1 && i == len(rs) && i > 0 && false) {
				return nil, true, argException("System.ArgumentOutOfRangeException", "startIndex must be less than length of string. (Parameter 'startIndex')")
			}
			if n == 1 {
				return string(rs[:i]), true, nil
			}
			c, err := integer(1)
			if err != nil {
				return nil, true, err
			}
			if c < 0 || i+c > len(rs) {
				return nil, true, argException("System.ArgumentOutOfRangeException", "Index and count must refer to a location within the string. (Parameter 'count')")
			}
			return string(rs[:i]) + string(rs[i+c:]), true, nil
		}
	case "tochararray":
		out := make([]any, len(rs))
		for i, r := range rs {
			out[i] = value.Char(r)
		}
		return out, true, nil
	case "normalize", "clone", "trimnull":
		return s, true, nil
	case "isnormalized":
		return true, true, nil
	case "format":
		if n >= 1 {
			out, err := formatOperator(s, args)
			return out, true, err
		}
	case "getenumerator":
		out := make([]any, len(rs))
		for i, r := range rs {
			out[i] = value.Char(r)
		}
		return out, true, nil
	case "chars":
		if n == 1 {
			i, err := integer(0)
			if err != nil {
				return nil, true, err
			}
			if i < 0 || i >= len(rs) {
				return nil, true, argException("System.IndexOutOfRangeException", "Index was outside the bounds of the array.")
			}
			return value.Char(rs[i]), true, nil
		}
	}
	return nil, false, nil
}

// replaceFold replaces old in s ignoring case.
func replaceFold(s, old, repl string) string {
	lowerS, lowerOld := strings.ToLower(s), strings.ToLower(old)
	if len(lowerS) != len(s) || len(lowerOld) != len(old) {
		return strings.ReplaceAll(s, old, repl)
	}
	var b strings.Builder
	for {
		i := strings.Index(lowerS, lowerOld)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		b.WriteString(repl)
		s, lowerS = s[i+len(old):], lowerS[i+len(old):]
	}
}

// indexOfMethod implements IndexOf / LastIndexOf(value[, start[, count]][, comparison]).
func indexOfMethod(s string, last bool, args []any) (any, bool, error) {
	if len(args) == 0 || len(args) > 4 {
		return nil, false, nil
	}
	needle := value.ToString(args[0])
	ignore := false
	nums := []int{}
	for _, a := range args[1:] {
		if e, ok := a.(value.Enum); ok && e.Type == stringComparisonType {
			ignore = comparisonIgnoresCase(e)
			continue
		}
		if str, ok := a.(string); ok && !value.IsNumber(a) {
			if _, err := stringComparisonType.Parse(str); err == nil {
				ignore = comparisonIgnoresCase(str)
				continue
			}
		}
		v, err := value.ToInt32(a)
		if err != nil {
			return nil, true, err
		}
		nums = append(nums, int(v))
	}
	rs := []rune(s)
	hay := rs
	offset := 0
	if len(nums) > 0 {
		start := nums[0]
		if start < 0 || start > len(rs) {
			return nil, true, argException("System.ArgumentOutOfRangeException", "Index was out of range. Must be non-negative and less than or equal to the size of the collection. (Parameter 'startIndex')")
		}
		if last {
			end := start + 1
			if end > len(rs) {
				end = len(rs)
			}
			hay = rs[:end]
		} else {
			hay = rs[start:]
			offset = start
			if len(nums) > 1 {
				if nums[1] < 0 || start+nums[1] > len(rs) {
					return nil, true, argException("System.ArgumentOutOfRangeException", "Count must be positive and count must refer to a location within the string/array/collection. (Parameter 'count')")
				}
				hay = rs[start : start+nums[1]]
			}
		}
	}
	h, nd := string(hay), needle
	if ignore {
		h, nd = strings.ToLower(h), strings.ToLower(nd)
	}
	var i int
	if last {
		i = strings.LastIndex(h, nd)
	} else {
		i = strings.Index(h, nd)
	}
	if i < 0 {
		return int32(-1), true, nil
	}
	return int32(runeIndex(h, i) + offset), true, nil
}

// splitMethod implements String.Split as PowerShell 7 resolves it on
// .NET: a string separator is one whole separator (Split(string)); chars
// ([char]',' or 'ab'.ToCharArray()) split on each; a count limits the
// parts; StringSplitOptions removes empty entries or trims them.
func splitMethod(s string, args []any) (any, bool, error) {
	var seps []string
	count := -1
	var opts int64
	if len(args) == 0 {
		// Split() splits on white space.
		f := strings.FieldsFunc(s, unicode.IsSpace)
		_ = f
		parts := splitFunc(s, unicode.IsSpace)
		return stringsValue(parts), true, nil
	}
	first := args[0]
	switch x := first.(type) {
	case value.Char:
		seps = []string{x.String()}
	case []any:
		allChars := len(x) > 0
		for _, it := range x {
			if _, ok := it.(value.Char); !ok {
				allChars = false
			}
		}
		switch {
		case allChars:
			for _, it := range x {
				seps = append(seps, it.(value.Char).String())
			}
		case len(args) > 1 && isSplitOptions(args[len(args)-1]):
			// Split(string[], [count,] options)
			for _, it := range x {
				seps = append(seps, value.ToString(it))
			}
		default:
			seps = []string{value.ToString(x)}
		}
	default:
		if value.IsNull(first) {
			seps = nil
		} else {
			seps = []string{value.ToString(first)}
		}
	}
	for _, a := range args[1:] {
		if isSplitOptions(a) {
			o, err := enumFlags(stringSplitOptionsType, a)
			if err != nil {
				return nil, true, err
			}
			opts = o
			continue
		}
		c, err := value.ToInt32(a)
		if err != nil {
			return nil, true, err
		}
		if c < 0 {
			return nil, true, argException("System.ArgumentOutOfRangeException", "Count cannot be less than zero. (Parameter 'count')")
		}
		count = int(c)
	}
	var parts []string
	if len(seps) == 0 || (len(seps) == 1 && seps[0] == "") {
		if len(seps) == 1 {
			parts = []string{s}
		} else {
			parts = splitFunc(s, unicode.IsSpace)
		}
	} else {
		parts = splitMulti(s, seps)
	}
	if opts&2 != 0 {
		for i := range parts {
			parts[i] = strings.TrimSpace(parts[i])
		}
	}
	if opts&1 != 0 {
		kept := parts[:0]
		for _, p := range parts {
			if p != "" {
				kept = append(kept, p)
			}
		}
		parts = kept
	}
	if count == 0 {
		return []any{}, true, nil
	}
	if count > 0 && len(parts) > count {
		// The last part keeps the rest of the string, separators included.
		head := parts[:count-1]
		rest := s
		for _, p := range head {
			i := strings.Index(rest, p)
			rest = rest[i+len(p):]
			for _, sep := range seps {
				if strings.HasPrefix(rest, sep) && sep != "" {
					rest = rest[len(sep):]
					break
				}
			}
		}
		parts = append(append([]string{}, head...), rest)
	}
	return stringsValue(parts), true, nil
}

func isSplitOptions(v any) bool {
	if e, ok := v.(value.Enum); ok {
		return e.Type == stringSplitOptionsType
	}
	if s, ok := v.(string); ok {
		_, err := convertFlags(stringSplitOptionsType, s)
		return err == nil
	}
	return false
}

// splitMulti splits s at every occurrence of any separator, earliest and
// then longest first.
func splitMulti(s string, seps []string) []string {
	var parts []string
	start := 0
	for i := 0; i <= len(s); {
		matched := ""
		for _, sep := range seps {
			if sep != "" && strings.HasPrefix(s[i:], sep) && len(sep) > len(matched) {
				matched = sep
			}
		}
		if matched != "" {
			parts = append(parts, s[start:i])
			i += len(matched)
			start = i
			continue
		}
		if i == len(s) {
			break
		}
		i++
	}
	return append(parts, s[start:])
}

// splitFunc splits at every rune for which sep is true, keeping empties.
func splitFunc(s string, sep func(rune) bool) []string {
	var parts []string
	start := 0
	for i, r := range s {
		if sep(r) {
			parts = append(parts, s[start:i])
			start = i + len(string(r))
		}
	}
	return append(parts, s[start:])
}

func stringsValue(parts []string) []any {
	out := make([]any, len(parts))
	for i, p := range parts {
		out[i] = p
	}
	return out
}

// dictionaryEntry is what GetEnumerator() yields for a hashtable.
func dictionaryEntry(k, v any) *value.PSObject {
	o := value.NewPSObject("System.Collections.DictionaryEntry")
	o.Add("Name", k).Add("Key", k).Add("Value", v)
	return o
}

// keyValuePair is what a generic dictionary yields.
func keyValuePair(d *value.DictionaryType, k, v any) *value.PSObject {
	o := value.NewPSObject("System.Collections.Generic.KeyValuePair`2[" + d.KeyType + "," + d.ValueType + "]")
	o.Add("Key", k).Add("Value", v)
	return o
}

// hashtableMethod implements Hashtable's (and Dictionary's) methods.
func hashtableMethod(h *value.Hashtable, name string, args []any) (any, bool, error) {
	switch name {
	case "containskey", "contains":
		if len(args) == 1 {
			if value.IsNull(args[0]) {
				return nil, true, argException("System.ArgumentNullException", "Key cannot be null. (Parameter 'key')")
			}
			_, ok := h.Get(args[0])
			return ok, true, nil
		}
	case "containsvalue":
		if len(args) == 1 {
			for _, v := range h.Values() {
				if value.Equals(v, args[0], false) {
					return true, true, nil
				}
			}
			return false, true, nil
		}
	case "add":
		if len(args) == 2 {
			if value.IsNull(args[0]) {
				return nil, true, argException("System.ArgumentNullException", "Key cannot be null. (Parameter 'key')")
			}
			if h.Generic != nil {
				return value.AutomationNull, true, dictionarySet(h, args[0], args[1], "Add")
			}
			if err := h.Add(args[0], args[1]); err != nil {
				return nil, true, argException("System.ArgumentException", "%s", err.Error())
			}
			return value.AutomationNull, true, nil
		}
	case "remove":
		if len(args) == 1 {
			removed := h.Remove(args[0])
			if h.Generic != nil {
				return removed, true, nil
			}
			return value.AutomationNull, true, nil
		}
	case "clear":
		for _, k := range h.Keys() {
			h.Remove(k)
		}
		return value.AutomationNull, true, nil
	case "clone":
		return h.Clone(), true, nil
	case "insert":
		if h.Ordered && len(args) == 3 {
			i, err := value.ToInt32(args[0])
			if err != nil {
				return nil, true, err
			}
			return value.AutomationNull, true, h.Insert(int(i), args[1], args[2])
		}
	case "removeat":
		if h.Ordered && len(args) == 1 {
			n, err := value.ToInt32(args[0])
			if err != nil {
				return nil, true, err
			}
			i, keys := int(n), h.Keys()
			if i < 0 || i >= len(keys) {
				return nil, true, fmt.Errorf("Index was out of range. Must be non-negative and less than the size of the collection. (Parameter 'index')")
			}
			h.Remove(keys[i])
			return value.AutomationNull, true, nil
		}
	case "getenumerator":
		keys, vals := h.Keys(), h.Values()
		out := make([]any, len(keys))
		for i := range keys {
			if h.Generic != nil {
				out[i] = keyValuePair(h.Generic, keys[i], vals[i])
			} else {
				out[i] = dictionaryEntry(keys[i], vals[i])
			}
		}
		return &enumerator{items: out}, true, nil
	case "trygetvalue":
		if len(args) == 2 {
			ref, ok := args[1].(*Ref)
			if !ok {
				return nil, true, fmt.Errorf("Argument: '2' should be a System.Management.Automation.PSReference. Use [ref].")
			}
			v, found := h.Get(args[0])
			return found, true, ref.Set(v)
		}
	case "tostring":
		return h.String(), true, nil
	}
	return nil, false, nil
}

// enumerator is what GetEnumerator() returns: it enumerates in foreach and
// pipelines, and has MoveNext/Current/Reset for scripts that drive it.
type enumerator struct {
	items []any
	pos   int
}

// Items implements value.Enumerable.
func (e *enumerator) Items() []any { return e.items[e.pos:] }

// TypeNames implements value.Object.
func (e *enumerator) TypeNames() []string {
	return []string{"System.Collections.IEnumerator", "System.Object"}
}

// Property implements value.Object.
func (e *enumerator) Property(name string) (any, bool) {
	if strings.EqualFold(name, "Current") {
		if e.pos >= 1 && e.pos <= len(e.items) {
			return e.items[e.pos-1], true
		}
		return nil, true
	}
	return nil, false
}

// PropertyNames implements value.Object.
func (e *enumerator) PropertyNames() []string { return []string{"Current"} }

// CallMethod implements value.MethodCaller.
func (e *enumerator) CallMethod(name string, args []any) (any, bool, error) {
	switch strings.ToLower(name) {
	case "movenext":
		if e.pos < len(e.items) {
			e.pos++
			return true, true, nil
		}
		e.pos = len(e.items) + 1
		return false, true, nil
	case "reset":
		e.pos = 0
		return value.AutomationNull, true, nil
	}
	return nil, false, nil
}

// charMethod implements System.Char's instance methods.
func charMethod(c value.Char, name string, args []any) (any, bool, error) {
	switch name {
	case "tostring":
		return c.String(), true, nil
	case "equals":
		if len(args) == 1 {
			o, ok := args[0].(value.Char)
			return ok && o == c, true, nil
		}
	case "compareto":
		if len(args) == 1 {
			o, err := toChar(args[0])
			if err != nil {
				return nil, true, err
			}
			return int32(c) - int32(o.(value.Char)), true, nil
		}
	case "gethashcode":
		return int32(c) | int32(c)<<16, true, nil
	}
	return nil, false, nil
}

// numberMethod implements the numeric types' instance methods:
// ToString(format), CompareTo, Equals.
func numberMethod(v any, name string, args []any) (any, bool, error) {
	switch name {
	case "tostring":
		if len(args) == 0 {
			// A direct ToString() call is .NET's, not PowerShell's
			// conversion: doubles give their shortest round-trip form.
			if f, ok := v.(float64); ok {
				return value.FormatDoubleRoundTrip(f), true, nil
			}
			return value.ToString(v), true, nil
		}
		if len(args) <= 2 {
			spec := value.ToString(args[0])
			if spec == "" {
				return value.ToString(v), true, nil
			}
			return FormatNumber(v, spec), true, nil
		}
	case "compareto":
		if len(args) == 1 {
			if value.IsNull(args[0]) {
				return int32(1), true, nil
			}
			if !value.IsNumber(args[0]) {
				return nil, true, argException("System.ArgumentException", "Object must be of type %s.", shortTypeName(value.TypeName(v)))
			}
			c, err := value.Compare(v, args[0], false)
			return int32(c), true, err
		}
	case "equals":
		if len(args) == 1 {
			return value.TypeName(v) == value.TypeName(args[0]) && value.Equals(v, args[0], true), true, nil
		}
	case "gettypecode":
		return shortTypeName(value.TypeName(v)), true, nil
	}
	return nil, false, nil
}
