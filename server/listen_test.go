package server

import (
	"bufio"
	"context"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseAddress(t *testing.T) {
	tests := []struct {
		in       string
		want     Address
		loopback bool
		err      string
	}{
		{in: "", want: Address{Network: "stdio"}},
		{in: "stdio", want: Address{Network: "stdio"}},
		{in: "unix:/run/kh.sock", want: Address{Network: "unix", Path: "/run/kh.sock"}},
		{in: "tcp:127.0.0.1:8765", want: Address{Network: "tcp", HostPort: "127.0.0.1:8765"}, loopback: true},
		{in: "tcp:[::1]:8765", want: Address{Network: "tcp", HostPort: "[::1]:8765"}, loopback: true},
		{in: "tcp:localhost:0", want: Address{Network: "tcp", HostPort: "localhost:0"}, loopback: true},
		{in: "tcp:0.0.0.0:8765", want: Address{Network: "tcp", HostPort: "0.0.0.0:8765"}},
		{in: "tcp::8765", want: Address{Network: "tcp", HostPort: ":8765"}},
		{in: "unix:", err: "needs a socket path"},
		{in: "tcp:8765", err: "want tcp:HOST:PORT"},
		{in: "http://x", err: "want stdio"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseAddress(tt.in)
			if tt.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.loopback, got.IsLoopback())
		})
	}
}

func TestListenRefusesRemoteTCP(t *testing.T) {
	a, err := ParseAddress("tcp:0.0.0.0:0")
	require.NoError(t, err)
	_, err = Listen(a, false)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "--allow-remote")
	l, err := Listen(a, true)
	require.NoError(t, err)
	l.Close()
}

// TestUnixSocket serves a world on a socket in a private directory: the
// socket is 0600, a stale one is replaced, a live one is not, and it is
// removed when the server stops.
func TestUnixSocket(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kh.sock")
	a, err := ParseAddress("unix:" + path)
	require.NoError(t, err)

	// A socket left by a dead server is replaced.
	stale, err := net.Listen("unix", path)
	require.NoError(t, err)
	stale.(*net.UnixListener).SetUnlinkOnClose(false)
	stale.Close()

	l, err := Listen(a, false)
	require.NoError(t, err)
	fi, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), fi.Mode().Perm())
	entries, err := os.ReadDir(filepath.Dir(path))
	require.NoError(t, err)
	assert.Len(t, entries, 1, "no temporary directory is left behind")

	_, err = Listen(a, false)
	assert.ErrorContains(t, err, "another server is listening")

	srv, _ := newTestServer(t)
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ctx, l, nil) }()

	c, err := Dial(ctx, a, FramingPlain)
	require.NoError(t, err)
	res, err := c.Invoke(ctx, "Get-VM", map[string]any{"Name": "db01"}, nil)
	require.NoError(t, err)
	require.Len(t, res.Output, 1)
	c.Close()

	cancel()
	require.NoError(t, <-served)
	_, err = os.Stat(path)
	assert.True(t, os.IsNotExist(err), "the socket is removed when the server stops")

	require.NoError(t, os.WriteFile(path, []byte("x"), 0o600))
	_, err = Listen(a, false)
	assert.ErrorContains(t, err, "not a socket")
}

// TestTCPNeedsTheToken serves loopback TCP with a bearer token.
func TestTCPNeedsTheToken(t *testing.T) {
	token := []byte("0123456789abcdef0123456789abcdef")
	srv, _ := newTestServer(t, func(c *Config) { c.AuthTimeout = 300 * time.Millisecond })
	a, err := ParseAddress("tcp:127.0.0.1:0")
	require.NoError(t, err)
	l, err := Listen(a, false)
	require.NoError(t, err)
	a.HostPort = l.Addr().String()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() { _ = srv.Serve(ctx, l, token) }()

	raw := func() (net.Conn, *bufio.Reader) {
		c, err := net.Dial("tcp", a.HostPort)
		require.NoError(t, err)
		t.Cleanup(func() { c.Close() })
		require.NoError(t, c.SetDeadline(time.Now().Add(5*time.Second)))
		return c, bufio.NewReader(c)
	}
	expectClosed := func(r *bufio.Reader) {
		t.Helper()
		_, err := r.ReadString('\n')
		assert.Error(t, err, "the server closes the connection")
	}
	t.Run("call before hello", func(t *testing.T) {
		c, r := raw()
		_, err := c.Write([]byte(`{"jsonrpc":"2.0","id":1,"method":"cmdlet.list"}` + "\n"))
		require.NoError(t, err)
		line, err := r.ReadString('\n')
		require.NoError(t, err)
		assert.Contains(t, line, `"code":-32001`)
		expectClosed(r)
	})
	t.Run("wrong token", func(t *testing.T) {
		c, r := raw()
		_, err := c.Write([]byte(`{"jsonrpc":"2.0","id":1,"method":"keyhost.hello","params":{"token":"0123456789abcdef0123456789abcdeX"}}` + "\n"))
		require.NoError(t, err)
		line, err := r.ReadString('\n')
		require.NoError(t, err)
		assert.Contains(t, line, "wrong or missing bearer token")
		expectClosed(r)
	})
	t.Run("silent client times out", func(t *testing.T) {
		_, r := raw()
		line, err := r.ReadString('\n')
		require.NoError(t, err)
		assert.Contains(t, line, "authentication timed out")
		expectClosed(r)
	})
	t.Run("right token", func(t *testing.T) {
		c, err := Dial(ctx, a, FramingPlain)
		require.NoError(t, err)
		defer c.Close()
		hello, err := c.Hello(ctx, string(token))
		require.NoError(t, err)
		assert.Equal(t, true, hello["authenticated"])
		time.Sleep(400 * time.Millisecond) // past the auth timeout: an authenticated client stays
		res, err := c.Invoke(ctx, "Get-Cluster", nil, nil)
		require.NoError(t, err)
		assert.Len(t, res.Output, 3)
	})
}

func TestLoadToken(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string, mode os.FileMode) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(content), mode))
		require.NoError(t, os.Chmod(p, mode))
		return p
	}
	tok, err := LoadToken(write("ok", "  0123456789abcdef0123\n", 0o600))
	require.NoError(t, err)
	assert.Equal(t, "0123456789abcdef0123", string(tok))
	_, err = LoadToken(write("open", "0123456789abcdef0123", 0o644))
	assert.ErrorContains(t, err, "chmod 600")
	_, err = LoadToken(write("short", "abc", 0o600))
	assert.ErrorContains(t, err, "at least 16")
	_, err = LoadToken(filepath.Join(dir, "missing"))
	assert.Error(t, err)
}
