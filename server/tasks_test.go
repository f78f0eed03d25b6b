package server

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestTasks starts a -RunAsync rekey that takes simulated time and
// follows it with task.get and task.wait.
func TestTasks(t *testing.T) {
	srv, w := newTestServer(t)
	w.SetWorkPace(5 * time.Millisecond) // dev03's 100 GB of disks: half a second
	c := pipeClient(t, srv)
	ctx := context.Background()

	res, err := c.Invoke(ctx, "Set-VM", map[string]any{"VM": "dev03", "KeyProvider": Ref("KeyProvider-NKP-Secondary"), "Confirm": false, "RunAsync": true}, nil)
	require.NoError(t, err)
	require.Empty(t, res.Errors)
	require.Len(t, res.Output, 1)
	var task struct {
		Type  string `json:"$type"`
		ID    string `json:"Id"`
		State string `json:"State"`
	}
	require.NoError(t, json.Unmarshal(res.Output[0], &task))
	assert.Equal(t, "VMware.VimAutomation.ViCore.Impl.V1.Task.TaskImpl", task.Type)
	assert.Equal(t, "Running", task.State)

	var got struct {
		Task struct {
			State string `json:"State"`
		} `json:"task"`
		Done   bool              `json:"done"`
		Output []json.RawMessage `json:"output"`
		Errors []WireError       `json:"errors"`
	}
	require.NoError(t, c.Call(ctx, "task.get", map[string]any{"id": task.ID}, &got))
	assert.Equal(t, "Running", got.Task.State)

	require.NoError(t, c.Call(ctx, "task.wait", map[string]any{"id": task.ID, "timeoutMs": 20}, &got))
	assert.False(t, got.Done, "the wait timed out")
	assert.Equal(t, "Running", got.Task.State)
	assert.Empty(t, got.Errors)

	require.NoError(t, c.Call(ctx, "task.wait", map[string]any{"id": task.ID}, &got))
	assert.True(t, got.Done)
	assert.Equal(t, "Success", got.Task.State)
	require.Len(t, got.Output, 1, "the task's result: the VM")
	assert.Equal(t, "dev03", mustObject(t, got.Output[0])["Name"])
	assert.Equal(t, "NKP-Secondary", providerOf(t, w, "vm-108"))

	err = c.Call(ctx, "task.get", map[string]any{"id": "Task-task-999999"}, &got)
	assertRPCError(t, err, CodeTaskNotFound, "no task")

	// A task belongs to its connection.
	other := pipeClient(t, srv)
	err = other.Call(ctx, "task.get", map[string]any{"id": task.ID}, &got)
	assertRPCError(t, err, CodeTaskNotFound, "belongs to the connection that started it")
}

// TestDisconnectCancelsPendingTasks: a task whose work has not started
// when its client leaves is cancelled; the VM is as it was.
func TestDisconnectCancelsPendingTasks(t *testing.T) {
	srv, w := newTestServer(t)
	w.SetWorkPace(50 * time.Millisecond) // 5 s before the work starts
	conn, done := newRawConn(t, srv, nil)
	conn.send(`{"jsonrpc":"2.0","id":1,"method":"cmdlet.invoke","params":{"name":"Set-VM","parameters":{"VM":"dev03","KeyProvider":"NKP-Secondary","Confirm":false,"RunAsync":true}}}` + "\n")
	resp := conn.response()
	require.NotNil(t, resp["result"], resp)
	conn.conn.Close()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the session did not end")
	}
	assert.Equal(t, "", providerOf(t, w, "vm-108"), "the pending rekey was cancelled")
	assertWorldVerifies(t, w)
}
