package server

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/keyhost/keyhost/engine"
)

// assertWorldVerifies decrypts every object of the world.
func assertWorldVerifies(t *testing.T, w *engine.World) {
	t.Helper()
	rep := w.Verify()
	assert.Empty(t, rep.Failures)
	assert.Empty(t, rep.LinkFailures)
	assert.Positive(t, rep.Objects)
}

// TestConcurrentClients runs many connections at once (go test -race):
// some rekey different VMs, some rekey the same VM back and forth, some
// only read. Every call succeeds, and the world is whole afterwards.
func TestConcurrentClients(t *testing.T) {
	srv, w := newTestServer(t)
	ctx := context.Background()
	vms := []string{"web01", "web02", "db01", "app01"}
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for i, vm := range vms {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := pipeClient(t, srv)
			to := []string{"NKP-Secondary", "NKP-Primary"}
			for round := range 4 {
				res, err := c.Invoke(ctx, "Set-VM", map[string]any{
					"VM": vm, "KeyProvider": Ref("KeyProvider-" + to[round%2]), "SkipHardDisks": true, "Confirm": false,
				}, nil)
				if err != nil {
					errs <- err
					return
				}
				if len(res.Errors) > 0 {
					errs <- fmt.Errorf("client %d %s: %s", i, vm, res.Errors[0].Message)
					return
				}
			}
		}()
	}
	for i := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := pipeClient(t, srv)
			for range 5 {
				res, err := c.Invoke(ctx, "Set-VM", map[string]any{
					"VM": "db02", "KeyProvider": Ref("KeyProvider-NKP-Secondary"), "SkipHardDisks": true, "Confirm": false,
				}, nil)
				if err != nil {
					errs <- err
					return
				}
				if len(res.Errors) > 0 {
					errs <- fmt.Errorf("same-VM client %d: %s", i, res.Errors[0].Message)
					return
				}
			}
		}()
	}
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := pipeClient(t, srv)
			for range 5 {
				res, err := c.RunScript(ctx, "(Get-VM | Where-Object { (Get-View $_).Config.KeyId }).Count", nil)
				if err != nil {
					errs <- err
					return
				}
				if len(res.Errors) > 0 || len(res.Output) != 1 {
					errs <- fmt.Errorf("reader: %+v", res)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	for _, id := range []string{"vm-101", "vm-102", "vm-103", "vm-105"} {
		assert.Equal(t, "NKP-Primary", providerOf(t, w, id), "each VM went back and forth an even number of times")
	}
	assert.Equal(t, "NKP-Secondary", providerOf(t, w, "vm-104"))
	assertWorldVerifies(t, w)
}

// TestPipelinedCallsRunInOrder sends many calls on one connection without
// waiting: they run one after the other, in order.
func TestPipelinedCallsRunInOrder(t *testing.T) {
	srv, _ := newTestServer(t)
	c := pipeClient(t, srv)
	ctx := context.Background()
	_, err := c.RunScript(ctx, "$log = [System.Collections.Generic.List[int]]::new()", nil)
	require.NoError(t, err)
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, _ = c.RunScript(ctx, fmt.Sprintf("$log.Add(%d)", i), nil)
		}()
		time.Sleep(time.Millisecond) // send in order
	}
	wg.Wait()
	res, err := c.RunScript(ctx, "$log -join ','", nil)
	require.NoError(t, err)
	assert.JSONEq(t, `"0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19"`, string(res.Output[0]))
}

// TestDisconnectMidScript drops a client while its rekey loop runs: the
// rest of the script is cancelled, and every VM is either rekeyed or not,
// never half.
func TestDisconnectMidScript(t *testing.T) {
	srv, w := newTestServer(t)
	conn, done := newRawConn(t, srv, nil)
	conn.send(`{"jsonrpc":"2.0","id":1,"method":"script.run","params":{"script":` +
		`"$kp = Get-KeyProvider NKP-Secondary; while ($true) { foreach ($vm in Get-VM web01,web02,db01,db02,app01) { Set-VM -VM $vm -KeyProvider $kp -SkipHardDisks -Confirm:$false | Out-Null } }"}}` + "\n")
	time.Sleep(100 * time.Millisecond)
	conn.conn.Close()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the session did not end after the client left")
	}
	before := w.Generation()
	time.Sleep(50 * time.Millisecond)
	assert.Equal(t, before, w.Generation(), "nothing runs after the session ended")
	for _, id := range []string{"vm-101", "vm-102", "vm-103", "vm-104", "vm-105"} {
		assert.Contains(t, []string{"NKP-Primary", "NKP-Secondary", "KMS-Standard"}, providerOf(t, w, id))
	}
	assertWorldVerifies(t, w)
}

// TestQueueLimit fills one connection's queue: the calls beyond it are
// answered "busy" at once.
func TestQueueLimit(t *testing.T) {
	srv, _ := newTestServer(t, func(c *Config) { c.MaxQueued = 2 })
	conn, _ := newRawConn(t, srv, nil)
	var msgs string
	for i := range 6 {
		msgs += fmt.Sprintf(`{"jsonrpc":"2.0","id":%d,"method":"script.run","params":{"script":"Start-Sleep -Milliseconds 100"}}`+"\n", i)
	}
	go conn.send(msgs)
	busy := 0
	for range 6 {
		if code, _ := errorOf(conn.response()); code == CodeBusy {
			busy++
		}
	}
	assert.Positive(t, busy)
}
