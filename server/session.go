package server

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"io"
	"net"
	"runtime/debug"
	"sync/atomic"
	"time"

	"github.com/sourcegraph/jsonrpc2"

	"github.com/keyhost/keyhost/cmdlets"
	"github.com/keyhost/keyhost/ps/eval"
)

// session is one connection: its interpreter, the queue of its calls and
// its authentication state.
type session struct {
	srv    *Server
	ctx    context.Context // ends when the connection does, or the server stops
	cancel context.CancelFunc
	token  []byte // the bearer token to expect; nil when none is needed
	authed atomic.Bool
	queue  chan *jsonrpc2.Request
	stream *stream

	// Used by the worker goroutine only (the runner is not safe for
	// concurrent use; the queue serialises the connection's calls).
	runner *eval.Runner
	ps     *cmdlets.Session
}

func newSession(ctx context.Context, srv *Server, token []byte) *session {
	ctx, cancel := context.WithCancel(ctx)
	return &session{srv: srv, ctx: ctx, cancel: cancel, token: token, queue: make(chan *jsonrpc2.Request, srv.cfg.MaxQueued)}
}

// serve runs the connection until the client goes away or the session is
// cancelled, then waits for the call in progress to finish.
func (sess *session) serve(rwc io.ReadWriteCloser) error {
	cfg := sess.srv.cfg
	sess.runner, sess.ps = cfg.newRunner(cfg.sessionHost(), true)
	sess.stream = newStream(rwc, sess.srv.streamOptions())
	conn := jsonrpc2.NewConn(sess.ctx, sess.stream, sess, jsonrpc2.SetLogger(logger{cfg.Logf}))
	if sess.token != nil {
		// A client that must authenticate and does not is dropped, so
		// that idle unauthenticated connections cannot pile up.
		timer := time.AfterFunc(cfg.AuthTimeout, func() {
			if !sess.authed.Load() {
				_ = sess.stream.writeRaw(errorResponse(nil, rpcError(CodeUnauthorized, nil, "authentication timed out: send keyhost.hello with the bearer token first")))
				conn.Close()
			}
		})
		defer timer.Stop()
	}
	// A socket client that goes away mid-call loses the rest of it: its
	// script is cancelled at the next statement. On stdio, end of input is
	// how a client says it has sent everything (printf ... | keyhost serve,
	// or the shim closing the child's stdin): the calls it sent still run
	// and are answered on stdout, which stays open.
	_, isSocket := rwc.(net.Conn)
	var inputDone <-chan struct{}
	if !isSocket {
		inputDone = conn.DisconnectNotify()
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		sess.work(conn, inputDone)
	}()
	if isSocket {
		select {
		case <-conn.DisconnectNotify():
		case <-sess.ctx.Done():
		}
		sess.cancel()
	} else {
		select {
		case <-done:
		case <-sess.ctx.Done():
		}
	}
	sess.cancel()
	conn.Close()
	<-done
	// -RunAsync tasks whose work had not started were cancelled with the
	// session; those at work finish (whole) before the session is gone.
	sess.ps.WaitTasks()
	return nil
}

// Handle implements jsonrpc2.Handler. It runs on the connection's read
// loop, so it only queues calls (the worker runs them); keyhost.hello is
// answered at once, so that authentication precedes the calls after it.
func (sess *session) Handle(_ context.Context, conn *jsonrpc2.Conn, req *jsonrpc2.Request) {
	if req.Notif {
		sess.srv.cfg.Logf("keyhost serve: ignoring notification %q (keyhost defines none)", truncate(req.Method, 64))
		return
	}
	if req.Method == "keyhost.hello" {
		resp, ok := sess.hello(req)
		sess.send(conn, resp)
		if !ok {
			conn.Close()
		}
		return
	}
	if sess.token != nil && !sess.authed.Load() {
		sess.send(conn, errorResponse(&req.ID, rpcError(CodeUnauthorized, nil, "unauthorized: send keyhost.hello with the bearer token first")))
		conn.Close()
		return
	}
	select {
	case sess.queue <- req:
	default:
		sess.send(conn, errorResponse(&req.ID, rpcError(CodeBusy, nil, "busy: %d requests are already waiting on this connection", cap(sess.queue))))
	}
}

// work runs the queued calls one at a time until the session ends, or,
// once inputDone is closed (no more requests will come), until the queue
// is empty.
func (sess *session) work(conn *jsonrpc2.Conn, inputDone <-chan struct{}) {
	for {
		select {
		case <-sess.ctx.Done():
			return
		case req := <-sess.queue:
			if sess.ctx.Err() != nil {
				return
			}
			sess.send(conn, sess.call(req))
		case <-inputDone:
			for {
				select {
				case req := <-sess.queue:
					if sess.ctx.Err() != nil {
						return
					}
					sess.send(conn, sess.call(req))
				default:
					return
				}
			}
		}
	}
}

// send writes a response; a client that cannot take it (it stopped
// reading, or went away) loses the connection.
func (sess *session) send(conn *jsonrpc2.Conn, resp []byte) {
	if err := sess.stream.writeRaw(resp); err != nil {
		sess.srv.cfg.Logf("keyhost serve: writing a response: %v; closing the connection", err)
		conn.Close()
	}
}

// call runs one request and returns its encoded response. A panic (a
// bug in keyhost) becomes an internal error; the session goes on.
func (sess *session) call(req *jsonrpc2.Request) (resp []byte) {
	defer func() {
		if p := recover(); p != nil {
			sess.srv.cfg.Logf("keyhost serve: panic in %s: %v\n%s", req.Method, p, debug.Stack())
			resp = errorResponse(&req.ID, rpcError(CodeInternalError, nil, "internal error in %s: %v", req.Method, p))
		}
	}()
	var params json.RawMessage
	if req.Params != nil {
		params = *req.Params
	}
	result, rerr := sess.dispatch(req.Method, params)
	if rerr != nil {
		return errorResponse(&req.ID, rerr)
	}
	return resultResponse(req.ID, result)
}

// dispatch runs a method. Results are encoded JSON.
func (sess *session) dispatch(method string, params json.RawMessage) ([]byte, *jsonrpc2.Error) {
	switch method {
	case "cmdlet.list":
		return sess.cmdletList(params)
	case "cmdlet.invoke":
		return sess.cmdletInvoke(params)
	case "script.run":
		return sess.scriptRun(params)
	case "object.get":
		return sess.objectGet(params)
	case "task.get":
		return sess.taskGet(params)
	case "task.wait":
		return sess.taskWait(params)
	case "state.save":
		return sess.stateSave(params)
	}
	return nil, rpcError(CodeMethodNotFound, nil, "method not found: %q (see keyhost.hello for the methods)", truncate(method, 64))
}

// methodNames lists the methods, for keyhost.hello.
func methodNames() []string {
	return []string{"keyhost.hello", "cmdlet.list", "cmdlet.invoke", "script.run", "object.get", "task.get", "task.wait", "state.save"}
}

// hello answers keyhost.hello and checks the bearer token when the
// connection needs one; ok is false when the client must be dropped.
func (sess *session) hello(req *jsonrpc2.Request) (resp []byte, ok bool) {
	var p struct {
		Token           string `json:"token"`
		Client          string `json:"client"`
		ProtocolVersion string `json:"protocolVersion"`
	}
	if err := parseParams(req.Params, &p); err != nil {
		return errorResponse(&req.ID, err), sess.token == nil
	}
	if sess.token != nil && !sess.authed.Load() {
		// Constant time, so that the comparison leaks nothing about how
		// much of a guess was right.
		if subtle.ConstantTimeCompare([]byte(p.Token), sess.token) != 1 {
			return errorResponse(&req.ID, rpcError(CodeUnauthorized, nil, "unauthorized: wrong or missing bearer token")), false
		}
		sess.authed.Store(true)
	}
	cfg := sess.srv.cfg
	vc := cfg.World.VCenter()
	result := map[string]any{
		"server":          "keyhost",
		"version":         cfg.Version,
		"protocolVersion": ProtocolVersion,
		"framing":         cfg.Framing.String(),
		"authenticated":   sess.token == nil || sess.authed.Load(),
		"methods":         methodNames(),
		"capabilities": map[string]any{
			"objectReferences": true,
			"views":            true,
			"scripts":          true,
			"tasks":            true,
			"stateSave":        cfg.Save != nil,
			"maxMessageBytes":  cfg.MaxMessageBytes,
		},
		"vcenter": map[string]any{"name": vc.Name, "version": vc.Version, "build": vc.Build},
	}
	b, err := json.Marshal(result)
	if err != nil {
		return errorResponse(&req.ID, rpcError(CodeInternalError, nil, "encoding hello: %v", err)), true
	}
	return resultResponse(req.ID, b), true
}

// ProtocolVersion is the version of keyhost's JSON-RPC protocol
// (PROTOCOL.md); a client should check its major number.
const ProtocolVersion = "1.0"
