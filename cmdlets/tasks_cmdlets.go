package cmdlets

import (
	"github.com/keyhost/keyhost/engine"
	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
)

// getTask is Get-Task (VMware.VimAutomation.Common):
//
//	Get-Task [-Status <TaskState>] [-Server <VIServer[]>]
//	Get-Task -Id <String[]> [-Server <VIServer[]>]
//
// It writes the session's recent tasks, oldest first (keyhost keeps the
// tasks of this session only), as fresh snapshots.
func (s *Session) getTask() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                "Get-Task",
		Module:              "VMware.VimAutomation.Common",
		ImplementingType:    "VMware.VimAutomation.ViCore.Cmdlets.Commands.GetTask",
		Synopsis:            "Retrieves the tasks on a vCenter Server system.",
		DefaultParameterSet: "Default",
		OutputType:          []string{"VMware.VimAutomation.Sdk.Types.V1.Task"},
		Parameters: []*eval.Parameter{
			{Name: "Status", Type: &eval.Type{Name: taskStateType.Name, Convert: func(v any) (any, error) { return taskStateType.Convert(v) }},
				Sets: []eval.ParameterSet{{Name: "Default", Position: -1, ValueFromPipeline: true}}, Help: "Queued, Running, Success or Error."},
			{Name: "Id", Type: eval.StringArrayType, Sets: []eval.ParameterSet{{Name: "ById", Mandatory: true, Position: -1}},
				Help: "The ids of the tasks to retrieve (Task-task-1001)."},
			serverParam(),
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				targets, err := s.targets(c)
				if err != nil {
					return err
				}
				var tasks []*task
				for _, t := range s.rs.tasks.all() {
					if containsSession(targets, t.conn) {
						tasks = append(tasks, t)
					}
				}
				write := func(t *task) error { return c.WriteObject(t.object()) }
				if c.ParameterSetName() == "ById" {
					return writeByID(c, "Task", tasks, func(t *task) string { return t.id }, write)
				}
				for _, t := range tasks {
					if c.Has("Status") && t.currentState() != value.ToString(c.Value("Status")) {
						continue
					}
					if err := write(t); err != nil {
						return err
					}
				}
				return nil
			})
		},
	}
}

// resolveTasks turns -Task arguments (Task objects or ids) into tasks.
func (s *Session) resolveTasks(c *eval.Call) ([]*task, error) {
	var out []*task
	for _, item := range value.Enumerate(c.Value("Task")) {
		id := value.ToString(item)
		if o, ok := item.(value.Object); ok {
			v, _ := o.Property("Id")
			id = value.ToString(v)
		}
		t := s.rs.tasks.find(id)
		if t == nil {
			if err := c.WriteError(viError(c, "Task with id '"+id+"' was not found using the specified filter(s).", "Core_OutputHelper_WriteNotFoundError", eval.ObjectNotFound, id, "")); err != nil {
				return nil, err
			}
			continue
		}
		out = append(out, t)
	}
	return out, nil
}

// waitTask is Wait-Task -Task <Task[]>: it waits for the tasks to end and
// writes each one's result (the object the cmdlet would have written
// without -RunAsync); a task that failed is written as the error the
// cmdlet would have written (the fault's message).
func (s *Session) waitTask() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:             "Wait-Task",
		Module:           "VMware.VimAutomation.Common",
		ImplementingType: "VMware.VimAutomation.ViCore.Cmdlets.Commands.WaitTask",
		Synopsis:         "Waits for tasks to end and returns their results.",
		OutputType:       []string{"System.Object"},
		Parameters: []*eval.Parameter{
			{Name: "Task", Type: taskParamType, NotNullOrEmpty: true, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Mandatory: true, Position: 0, ValueFromPipeline: true}},
				Help: "The tasks to wait for."},
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				tasks, err := s.resolveTasks(c)
				if err != nil {
					return err
				}
				for _, t := range tasks {
					res, err := t.wait(c.Context())
					if err != nil {
						if _, isFault := engine.AsFault(err); !isFault {
							return err
						}
						if werr := c.WriteError(faultError(c, t.entity, err)); werr != nil {
							return werr
						}
						continue
					}
					if res != nil {
						if err := c.WriteObjects(res); err != nil {
							return err
						}
					}
				}
				return nil
			})
		},
	}
}

// stopTask is Stop-Task -Task <Task[]>: it cancels tasks that have not
// started their work yet (a cancelable task: IsCancelable); the task then
// ends in Error with vSphere's "The task was canceled by a user.". A task
// that cannot be cancelled is an error. ConfirmImpact Medium (best reading).
func (s *Session) stopTask() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                  "Stop-Task",
		Module:                "VMware.VimAutomation.Common",
		ImplementingType:      "VMware.VimAutomation.ViCore.Cmdlets.Commands.StopTask",
		Synopsis:              "Cancels running tasks.",
		SupportsShouldProcess: true,
		ConfirmImpact:         eval.ImpactMedium,
		Parameters: []*eval.Parameter{
			{Name: "Task", Type: taskParamType, NotNullOrEmpty: true, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Mandatory: true, Position: 0, ValueFromPipeline: true}},
				Help: "The tasks to cancel."},
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				tasks, err := s.resolveTasks(c)
				if err != nil {
					return err
				}
				for _, t := range tasks {
					ok, err := c.ShouldProcess(t.id, "Cancel task")
					if err != nil {
						return err
					}
					if !ok {
						continue
					}
					if !t.cancel() {
						if err := c.WriteError(viError(c, "The task '"+t.id+"' cannot be cancelled.", "Client20_TaskServiceImpl_CancelTask_NotCancelable", eval.InvalidOperation, t.id, "")); err != nil {
							return err
						}
					}
				}
				return nil
			})
		},
	}
}
