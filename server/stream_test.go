package server

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestBadInputKeepsTheConnection sends what a broken client might and
// checks each gets its JSON-RPC error while the connection goes on.
func TestBadInputKeepsTheConnection(t *testing.T) {
	srv, _ := newTestServer(t, func(c *Config) { c.MaxMessageBytes = 4096 })
	tests := []struct {
		name string
		send string
		code int
		text string
		id   any
	}{
		{name: "not JSON", send: "{this is not json\n", code: CodeParseError, text: "not valid JSON"},
		{name: "truncated JSON", send: `{"jsonrpc":"2.0","id":1,"method":"keyhost.hello"` + "\n", code: CodeParseError},
		{name: "batch", send: `[{"jsonrpc":"2.0","id":1,"method":"keyhost.hello"}]` + "\n", code: CodeInvalidRequest, text: "batch"},
		{name: "a number", send: "42\n", code: CodeInvalidRequest, text: "JSON object"},
		{name: "neither request nor response", send: `{"jsonrpc":"2.0","id":3}` + "\n", code: CodeInvalidRequest, id: float64(3)},
		{name: "bad id type", send: `{"jsonrpc":"2.0","id":{"x":1},"method":"keyhost.hello"}` + "\n", code: CodeInvalidRequest},
		{name: "method not a string", send: `{"jsonrpc":"2.0","id":"q","method":5}` + "\n", code: CodeInvalidRequest, id: "q"},
		{name: "too large", send: `{"jsonrpc":"2.0","id":9,"method":"script.run","params":{"script":"'` + strings.Repeat("x", 8000) + `'"}}` + "\n", code: CodeInvalidRequest, text: "too large"},
		{name: "unknown method", send: `{"jsonrpc":"2.0","id":5,"method":"vm.destroyAll"}` + "\n", code: CodeMethodNotFound, id: float64(5)},
		{name: "params of the wrong kind", send: `{"jsonrpc":"2.0","id":6,"method":"cmdlet.invoke","params":"Get-VM"}` + "\n", code: CodeInvalidParams, id: float64(6)},
		{name: "invalid UTF-8 in a string", send: "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"cmdlet.invoke\",\"params\":{\"name\":\"Get-\xff\"}}\n", code: CodeInvalidParams, id: float64(7)},
	}
	conn, _ := newRawConn(t, srv, nil)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			conn.send(tt.send)
			resp := conn.response()
			code, msg := errorOf(resp)
			assert.Equal(t, tt.code, code, msg)
			assert.Contains(t, msg, tt.text)
			assert.Equal(t, tt.id, resp["id"])
			// The next request is served.
			conn.send("\n" + `{"jsonrpc":"2.0","id":100,"method":"keyhost.hello"}` + "\n")
			ok := conn.response()
			assert.Equal(t, float64(100), ok["id"])
			assert.NotNil(t, ok["result"])
		})
	}
}

func TestNotificationsAreIgnored(t *testing.T) {
	srv, _ := newTestServer(t)
	conn, _ := newRawConn(t, srv, nil)
	conn.send(`{"jsonrpc":"2.0","method":"cmdlet.list"}` + "\n" + `{"jsonrpc":"2.0","id":1,"method":"keyhost.hello"}` + "\n")
	resp := conn.response()
	assert.Equal(t, float64(1), resp["id"], "a notification gets no response")
}

func TestLSPFraming(t *testing.T) {
	srv, _ := newTestServer(t, func(c *Config) { c.Framing = FramingLSP; c.MaxMessageBytes = 1024 })
	conn, done := serveConn(t, srv, nil)
	r := bufio.NewReader(conn)
	read := func() string {
		t.Helper()
		require.NoError(t, conn.SetReadDeadline(time.Now().Add(5*time.Second)))
		var n int
		for {
			line, err := r.ReadString('\n')
			require.NoError(t, err)
			if line == "\r\n" {
				break
			}
			_, _ = fmt.Sscanf(line, "Content-Length: %d", &n)
		}
		buf := make([]byte, n)
		_, err := io.ReadFull(r, buf)
		require.NoError(t, err)
		return string(buf)
	}
	frame := func(body string) string { return fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body), body) }

	go func() { _, _ = conn.Write([]byte(frame(`{"jsonrpc":"2.0","id":1,"method":"keyhost.hello"}`))) }()
	assert.Contains(t, read(), `"protocolVersion":"1.0"`)

	// Too large: skipped, answered, and the next message is read.
	go func() {
		_, _ = conn.Write([]byte(frame(`{"jsonrpc":"2.0","id":2,"method":"script.run","params":{"script":"'` + strings.Repeat("y", 2000) + `'"}}`)))
		_, _ = conn.Write([]byte("Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n" + frame(`{"jsonrpc":"2.0","id":3,"method":"keyhost.hello"}`)))
	}()
	assert.Contains(t, read(), "too large")
	assert.Contains(t, read(), `"id":3`)

	// A header that cannot be trusted ends the connection, with an error.
	go func() { _, _ = conn.Write([]byte("Content-Length: lots\r\n\r\n{}")) }()
	assert.Contains(t, read(), "bad Content-Length")
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("the connection did not end")
	}
}

func TestSlowClientIsDropped(t *testing.T) {
	srv, _ := newTestServer(t, func(c *Config) { c.MessageTimeout = 100 * time.Millisecond })
	conn, done := newRawConn(t, srv, nil)
	conn.send(`{"jsonrpc":"2.0","id":1,`) // and then nothing more
	resp := conn.response()
	_, msg := errorOf(resp)
	assert.Contains(t, msg, "not received within")
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("a client that stalls mid-message must be dropped")
	}
}

func TestClientThatStopsReadingIsDropped(t *testing.T) {
	srv, _ := newTestServer(t, func(c *Config) { c.WriteTimeout = 100 * time.Millisecond })
	conn, done := newRawConn(t, srv, nil)
	// net.Pipe has no buffer: a response nobody reads blocks the writer.
	conn.send(`{"jsonrpc":"2.0","id":1,"method":"cmdlet.list"}` + "\n")
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("a client that does not read its responses must be dropped")
	}
}

func TestIdleClientStays(t *testing.T) {
	srv, _ := newTestServer(t, func(c *Config) { c.MessageTimeout = 50 * time.Millisecond })
	c := pipeClient(t, srv)
	time.Sleep(200 * time.Millisecond)
	_, err := c.Hello(context.Background(), "")
	require.NoError(t, err, "waiting between messages is not slow")
}

func TestReadLine(t *testing.T) {
	tests := []struct {
		name  string
		input string
		max   int
		want  []string // "!" marks errFrameTooLarge
	}{
		{"lines", "a\nbb\n", 10, []string{"a", "bb"}},
		{"crlf", "a\r\nb\r\n", 10, []string{"a", "b"}},
		{"last line without newline", "a\nb", 10, []string{"a", "b"}},
		{"too long then fine", strings.Repeat("x", 50) + "\nok\n", 10, []string{"!", "ok"}},
		{"long lines over the buffer", strings.Repeat("y", 100) + "\n", 200, []string{strings.Repeat("y", 100)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := bufio.NewReaderSize(strings.NewReader(tt.input), 16)
			var got []string
			for {
				line, err := readLine(r, tt.max)
				if err == io.EOF {
					break
				}
				if err == errFrameTooLarge {
					got = append(got, "!")
					continue
				}
				require.NoError(t, err)
				got = append(got, string(line))
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestParseFraming(t *testing.T) {
	for in, want := range map[string]Framing{"": FramingPlain, "plain": FramingPlain, "lsp": FramingLSP, "LSP": FramingLSP} {
		got, err := ParseFraming(in)
		require.NoError(t, err)
		assert.Equal(t, want, got)
	}
	_, err := ParseFraming("xml")
	assert.Error(t, err)
}

func TestTooManyConnections(t *testing.T) {
	srv, _ := newTestServer(t, func(c *Config) { c.MaxConnections = 1 })
	first := pipeClient(t, srv)
	_, err := first.Hello(context.Background(), "")
	require.NoError(t, err)
	conn, done := newRawConn(t, srv, nil)
	resp := conn.response()
	code, msg := errorOf(resp)
	assert.Equal(t, CodeBusy, code)
	assert.Contains(t, msg, "too many connections")
	assert.Error(t, <-done)
}

func TestShutdownEndsSessions(t *testing.T) {
	srv, _ := newTestServer(t)
	conn, done := newRawConn(t, srv, nil)
	conn.send(`{"jsonrpc":"2.0","id":1,"method":"script.run","params":{"script":"while ($true) { $null = Get-VM }"}}` + "\n")
	time.Sleep(50 * time.Millisecond)
	finished := make(chan struct{})
	go func() { srv.Shutdown(); close(finished) }()
	select {
	case <-finished:
	case <-time.After(10 * time.Second):
		t.Fatal("Shutdown did not stop a running script")
	}
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("the connection did not end")
	}
}

// stdioLike is a connection that is not a socket, as keyhost serve's
// stdin and stdout are.
type stdioLike struct {
	io.Reader
	io.Writer
}

func (stdioLike) Close() error { return nil }

// TestStdioEndOfInputFinishesTheCalls: a stdio client that sent its
// requests and closed its side still gets every answer.
func TestStdioEndOfInputFinishesTheCalls(t *testing.T) {
	srv, w := newTestServer(t)
	in := strings.NewReader(`{"jsonrpc":"2.0","id":1,"method":"script.run","params":{"script":"Start-Sleep -Milliseconds 50; 'slow'"}}` + "\n" +
		`{"jsonrpc":"2.0","id":2,"method":"cmdlet.invoke","params":{"name":"Set-VM","parameters":{"VM":"web01","KeyProvider":"NKP-Secondary","SkipHardDisks":true,"Confirm":false}}}` + "\n")
	var out strings.Builder
	require.NoError(t, srv.ServeConn(context.Background(), stdioLike{Reader: in, Writer: &out}, nil))
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	require.Len(t, lines, 2, out.String())
	assert.Contains(t, lines[0], `"slow"`)
	assert.Contains(t, lines[1], `"id":2`)
	assert.Equal(t, "NKP-Secondary", providerOf(t, w, "vm-101"))
}
