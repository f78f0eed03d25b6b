package server

import (
	"bufio"
	"context"
	"encoding/json"
	"net"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/keyhost/keyhost/engine"
)

// testNow is the clock of test sessions (PowerCLI's error messages carry
// a timestamp).
var testNow = func() time.Time { return time.Date(2026, 11, 24, 3, 11, 8, 0, time.UTC) }

// newTestServer returns a server on a fresh demo world; opts adjust the
// configuration.
func newTestServer(t testing.TB, opts ...func(*Config)) (*Server, *engine.World) {
	t.Helper()
	w, err := engine.NewDemo()
	require.NoError(t, err)
	cfg := Config{World: w, Now: testNow, Logf: t.Logf}
	for _, o := range opts {
		o(&cfg)
	}
	srv, err := New(cfg)
	require.NoError(t, err)
	t.Cleanup(srv.Shutdown)
	return srv, w
}

// serveConn serves one end of a net.Pipe and returns the other; the
// returned channel receives ServeConn's error when the connection ends.
func serveConn(t testing.TB, srv *Server, token []byte) (net.Conn, <-chan error) {
	t.Helper()
	a, b := net.Pipe()
	done := make(chan error, 1)
	go func() { done <- srv.ServeConn(context.Background(), a, token) }()
	t.Cleanup(func() { b.Close() })
	return b, done
}

// pipeClient returns a Go client connected to srv over a net.Pipe.
func pipeClient(t testing.TB, srv *Server) *Client {
	t.Helper()
	conn, _ := serveConn(t, srv, nil)
	c := NewClient(context.Background(), conn, srv.cfg.Framing)
	t.Cleanup(func() { c.Close() })
	return c
}

// rawConn speaks raw bytes to a server: tests of what clients may send
// that a well-behaved client never would.
type rawConn struct {
	t    testing.TB
	conn net.Conn
	r    *bufio.Reader
}

func newRawConn(t testing.TB, srv *Server, token []byte) (*rawConn, <-chan error) {
	conn, done := serveConn(t, srv, token)
	return &rawConn{t: t, conn: conn, r: bufio.NewReader(conn)}, done
}

// send writes bytes as they are.
func (c *rawConn) send(s string) {
	c.t.Helper()
	require.NoError(c.t, c.conn.SetWriteDeadline(time.Now().Add(5*time.Second)))
	_, err := c.conn.Write([]byte(s))
	require.NoError(c.t, err)
}

// response reads one plain-framed response.
func (c *rawConn) response() map[string]any {
	c.t.Helper()
	require.NoError(c.t, c.conn.SetReadDeadline(time.Now().Add(5*time.Second)))
	line, err := c.r.ReadBytes('\n')
	require.NoError(c.t, err)
	var m map[string]any
	require.NoError(c.t, json.Unmarshal(line, &m), string(line))
	return m
}

// errorOf returns a response's error code and message (0 when it has
// none).
func errorOf(m map[string]any) (int, string) {
	e, ok := m["error"].(map[string]any)
	if !ok {
		return 0, ""
	}
	code, _ := e["code"].(float64)
	msg, _ := e["message"].(string)
	return int(code), msg
}

// mustObject decodes one output item as a generic JSON object.
func mustObject(t testing.TB, raw json.RawMessage) map[string]any {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal(raw, &m), string(raw))
	return m
}

// providerOf is the key provider of a VM's home ("" when plain).
func providerOf(t testing.TB, w *engine.World, vmID string) string {
	t.Helper()
	vm, err := w.VM(vmID)
	require.NoError(t, err)
	if vm.Key == nil {
		return ""
	}
	return vm.Key.ProviderID
}
