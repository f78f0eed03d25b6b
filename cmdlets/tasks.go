package cmdlets

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/keyhost/keyhost/engine"
	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
)

// vCenter tasks. Every operation a PowerCLI cmdlet asks vCenter to carry
// out is a task (ReconfigVM_Task, PowerOnVM_Task, ...). Without -RunAsync
// the cmdlet waits for it and writes its result; with -RunAsync it writes
// the Task at once (State Running) and the work goes on in the
// background; Get-Task lists the session's tasks, Wait-Task waits and
// writes their results, Stop-Task cancels those that have not started
// their work. Work that rewrites data takes simulated time (the world's
// work pace, engine.SetWorkPace) before it is done, so a script can watch
// a task run. A Task object, like every PowerCLI object, is a snapshot of
// the task when it was retrieved: Get-Task -Id gives a fresh one.

var (
	taskTypeNames = []string{
		"VMware.VimAutomation.ViCore.Impl.V1.Task.TaskImpl",
		"VMware.VimAutomation.Sdk.Types.V1.Task",
		"System.Object",
	}
	// taskStateType is PowerCLI's TaskState: the API's TaskInfoState
	// (queued, running, success, error) in PowerCLI's casing (best
	// reading; a cancelled task ends in Error, as in vSphere).
	taskStateType = &value.EnumType{
		Name:    "VMware.VimAutomation.Sdk.Types.V1.TaskState",
		Members: []string{"Queued", "Running", "Success", "Error"},
	}
	taskParamType = inventoryParamType("VMware.VimAutomation.Sdk.Types.V1.Task[]", "VMware.VimAutomation.Sdk.Types.V1.Task")
)

// errTaskCanceled is vSphere's RequestCanceled fault, for a task stopped
// with Stop-Task.
var errTaskCanceled = &engine.Fault{Name: "RequestCanceled", Message: "The task was canceled by a user."}

// maxRecentCompleted is how many completed tasks a session keeps: vCenter's
// TaskManager.recentTask (what Get-Task lists) holds the running and queued
// tasks and "each of the completed Task objects in this list is one of the
// last 200 completed Task objects" (vSphere API reference). Its other
// limit, completed within the past 10 minutes, is not applied. A script
// that rekeys 22,500 VMs so keeps 200 tasks, not 22,500.
const maxRecentCompleted = 200

// taskList is a session's tasks, oldest first: those still running and
// the last maxRecentCompleted that completed.
type taskList struct {
	mu    sync.Mutex
	tasks []*task
	next  int
	// running counts -RunAsync tasks still at work (WaitTasks).
	running sync.WaitGroup
}

func newTaskList() *taskList { return &taskList{next: 1001} }

// task is one vCenter task.
type task struct {
	id          string // "Task-task-1001"
	name        string // the API method, "ReconfigVM_Task"
	description string // "Reconfigure virtual machine"
	entity      string // the object's name, for error messages
	objectID    string // the object's PowerCLI id
	conn        *Session
	cancelable  bool

	mu       sync.Mutex
	state    string
	percent  int
	start    time.Time
	finish   time.Time
	result   any
	err      error
	canceled bool
	done     chan struct{}
	// started is the task as -RunAsync writes it: its snapshot when it
	// started, taken before the work can end.
	started *value.PSObject
}

// taskSpec describes the work of a task. work runs once the simulated
// time (delay) has passed; it returns the cmdlet's result object.
type taskSpec struct {
	name, description string
	entity, objectID  string
	delay             time.Duration
	work              func() (any, error)
}

// startTask records a new running task and starts its work: in the
// background for -RunAsync, else before it returns.
func (s *Session) startTask(c *eval.Call, spec taskSpec, async bool) *task {
	tl := s.rs.tasks
	tl.mu.Lock()
	t := &task{
		id: fmt.Sprintf("Task-task-%d", tl.next), name: spec.name, description: spec.description,
		entity: spec.entity, objectID: spec.objectID, conn: s, cancelable: spec.delay > 0,
		state: "Running", start: c.Now(), done: make(chan struct{}),
	}
	tl.next++
	tl.tasks = append(tl.tasks, t)
	tl.forgetOldCompleted()
	tl.mu.Unlock()
	run := func(ctx context.Context) {
		if spec.delay > 0 {
			select {
			case <-time.After(spec.delay):
			case <-ctx.Done():
			}
		}
		t.mu.Lock()
		canceled := t.canceled || ctx.Err() != nil
		t.mu.Unlock()
		var res any
		var err error
		if canceled {
			err = errTaskCanceled
		} else {
			res, err = spec.work()
		}
		t.mu.Lock()
		t.result, t.err, t.finish = res, err, time.Now()
		if !t.start.IsZero() && t.finish.Before(t.start) {
			t.finish = t.start
		}
		if err != nil {
			t.state = "Error"
		} else {
			t.state, t.percent = "Success", 100
		}
		t.mu.Unlock()
		close(t.done)
	}
	if async {
		// -RunAsync writes the task as it is when it starts (Running):
		// take that snapshot before the work can finish.
		t.started = t.object()
		tl.running.Add(1)
		go func() {
			defer tl.running.Done()
			run(c.Context())
		}()
	} else {
		run(c.Context())
		t.mu.Lock()
		t.finish = c.Now() // the host's clock, as the start time
		t.mu.Unlock()
	}
	return t
}

// currentState returns the task's state name.
func (t *task) currentState() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.state
}

// cancel stops a task that has not started its work.
func (t *task) cancel() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.state != "Running" || !t.cancelable {
		return false
	}
	t.canceled = true
	return true
}

// object is a snapshot of the task as a PowerCLI Task. Result is the
// cmdlet's output once the task succeeded.
func (t *task) object() *value.PSObject {
	t.mu.Lock()
	defer t.mu.Unlock()
	o := value.NewPSObject(taskTypeNames...)
	var finish any
	if t.state == "Success" || t.state == "Error" {
		finish = value.NewDateTime(t.finish, value.KindLocal)
	}
	percent := t.percent
	if t.state == "Running" {
		percent = 0
	}
	o.Add("Description", t.description).
		Add("ExtensionData", nil).
		Add("FinishTime", finish).
		Add("Id", t.id).
		Add("IsCancelable", t.cancelable && t.state == "Running").
		Add("Name", t.name).
		Add("ObjectId", t.objectID).
		Add("PercentComplete", int32(percent)).
		Add("Result", t.result).
		Add("StartTime", value.NewDateTime(t.start, value.KindLocal)).
		Add("State", taskStateType.Member(t.state)).
		Add("Uid", t.conn.uid("Task", t.id))
	id := t.id
	o.ToStringFunc = func() string { return id }
	return o
}

// wait waits for the task to end (or the run to be stopped) and returns
// its result and error.
func (t *task) wait(ctx context.Context) (any, error) {
	select {
	case <-t.done:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.result, t.err
}

// forgetOldCompleted drops the oldest completed tasks beyond
// maxRecentCompleted; running tasks stay. It does its work only once the
// list has grown to twice the limit, so that adding a task costs O(1) on
// average. Callers hold tl.mu.
func (tl *taskList) forgetOldCompleted() {
	if len(tl.tasks) <= 2*maxRecentCompleted {
		return
	}
	kept := tl.recentLocked()
	n := copy(tl.tasks, kept)
	clear(tl.tasks[n:]) // let the dropped tasks' results go
	tl.tasks = tl.tasks[:n]
}

// recentLocked returns what Get-Task sees: every running task and the
// last maxRecentCompleted completed ones, oldest first. Callers hold tl.mu.
func (tl *taskList) recentLocked() []*task {
	completed := 0
	for _, t := range tl.tasks {
		if t.completed() {
			completed++
		}
	}
	drop := completed - maxRecentCompleted
	out := make([]*task, 0, len(tl.tasks)-max(drop, 0))
	for _, t := range tl.tasks {
		if drop > 0 && t.completed() {
			drop--
			continue
		}
		out = append(out, t)
	}
	return out
}

// completed reports whether the task's work has ended.
func (t *task) completed() bool {
	select {
	case <-t.done:
		return true
	default:
		return false
	}
}

// find returns the task with the given id, or nil.
func (tl *taskList) find(id string) *task {
	for _, t := range tl.all() {
		if t.id == id {
			return t
		}
	}
	return nil
}

// all returns the session's recent tasks, oldest first.
func (tl *taskList) all() []*task {
	tl.mu.Lock()
	defer tl.mu.Unlock()
	return tl.recentLocked()
}

// WaitTasks waits for the session's -RunAsync tasks to end. A vCenter
// carries out a task whether or not the script waits for it, so keyhost
// run calls this when a script ends, before it saves the world.
func (s *Session) WaitTasks() { s.rs.tasks.running.Wait() }

// runAsyncParam is -RunAsync.
func runAsyncParam() *eval.Parameter {
	return &eval.Parameter{Name: "RunAsync", Switch: true, Help: "Return a Task at once instead of waiting for the operation (see about_RunAsync)."}
}

// perform runs one operation as a task: with -RunAsync it writes the Task
// and returns; otherwise it waits, then writes the result (writeResult
// false: nothing) or the failure as PowerCLI's task error.
func (s *Session) perform(c *eval.Call, spec taskSpec, writeResult bool) error {
	async := c.Switch("RunAsync")
	t := s.startTask(c, spec, async)
	if async {
		return c.WriteObject(t.started)
	}
	res, err := t.wait(c.Context())
	if err != nil {
		if _, isFault := engine.AsFault(err); !isFault {
			return err
		}
		return c.WriteError(faultError(c, spec.entity, err))
	}
	if writeResult && res != nil {
		return c.WriteObjects(res)
	}
	return nil
}

// pacedDelay is the simulated time an operation that rewrites gib GiB
// takes on this connection's vCenter.
func (s *Session) pacedDelay(gib int64) time.Duration {
	return time.Duration(gib) * s.World.WorkPace()
}
