package server

import (
	"encoding/json"
	"fmt"

	"github.com/sourcegraph/jsonrpc2"
)

// JSON-RPC error codes: the specification's, and keyhost's own in the
// range the specification leaves to servers (-32000 to -32099).
const (
	CodeParseError     = jsonrpc2.CodeParseError     // the message is not JSON
	CodeInvalidRequest = jsonrpc2.CodeInvalidRequest // JSON, but not a request (or too large, or a batch)
	CodeMethodNotFound = jsonrpc2.CodeMethodNotFound
	CodeInvalidParams  = jsonrpc2.CodeInvalidParams // params of the wrong shape or type, unknown cmdlet, unresolvable reference
	CodeInternalError  = jsonrpc2.CodeInternalError // a bug in keyhost; the connection stays usable

	CodeUnauthorized = -32001 // a TCP client that has not sent the bearer token in keyhost.hello
	CodeStateSave    = -32002 // state.save failed, or the server has no state file
	CodeTaskNotFound = -32003 // task.get/task.wait with an unknown id
	CodeBusy         = -32004 // too many requests queued on the connection, or too many connections
	CodeShuttingDown = -32005 // the server is stopping
)

// rpcError builds a JSON-RPC error; data, when not nil, is attached as
// the error's data member.
func rpcError(code int64, data any, format string, args ...any) *jsonrpc2.Error {
	e := &jsonrpc2.Error{Code: code, Message: fmt.Sprintf(format, args...)}
	if data != nil {
		if b, err := json.Marshal(data); err == nil {
			raw := json.RawMessage(b)
			e.Data = &raw
		}
	}
	return e
}

// invalidParams is the error for params that do not fit the method.
func invalidParams(format string, args ...any) *jsonrpc2.Error {
	return rpcError(CodeInvalidParams, nil, format, args...)
}
