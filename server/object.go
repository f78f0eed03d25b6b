package server

import (
	"encoding/json"
	"errors"

	"github.com/sourcegraph/jsonrpc2"

	"github.com/keyhost/keyhost/cmdlets"
	"github.com/keyhost/keyhost/ps/value"
)

// objectGet answers object.get:
//
//	{"ref": "VirtualMachine-vm-101"}                                  the object, fresh from the world
//	{"ref": "VirtualMachine-vm-101", "property": "ExtensionData"}     one of its properties, whole
//
// It is how a client fetches what it was sent lazily: a PowerCLI object's
// ExtensionData (listed in "$lazy"), or the whole of a nested object that
// came as a stub. "views": true sends the object's ExtensionData inline.
// The result is {"value": ...}.
func (sess *session) objectGet(params json.RawMessage) ([]byte, *jsonrpc2.Error) {
	var p struct {
		Ref      string `json:"ref"`
		Property string `json:"property"`
		Views    bool   `json:"views"`
	}
	if err := parseParamsBytes(params, &p); err != nil {
		return nil, err
	}
	if err := requireString("ref", p.Ref); err != nil {
		return nil, err
	}
	obj, err := sess.ps.Resolve(p.Ref)
	if err != nil {
		if errors.Is(err, cmdlets.ErrUnknownReference) {
			return nil, invalidParams("invalid params: \"ref\": %v", err)
		}
		return nil, rpcError(CodeInvalidParams, map[string]string{"reason": "ObjectNotFound"}, "invalid params: \"ref\": the object no longer exists: %v", err)
	}
	v := obj
	if p.Property != "" {
		var ok bool
		if v, ok = value.GetProperty(obj, p.Property); !ok {
			return nil, invalidParams("invalid params: %s has no property %q", p.Ref, truncate(p.Property, 64))
		}
	}
	e := newEncoder(sess.ps.RefOf, p.Views)
	e.buf = append(e.buf, `{"value":`...)
	e.value(v, 0)
	e.buf = append(e.buf, '}')
	return e.buf, nil
}
