package server

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"

	"github.com/sourcegraph/jsonrpc2"
)

// Client is a Go client of keyhost's JSON-RPC protocol (tests,
// benchmarks, and Go programs that drive a served world). It is safe for
// concurrent use; the server runs one connection's calls in order.
type Client struct {
	conn *jsonrpc2.Conn
}

// NewClient speaks the protocol over rwc with the given framing.
func NewClient(ctx context.Context, rwc io.ReadWriteCloser, framing Framing) *Client {
	var st jsonrpc2.ObjectStream
	if framing == FramingLSP {
		st = jsonrpc2.NewBufferedStream(rwc, jsonrpc2.VSCodeObjectCodec{})
	} else {
		st = jsonrpc2.NewPlainObjectStream(rwc)
	}
	// A client answers nothing: the server sends no requests.
	h := jsonrpc2.HandlerWithError(func(context.Context, *jsonrpc2.Conn, *jsonrpc2.Request) (any, error) {
		return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeMethodNotFound, Message: "the client serves no methods"}
	})
	return &Client{conn: jsonrpc2.NewConn(ctx, st, h)}
}

// Dial connects to a server listening on a unix or tcp address.
func Dial(ctx context.Context, a Address, framing Framing) (*Client, error) {
	var d net.Dialer
	var network, target string
	switch a.Network {
	case "unix":
		network, target = "unix", a.Path
	case "tcp":
		network, target = "tcp", a.HostPort
	default:
		return nil, fmt.Errorf("dial %s: not a socket address", a)
	}
	c, err := d.DialContext(ctx, network, target)
	if err != nil {
		return nil, fmt.Errorf("dial %s: %w", a, err)
	}
	return NewClient(ctx, c, framing), nil
}

// Close closes the connection.
func (c *Client) Close() error { return c.conn.Close() }

// DisconnectNotify is closed when the connection ends.
func (c *Client) DisconnectNotify() <-chan struct{} { return c.conn.DisconnectNotify() }

// Call calls a method; result, when not nil, receives the decoded result.
// A JSON-RPC error is returned as a *jsonrpc2.Error.
func (c *Client) Call(ctx context.Context, method string, params, result any) error {
	return c.conn.Call(ctx, method, params, result)
}

// Hello calls keyhost.hello, authenticating with token when it is not "".
func (c *Client) Hello(ctx context.Context, token string) (map[string]any, error) {
	params := map[string]any{"client": "keyhost-go"}
	if token != "" {
		params["token"] = token
	}
	var out map[string]any
	err := c.Call(ctx, "keyhost.hello", params, &out)
	return out, err
}

// Result is the result of cmdlet.invoke and script.run. Output items
// are left as JSON (see PROTOCOL.md, "Values").
type Result struct {
	Output   []json.RawMessage `json:"output"`
	Errors   []WireError       `json:"errors"`
	Warnings []string          `json:"warnings"`
	Host     string            `json:"host"`
	ExitCode *int              `json:"exitCode,omitempty"`
}

// WireError is an error record as the protocol sends it.
type WireError struct {
	Message               string `json:"message"`
	FullyQualifiedErrorID string `json:"fullyQualifiedErrorId"`
	Category              string `json:"category"`
	Position              string `json:"position"`
	ExceptionType         string `json:"exceptionType,omitempty"`
	TargetName            string `json:"targetName,omitempty"`
	Activity              string `json:"activity,omitempty"`
	Terminating           bool   `json:"terminating,omitempty"`
}

// Failed reports whether the call ended with a terminating error.
func (r *Result) Failed() bool {
	for _, e := range r.Errors {
		if e.Terminating {
			return true
		}
	}
	return false
}

// Invoke calls cmdlet.invoke; input nil means no pipeline input.
func (c *Client) Invoke(ctx context.Context, name string, params map[string]any, input []any) (*Result, error) {
	p := map[string]any{"name": name}
	if params != nil {
		p["parameters"] = params
	}
	if input != nil {
		p["input"] = input
	}
	var r Result
	if err := c.Call(ctx, "cmdlet.invoke", p, &r); err != nil {
		return nil, err
	}
	return &r, nil
}

// RunScript calls script.run.
func (c *Client) RunScript(ctx context.Context, script string, vars map[string]any) (*Result, error) {
	p := map[string]any{"script": script}
	if vars != nil {
		p["variables"] = vars
	}
	var r Result
	if err := c.Call(ctx, "script.run", p, &r); err != nil {
		return nil, err
	}
	return &r, nil
}

// Ref is an object reference to send as a parameter value.
func Ref(ref string) map[string]any { return map[string]any{"$ref": ref} }

// Secure is a SecureString to send as a parameter value.
func Secure(plain string) map[string]any {
	return map[string]any{"$type": secureStringType, "$plain": plain}
}

// WireObject is the common part of an object as the protocol sends it.
type WireObject struct {
	Type   string   `json:"$type"`
	Types  []string `json:"$types"`
	Ref    string   `json:"$ref"`
	String string   `json:"$string"`
	Stub   bool     `json:"$stub"`
	Lazy   []string `json:"$lazy"`
	Name   string   `json:"Name"`
	ID     any      `json:"Id"`
}

// Objects decodes a result's output as objects.
func (r *Result) Objects() ([]WireObject, error) {
	out := make([]WireObject, len(r.Output))
	for i, raw := range r.Output {
		if err := json.Unmarshal(raw, &out[i]); err != nil {
			return nil, fmt.Errorf("output %d: %w", i, err)
		}
	}
	return out, nil
}
