package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/keyhost/keyhost/server"
)

// rpcLines is a conversation for a stdio server: one request per line.
func rpcLines(reqs ...string) string { return strings.Join(reqs, "\n") + "\n" }

// responses decodes a stdio server's output, one response per line, and
// orders them by id (JSON-RPC answers in any order; a response without an
// id comes first).
func responses(t *testing.T, out string) []map[string]any {
	t.Helper()
	var list []map[string]any
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		var m map[string]any
		require.NoError(t, json.Unmarshal(sc.Bytes(), &m), sc.Text())
		list = append(list, m)
	}
	sort.SliceStable(list, func(i, j int) bool {
		a, _ := list[i]["id"].(float64)
		b, _ := list[j]["id"].(float64)
		return a < b
	})
	return list
}

func TestServeStdio(t *testing.T) {
	r := keyhost(t, rpcLines(
		`{"jsonrpc":"2.0","id":1,"method":"keyhost.hello"}`,
		`{"jsonrpc":"2.0","id":2,"method":"cmdlet.invoke","params":{"name":"Get-VM","parameters":{"Name":"db02"}}}`,
		`not json`,
		`{"jsonrpc":"2.0","id":3,"method":"state.save"}`,
	), "serve")
	require.Equal(t, 0, r.code, r.stderr)
	resp := responses(t, r.stdout)
	require.Len(t, resp, 4, "stdout carries the protocol and nothing else")
	assert.Equal(t, float64(-32700), resp[0]["error"].(map[string]any)["code"], "the line that is not JSON")
	assert.Equal(t, "keyhost", resp[1]["result"].(map[string]any)["server"])
	vm := resp[2]["result"].(map[string]any)["output"].([]any)[0].(map[string]any)
	assert.Equal(t, "VirtualMachine-vm-104", vm["$ref"])
	assert.Contains(t, resp[3]["error"].(map[string]any)["message"], "no state file")
}

// TestServeStateFile rekeys over a stdio server with --state: state.save
// writes the file, and so does the end of the session, crash-safely.
func TestServeStateFile(t *testing.T) {
	state := demoState(t)
	r := keyhost(t, rpcLines(
		`{"jsonrpc":"2.0","id":1,"method":"cmdlet.invoke","params":{"name":"Set-VM","parameters":{"VM":{"$ref":"VirtualMachine-vm-101"},"KeyProvider":{"$ref":"KeyProvider-NKP-Secondary"},"SkipHardDisks":true,"Confirm":false}}}`,
		`{"jsonrpc":"2.0","id":2,"method":"state.save"}`,
		`{"jsonrpc":"2.0","id":3,"method":"state.save"}`,
		`{"jsonrpc":"2.0","id":4,"method":"cmdlet.invoke","params":{"name":"Set-VM","parameters":{"VM":"db02","KeyProvider":"NKP-Secondary","SkipHardDisks":true,"Confirm":false}}}`,
	), "serve", "--state", state, "--checkpoint", "0")
	require.Equal(t, 0, r.code, r.stderr)
	resp := responses(t, r.stdout)
	require.Len(t, resp, 4)
	saved := resp[1]["result"].(map[string]any)
	assert.Equal(t, true, saved["saved"])
	assert.Equal(t, state, saved["path"])
	assert.Equal(t, false, resp[2]["result"].(map[string]any)["saved"], "nothing changed since")

	after := objects(t, state)
	assert.Equal(t, "NKP-Secondary", after["web01 home"].ProviderID, "saved by state.save")
	assert.Equal(t, "NKP-Secondary", after["db02 home"].ProviderID, "saved when the client went away")
	assertVerifies(t, state)
}

// TestServeUnixSocket serves on a socket until the context ends (as on
// SIGTERM), then saves.
func TestServeUnixSocket(t *testing.T) {
	state := demoState(t)
	sock := filepath.Join(t.TempDir(), "kh.sock")
	var errOut bytes.Buffer
	a := &app{stdout: &bytes.Buffer{}, stderr: &syncWriter{w: &errOut}, getenv: func(string) (string, bool) { return "", false }, getwd: os.Getwd, now: func() time.Time { return fixedNow }}
	ctx, cancel := context.WithCancel(context.Background())
	code := make(chan int, 1)
	go func() {
		code <- a.main(ctx, []string{"serve", "--state", state, "--listen", "unix:" + sock, "--checkpoint", "0"})
	}()

	addr := server.Address{Network: "unix", Path: sock}
	var c *server.Client
	require.Eventually(t, func() bool {
		var err error
		c, err = server.Dial(ctx, addr, server.FramingPlain)
		return err == nil
	}, 5*time.Second, 10*time.Millisecond)
	fi, err := os.Stat(sock)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), fi.Mode().Perm())
	res, err := c.Invoke(ctx, "Set-VM", map[string]any{"VM": "web02", "KeyProvider": "NKP-Secondary", "SkipHardDisks": true, "Confirm": false}, nil)
	require.NoError(t, err)
	require.Empty(t, res.Errors)
	c.Close()

	cancel()
	select {
	case got := <-code:
		assert.Equal(t, 0, got, errOut.String())
	case <-time.After(10 * time.Second):
		t.Fatal("keyhost serve did not stop")
	}
	assert.Equal(t, "NKP-Secondary", objects(t, state)["web02 home"].ProviderID)
	_, err = os.Stat(sock)
	assert.True(t, os.IsNotExist(err), "the socket is removed")
}

func TestServeBadFlags(t *testing.T) {
	tests := []struct {
		args []string
		code int
		text string
	}{
		{[]string{"serve", "--listen", "tcp:127.0.0.1:0"}, 2, "needs --token-file"},
		{[]string{"serve", "--listen", "http://x"}, 2, "want stdio"},
		{[]string{"serve", "--framing", "xml"}, 2, "unknown framing"},
		{[]string{"serve", "extra"}, 2, "unexpected argument"},
		{[]string{"serve", "--token-file", "/nonexistent/token"}, 1, "token file"},
		{[]string{"serve", "--listen", "tcp:0.0.0.0:0", "--token-file", "TOKEN"}, 1, "--allow-remote"},
	}
	token := filepath.Join(t.TempDir(), "token")
	require.NoError(t, os.WriteFile(token, []byte("0123456789abcdef0123456789abcdef\n"), 0o600))
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			for i, a := range tt.args {
				if a == "TOKEN" {
					tt.args[i] = token
				}
			}
			r := keyhost(t, "", tt.args...)
			assert.Equal(t, tt.code, r.code)
			assert.Contains(t, r.stderr, tt.text)
		})
	}
}

// TestServeHidesTheStateKey: a served script cannot read the state key
// from the environment.
func TestServeHidesTheStateKey(t *testing.T) {
	var out, errOut bytes.Buffer
	env := map[string]string{envStateKey: strings.Repeat("ab", 32), "OTHER": "visible"}
	a := &app{
		stdin: strings.NewReader(rpcLines(`{"jsonrpc":"2.0","id":1,"method":"script.run","params":{"script":"\"[$env:KEYHOST_STATE_KEY][$env:OTHER]\""}}`,
			`{"jsonrpc":"2.0","id":2,"method":"script.run","params":{"script":"(Get-ChildItem Env: | Sort-Object Name).Name"}}`)),
		stdout: &out, stderr: &errOut,
		getenv: func(k string) (string, bool) { v, ok := env[k]; return v, ok },
		environ: func() []string {
			var kv []string
			for k, v := range env {
				kv = append(kv, k+"="+v)
			}
			return kv
		},
		getwd: os.Getwd, now: func() time.Time { return fixedNow },
	}
	require.Equal(t, 0, a.main(context.Background(), []string{"serve"}), errOut.String())
	resp := responses(t, out.String())
	require.Len(t, resp, 2)
	assert.Equal(t, []any{"[][visible]"}, resp[0]["result"].(map[string]any)["output"])
	assert.Equal(t, []any{"OTHER"}, resp[1]["result"].(map[string]any)["output"], "Env: does not list the state key either")
}

// syncWriter serialises writes from the server's goroutines.
type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}
