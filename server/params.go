package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"

	"github.com/sourcegraph/jsonrpc2"
)

// parseParams decodes a method's params into p, strictly: params must be
// a JSON object (or absent), every member must be known and of the right
// type. The errors say which member is wrong, in JSON's terms.
func parseParams(raw *json.RawMessage, p any) *jsonrpc2.Error {
	if raw == nil {
		return nil
	}
	return parseParamsBytes(*raw, p)
}

// parseParamsBytes is parseParams on the raw bytes.
func parseParamsBytes(raw json.RawMessage, p any) *jsonrpc2.Error {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	if raw[0] != '{' {
		return invalidParams("invalid params: params must be a JSON object (by-name params), not %s", jsonKind(raw))
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(p); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return invalidParams("invalid params: %q must be %s, not %s", te.Field, typeDescription(te.Type.String()), article(te.Value))
		}
		return invalidParams("invalid params: %s", strings.TrimPrefix(err.Error(), "json: "))
	}
	return nil
}

// requireString checks that a required string member was given.
func requireString(name, v string) *jsonrpc2.Error {
	if v == "" {
		return invalidParams("invalid params: %q is required (a non-empty string)", name)
	}
	return nil
}

// jsonKind names the kind of a JSON value ("an array", "a string" ...).
func jsonKind(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return "nothing"
	}
	switch raw[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}

// typeDescription says what JSON a Go field type takes.
func typeDescription(goType string) string {
	switch {
	case goType == "string":
		return "a string"
	case goType == "bool":
		return "true or false"
	case strings.HasPrefix(goType, "int"), strings.HasPrefix(goType, "uint"), strings.HasPrefix(goType, "float"):
		return "a number"
	case strings.HasPrefix(goType, "[]"):
		return "an array"
	case strings.HasPrefix(goType, "map["), strings.HasPrefix(goType, "struct"):
		return "an object"
	}
	return "a " + goType
}

// article puts "a"/"an" before a JSON type name from encoding/json.
func article(kind string) string {
	switch kind {
	case "array", "object":
		return "an " + kind
	case "":
		return "that"
	}
	return "a " + kind
}
