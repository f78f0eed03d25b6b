package server

import (
	"encoding/json"

	"github.com/sourcegraph/jsonrpc2"
)

// stateSave answers state.save (no params): the world is written to the
// server's state file, atomically, as keyhost run does at its end. The
// result is {"path": ..., "generation": N, "saved": true|false}.
func (sess *session) stateSave(params json.RawMessage) ([]byte, *jsonrpc2.Error) {
	var p struct{}
	if err := parseParamsBytes(params, &p); err != nil {
		return nil, err
	}
	save := sess.srv.cfg.Save
	if save == nil {
		return nil, rpcError(CodeStateSave, nil, "this server has no state file: start it with keyhost serve --state FILE")
	}
	res, err := save()
	if err != nil {
		return nil, rpcError(CodeStateSave, nil, "saving the state failed: %v", err)
	}
	b, merr := json.Marshal(res)
	if merr != nil {
		return nil, rpcError(CodeInternalError, nil, "encoding the save result: %v", merr)
	}
	return b, nil
}
