package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/sourcegraph/jsonrpc2"

	"github.com/keyhost/keyhost/cmdlets"
	"github.com/keyhost/keyhost/ps/eval"
)

// cmdletInvoke answers cmdlet.invoke:
//
//	{"name": "Get-VM", "parameters": {"Name": "web01"}, "input": [...], "views": false}
//
// name must be a cmdlet of cmdlet.list; parameters bind by name (common
// parameters such as ErrorAction, WhatIf and Confirm included); input,
// when present, is piped in object by object. The result is
// {"output": [...], "errors": [...], "warnings": [...], "host": "..."}.
func (sess *session) cmdletInvoke(params json.RawMessage) ([]byte, *jsonrpc2.Error) {
	var p struct {
		Name       string          `json:"name"`
		Parameters json.RawMessage `json:"parameters"`
		Input      json.RawMessage `json:"input"`
		Views      bool            `json:"views"`
	}
	if err := parseParamsBytes(params, &p); err != nil {
		return nil, err
	}
	if err := requireString("name", p.Name); err != nil {
		return nil, err
	}
	name, ok := sess.srv.catalog.lookup(p.Name)
	if !ok {
		return nil, invalidParams("invalid params: %q is not a cmdlet keyhost serves (see cmdlet.list)", truncate(p.Name, 64))
	}
	args, rerr := sess.decodeNamed("parameters", p.Parameters)
	if rerr != nil {
		return nil, rerr
	}
	input, rerr := sess.decodeInput(p.Input)
	if rerr != nil {
		return nil, rerr
	}
	res, err := sess.runner.InvokeCommand(sess.ctx, name, args, input)
	if err != nil {
		return nil, invalidParams("invalid params: %v", err)
	}
	return sess.encodeResult(res, p.Views), nil
}

// scriptRun answers script.run:
//
//	{"script": "Get-VM | Where-Object PowerState -eq PoweredOn", "variables": {"vm": {"$ref": "..."}}, "views": false}
//
// The script runs in the connection's session (its functions and
// variables stay for the next call), with variables set as globals first.
// The result is cmdlet.invoke's, plus "exitCode" when the script called
// exit.
func (sess *session) scriptRun(params json.RawMessage) ([]byte, *jsonrpc2.Error) {
	var p struct {
		Script    string          `json:"script"`
		Variables json.RawMessage `json:"variables"`
		Views     bool            `json:"views"`
	}
	if err := parseParamsBytes(params, &p); err != nil {
		return nil, err
	}
	if err := requireString("script", p.Script); err != nil {
		return nil, err
	}
	vars, rerr := sess.decodeNamed("variables", p.Variables)
	if rerr != nil {
		return nil, rerr
	}
	res := sess.runner.InvokeScript(sess.ctx, "<script>", p.Script, vars)
	return sess.encodeResult(res, p.Views), nil
}

// decodeNamed decodes a JSON object of named values (parameters,
// variables); absent or null is none.
func (sess *session) decodeNamed(what string, raw json.RawMessage) (map[string]any, *jsonrpc2.Error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	if raw[0] != '{' {
		return nil, invalidParams("invalid params: %q must be an object, not %s", what, jsonKind(raw))
	}
	ms, err := members(raw)
	if err != nil {
		return nil, invalidParams("invalid params: %q: %v", what, err)
	}
	out := make(map[string]any, len(ms))
	dec := sess.decoder()
	for _, m := range ms {
		if m.name == "" {
			return nil, invalidParams("invalid params: %q has an empty name", what)
		}
		v, err := dec.decode(m.raw)
		if err != nil {
			return nil, valueError(fmt.Sprintf("%s.%s", what, m.name), err)
		}
		out[m.name] = v
	}
	return out, nil
}

// decodeInput decodes cmdlet.invoke's input: absent or null is no
// pipeline input (nil), an array is piped in item by item.
func (sess *session) decodeInput(raw json.RawMessage) ([]any, *jsonrpc2.Error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	if raw[0] != '[' {
		return nil, invalidParams("invalid params: \"input\" must be an array of pipeline objects, not %s", jsonKind(raw))
	}
	v, err := sess.decoder().decode(raw)
	if err != nil {
		return nil, valueError("input", err)
	}
	items, _ := v.([]any)
	if items == nil {
		items = []any{}
	}
	return items, nil
}

// valueError turns a decoding error into invalid params, saying where.
func valueError(where string, err error) *jsonrpc2.Error {
	switch {
	case errors.Is(err, cmdlets.ErrUnknownReference):
		return invalidParams("invalid params: %s: %v", where, err)
	case errors.Is(err, errDecode):
		return invalidParams("invalid params: %s: %v", where, err)
	}
	return rpcError(CodeInvalidParams, map[string]string{"reason": "ObjectNotFound"}, "invalid params: %s: the object no longer exists: %v", where, err)
}

// decoder returns the session's value decoder: references resolve
// against the world, as seen by this session.
func (sess *session) decoder() *decoder {
	return &decoder{resolve: sess.ps.Resolve}
}

// encodeResult encodes an InvokeResult as the result of cmdlet.invoke and
// script.run.
func (sess *session) encodeResult(res eval.InvokeResult, views bool) []byte {
	e := newEncoder(sess.ps.RefOf, views)
	e.buf = append(e.buf, `{"output":[`...)
	for i, v := range res.Output {
		if i > 0 {
			e.buf = append(e.buf, ',')
		}
		e.value(v, 0)
	}
	e.buf = append(e.buf, `],"errors":[`...)
	for i, rec := range res.Errors {
		if i > 0 {
			e.buf = append(e.buf, ',')
		}
		e.errorRecord(rec, false, false)
	}
	if res.Terminating != nil {
		if len(res.Errors) > 0 {
			e.buf = append(e.buf, ',')
		}
		e.errorRecord(res.Terminating, true, false)
	}
	e.buf = append(e.buf, `],"warnings":[`...)
	for i, w := range res.Warnings {
		if i > 0 {
			e.buf = append(e.buf, ',')
		}
		e.str(w)
	}
	e.buf = append(e.buf, `],"host":`...)
	e.str(res.Host)
	if res.Exited {
		e.buf = append(e.buf, `,"exitCode":`...)
		e.value(int32(res.ExitCode), 0)
	}
	e.buf = append(e.buf, '}')
	return e.buf
}
