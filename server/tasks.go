package server

import (
	"encoding/json"
	"time"

	"github.com/sourcegraph/jsonrpc2"

	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
)

// Tasks are PowerCLI's: a cmdlet run with -RunAsync writes a Task object
// (Id "Task-task-1001", State Running) at once and its work goes on in
// the background. A task belongs to the session (connection) that
// started it, as in PowerCLI, where Get-Task lists the session's tasks;
// it is cancelled, if its work has not started, when that connection
// ends. task.get and task.wait are the protocol's way to Get-Task -Id and
// Wait-Task without writing a script.

// The cmdlets the task methods use.
const (
	getTaskCmdlet  = "Get-Task"
	waitTaskCmdlet = "Wait-Task"
)

// maxTaskWait bounds task.wait's timeoutMs.
const maxTaskWait = 24 * time.Hour

// taskGet answers task.get {"id": "Task-task-1001"} with {"task": Task}.
func (sess *session) taskGet(params json.RawMessage) ([]byte, *jsonrpc2.Error) {
	var p struct {
		ID string `json:"id"`
	}
	if err := parseParamsBytes(params, &p); err != nil {
		return nil, err
	}
	if err := requireString("id", p.ID); err != nil {
		return nil, err
	}
	task, rerr := sess.task(p.ID)
	if rerr != nil {
		return nil, rerr
	}
	e := newEncoder(sess.ps.RefOf, false)
	e.buf = append(e.buf, `{"task":`...)
	e.value(task, 0)
	e.buf = append(e.buf, '}')
	return e.buf, nil
}

// taskWait answers task.wait {"id": "Task-task-1001", "timeoutMs": 5000}:
// it waits for the task to end (at most timeoutMs when given) and answers
// {"task": Task, "done": bool, "output": [...], "errors": [...],
// "warnings": [...], "host": ""}, where output is the task's result (what
// the cmdlet would have written without -RunAsync) and errors its
// failure, as Wait-Task writes them. After a timeout done is false and
// the task goes on.
func (sess *session) taskWait(params json.RawMessage) ([]byte, *jsonrpc2.Error) {
	var p struct {
		ID        string `json:"id"`
		TimeoutMs int64  `json:"timeoutMs"`
	}
	if err := parseParamsBytes(params, &p); err != nil {
		return nil, err
	}
	if err := requireString("id", p.ID); err != nil {
		return nil, err
	}
	if p.TimeoutMs < 0 {
		return nil, invalidParams("invalid params: \"timeoutMs\" must not be negative")
	}
	done, rerr := sess.waitUntilDone(p.ID, time.Duration(min(p.TimeoutMs, int64(maxTaskWait/time.Millisecond)))*time.Millisecond)
	if rerr != nil {
		return nil, rerr
	}
	var res eval.InvokeResult
	if done {
		// The task has ended: Wait-Task returns at once with its result.
		var err error
		if res, err = sess.runner.InvokeCommand(sess.ctx, waitTaskCmdlet, map[string]any{"Task": p.ID}, nil); err != nil {
			return nil, rpcError(CodeInternalError, nil, "waiting for %s: %v", p.ID, err)
		}
	}
	task, rerr := sess.task(p.ID)
	if rerr != nil {
		return nil, rerr
	}
	e := newEncoder(sess.ps.RefOf, false)
	e.buf = append(e.buf, `{"task":`...)
	e.value(task, 0)
	e.buf = append(e.buf, `,"done":`...)
	e.value(done, 0)
	e.buf = append(e.buf, ',')
	result := sess.encodeResult(res, false)
	e.buf = append(e.buf, result[1:]...) // the result's members, after {
	return e.buf, nil
}

// waitUntilDone waits for a task to leave the Running state, at most
// timeout (0: as long as it takes). It polls Get-Task rather than run
// Wait-Task under a deadline: the session's interpreter keeps the context
// of its calls for the background work they started, so every call of a
// session runs under the session's own context.
func (sess *session) waitUntilDone(id string, timeout time.Duration) (bool, *jsonrpc2.Error) {
	var deadline time.Time
	if timeout > 0 {
		deadline = time.Now().Add(timeout)
	}
	pause := time.Millisecond
	for {
		task, rerr := sess.task(id)
		if rerr != nil {
			return false, rerr
		}
		state, _ := value.GetProperty(task, "State")
		if s := value.ToString(state); s != "Running" && s != "Queued" {
			return true, nil
		}
		wait := pause
		if !deadline.IsZero() {
			left := time.Until(deadline)
			if left <= 0 {
				return false, nil
			}
			wait = min(wait, left)
		}
		select {
		case <-time.After(wait):
		case <-sess.ctx.Done():
			return false, nil
		}
		pause = min(2*pause, 50*time.Millisecond)
	}
}

// task returns a fresh Task object of this session, through Get-Task.
func (sess *session) task(id string) (any, *jsonrpc2.Error) {
	if _, ok := sess.srv.catalog.lookup(getTaskCmdlet); !ok {
		return nil, rpcError(CodeTaskNotFound, nil, "this keyhost has no tasks (no %s cmdlet)", getTaskCmdlet)
	}
	res, err := sess.runner.InvokeCommand(sess.ctx, getTaskCmdlet, map[string]any{"Id": id, "ErrorAction": "SilentlyContinue"}, nil)
	if err != nil || len(res.Output) == 0 {
		return nil, rpcError(CodeTaskNotFound, nil, "no task %q in this session (a task belongs to the connection that started it)", truncate(id, 64))
	}
	return res.Output[0], nil
}
