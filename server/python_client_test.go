package server

import (
	"context"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPythonClient runs testdata/client.py, a client written with
// Python's standard library only, against a server on a Unix socket: the
// protocol is usable from another language exactly as PROTOCOL.md says.
func TestPythonClient(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("SKIPPED LOUDLY: python3 is not installed, so the second-language protocol client (testdata/client.py) did not run")
	}
	srv, w := newTestServer(t)
	path := filepath.Join(t.TempDir(), "kh.sock")
	l, err := Listen(Address{Network: "unix", Path: path}, false)
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ctx, l, nil) }()
	defer func() {
		cancel()
		<-served
	}()

	ctx2, stop := context.WithTimeout(context.Background(), time.Minute)
	defer stop()
	out, err := exec.CommandContext(ctx2, python, "testdata/client.py", path).CombinedOutput()
	t.Logf("client.py:\n%s", out)
	require.NoError(t, err, "client.py failed")
	assert.Equal(t, "NKP-Secondary", providerOf(t, w, "vm-101"), "the Python client's Set-VM changed the world")
	assert.Equal(t, "NKP-Primary", providerOf(t, w, "vm-103"), "its unconfirmed Set-VM did not")
}
