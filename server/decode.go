package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/keyhost/keyhost/ps/value"
)

// How JSON from a client becomes interpreter values (parameters, pipeline
// input, script variables); see PROTOCOL.md, "Values":
//
//	null, true/false, strings   $null, [bool], [string]
//	integers                    [int] when they fit, else [long]; other numbers [double]
//	arrays                      object[]
//	{"$ref": "..."}             the object the reference names, fresh from the world (other members are ignored,
//	                            so an object received from the server can be sent back as it is)
//	{"$type": "System.Security.SecureString", "$plain": "..."}   a SecureString
//	{"$type": "System.Collections.Hashtable", ...}              a hashtable of the other members
//	other objects               a PSCustomObject (with "$types" or "$type" as its type names when given)
//
// Members whose names start with "$" are reserved for these markers and
// are not properties.

// maxDecodeDepth bounds the nesting of decoded values.
const maxDecodeDepth = 64

// Type names the decoder gives meaning to.
const (
	secureStringType = "System.Security.SecureString"
	hashtableType    = "System.Collections.Hashtable"
)

// errDecode marks errors in a client's values (as opposed to references
// that do not resolve).
var errDecode = errors.New("bad value")

// decoder turns JSON from a client into interpreter values.
type decoder struct {
	// resolve returns a fresh object for a reference; nil refuses
	// references.
	resolve func(ref string) (any, error)
}

// decode converts one JSON value.
func (d *decoder) decode(raw json.RawMessage) (any, error) {
	return d.value(raw, 0)
}

func (d *decoder) value(raw json.RawMessage, depth int) (any, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return nil, fmt.Errorf("%w: empty value", errDecode)
	}
	if depth > maxDecodeDepth {
		return nil, fmt.Errorf("%w: nested more than %d levels deep", errDecode, maxDecodeDepth)
	}
	switch raw[0] {
	case '{':
		return d.object(raw, depth)
	case '[':
		var items []json.RawMessage
		if err := json.Unmarshal(raw, &items); err != nil {
			return nil, fmt.Errorf("%w: %v", errDecode, err)
		}
		out := make([]any, len(items))
		for i, it := range items {
			v, err := d.value(it, depth+1)
			if err != nil {
				return nil, err
			}
			out[i] = v
		}
		return out, nil
	case '"':
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return nil, fmt.Errorf("%w: %v", errDecode, err)
		}
		return s, nil
	case 't', 'f':
		var b bool
		if err := json.Unmarshal(raw, &b); err != nil {
			return nil, fmt.Errorf("%w: %v", errDecode, err)
		}
		return b, nil
	case 'n':
		if string(raw) != "null" {
			return nil, fmt.Errorf("%w: %s", errDecode, truncate(string(raw), 32))
		}
		return nil, nil
	}
	return number(raw)
}

// number converts a JSON number: [int] when it fits, then [long], else
// [double].
func number(raw json.RawMessage) (any, error) {
	s := string(raw)
	if !json.Valid(raw) {
		return nil, fmt.Errorf("%w: %s is not a JSON value", errDecode, truncate(s, 32))
	}
	if !strings.ContainsAny(s, ".eE") {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			if n >= math.MinInt32 && n <= math.MaxInt32 {
				return int32(n), nil
			}
			return n, nil
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return nil, fmt.Errorf("%w: number %s is out of range", errDecode, truncate(s, 32))
	}
	return f, nil
}

// member is one name/value pair of a JSON object, in order.
type member struct {
	name string
	raw  json.RawMessage
}

// members splits a JSON object into its members, keeping their order.
func members(raw json.RawMessage) ([]member, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if _, err := dec.Token(); err != nil { // {
		return nil, err
	}
	var out []member
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		name, _ := tok.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, err
		}
		out = append(out, member{name: name, raw: v})
	}
	return out, nil
}

// object converts a JSON object (see the table at the top of the file).
func (d *decoder) object(raw json.RawMessage, depth int) (any, error) {
	ms, err := members(raw)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errDecode, err)
	}
	marker := func(name string) (json.RawMessage, bool) {
		for _, m := range ms {
			if m.name == name {
				return m.raw, true
			}
		}
		return nil, false
	}
	if r, ok := marker("$ref"); ok {
		var ref string
		if err := json.Unmarshal(r, &ref); err != nil {
			return nil, fmt.Errorf("%w: \"$ref\" must be a string", errDecode)
		}
		if d.resolve == nil {
			return nil, fmt.Errorf("%w: object references are not accepted here", errDecode)
		}
		return d.resolve(ref)
	}
	var typeNames []string
	if r, ok := marker("$types"); ok {
		if err := json.Unmarshal(r, &typeNames); err != nil {
			return nil, fmt.Errorf("%w: \"$types\" must be an array of strings", errDecode)
		}
	} else if r, ok := marker("$type"); ok {
		var t string
		if err := json.Unmarshal(r, &t); err != nil {
			return nil, fmt.Errorf("%w: \"$type\" must be a string", errDecode)
		}
		typeNames = []string{t}
	}
	first := ""
	if len(typeNames) > 0 {
		first = typeNames[0]
	}
	switch {
	case strings.EqualFold(first, secureStringType):
		r, ok := marker("$plain")
		var plain string
		if !ok || json.Unmarshal(r, &plain) != nil {
			return nil, fmt.Errorf("%w: a SecureString is sent as {\"$type\": %q, \"$plain\": \"text\"} (the server never sends one's text, so a received SecureString cannot be sent back)", errDecode, secureStringType)
		}
		return value.NewSecureString(plain), nil
	case strings.EqualFold(first, hashtableType):
		h := value.NewHashtable()
		for _, m := range ms {
			if strings.HasPrefix(m.name, "$") {
				continue
			}
			v, err := d.value(m.raw, depth+1)
			if err != nil {
				return nil, err
			}
			h.Set(m.name, v)
		}
		return h, nil
	}
	o := value.NewPSObject(typeNames...)
	for _, m := range ms {
		if strings.HasPrefix(m.name, "$") {
			continue
		}
		v, err := d.value(m.raw, depth+1)
		if err != nil {
			return nil, err
		}
		if _, dup := o.Property(m.name); dup {
			return nil, fmt.Errorf("%w: property %q given twice (names ignore case)", errDecode, m.name)
		}
		o.Add(m.name, v)
	}
	return o, nil
}
