package cmdlets_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// -RunAsync, Get-Task, Wait-Task, Stop-Task.
func TestTasks(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"run async writes a running task", `$t = Start-VM dev01 -RunAsync; "$($t.GetType().FullName) $($t.Name) $($t.State) $($t.PercentComplete) $($t.Id)"`,
			"VMware.VimAutomation.ViCore.Impl.V1.Task.TaskImpl PowerOnVM_Task Running 0 Task-task-1001\n"},
		{"task is a Task", `(Start-VM dev01 -RunAsync) -is [VMware.VimAutomation.Sdk.Types.V1.Task]`, "True\n"},
		{"wait-task writes the result", `$vm = Start-VM dev01 -RunAsync | Wait-Task; "$vm $($vm.PowerState)"`, "dev01 PoweredOn\n"},
		{"get-task -Id gives a fresh snapshot", `$t = Set-VM dev01 -KeyProvider NKP-Secondary -Confirm:$false -RunAsync; $null = Wait-Task $t; $u = Get-Task -Id $t.Id; "$($t.State) $($u.State) $($u.PercentComplete) $($u.Result.ExtensionData.Config.KeyId.ProviderId.Id)"`,
			"Running Success 100 NKP-Secondary\n"},
		{"every cmdlet's task is listed", `Start-VM dev01 | Out-Null; Stop-VM dev01 -Confirm:$false | Out-Null; (Get-Task | ForEach-Object { "$($_.Name):$($_.State)" }) -join ' '`,
			"PowerOnVM_Task:Success PowerOffVM_Task:Success\n"},
		{"get-task -Status", `Start-VM dev01 | Out-Null; Start-VM dev01 -ErrorAction SilentlyContinue | Out-Null; (Get-Task -Status Error).Name`, "PowerOnVM_Task\n"},
		{"async tasks of several VMs", `$ts = Get-VM dev0[123] | Start-VM -RunAsync; (Wait-Task $ts | ForEach-Object { "$_=$($_.PowerState)" }) -join ' '`,
			"dev01=PoweredOn dev02=PoweredOn dev03=PoweredOn\n"},
		{"snapshot async", `$s = New-Snapshot -VM dev01 -Name pre -RunAsync | Wait-Task; "$s $($s.VM)"`, "pre dev01\n"},
		{"host async", `(Set-VMHost esx04.lab.local -KeyProvider NKP-Secondary -RunAsync | Wait-Task).CryptoState`, "Safe\n"},
		{"template async", `(Set-Template tmpl-web -ToVM -RunAsync | Wait-Task).GetType().Name`, "UniversalVirtualMachineImpl\n"},
		{"vTPM async", `(New-VTpm -VM dev01 -RunAsync | Wait-Task).Name`, "Virtual TPM\n"},
		{"task table", `Start-VM dev01 | Out-Null; Get-Task`,
			"\nName                           State      % Complete Start Time   Finish Time\n----                           -----      ---------- ----------   -----------\nPowerOnVM_Task                 Success           100 3:11:08 AM   3:11:08 AM\n\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, res, _ := session(t, tc.src)
			assert.Equal(t, tc.want, out)
			assert.Empty(t, errOut)
			assert.Equal(t, 0, res.ExitCode)
		})
	}
}

// A task that fails reports the fault's message when it is waited for, as
// the cmdlet would have without -RunAsync.
func TestTaskFailureIsTheFaultMessage(t *testing.T) {
	out, errOut, res, _ := session(t, `
$t = Set-VM util01 -KeyProvider NKP-Primary -Confirm:$false -RunAsync
"started: $($t.State)"
Wait-Task $t
(Get-Task -Id $t.Id).State
`)
	assert.Equal(t, "started: Running\nError\n", out)
	assert.Contains(t, errOut, "Wait-Task  The operation for the entity \"util01\" failed with the following message: \"The attempted operation cannot be performed in the current state (Powered on).\"")
	assert.Equal(t, 1, res.ExitCode)
}

// Long operations take simulated time, so a script can watch them and
// cancel one that has not started its work.
func TestPacedTasksCanBeWatchedAndStopped(t *testing.T) {
	w := demoWorld(t)
	w.SetWorkPace(20 * time.Millisecond) // dev03's 100 GB of disks: 2 s
	out, errOut, res := run(t, w, newWorkFS(), `
$t = Set-VM dev03 -KeyProvider NKP-Secondary -Confirm:$false -RunAsync
"$((Get-Task -Id $t.Id).State) cancelable=$((Get-Task -Id $t.Id).IsCancelable)"
Stop-Task $t -Confirm:$false
Wait-Task $t -ErrorAction SilentlyContinue
"$((Get-Task -Id $t.Id).State) encrypted=$($null -ne (Get-VM dev03).ExtensionData.Config.KeyId)"
$error[0].Exception.Message -replace '^.*\t\t', ''
`)
	require.Equal(t, 0, res.ExitCode, errOut)
	assert.Equal(t, "Running cancelable=True\nError encrypted=False\nThe operation for the entity \"dev03\" failed with the following message: \"The task was canceled by a user.\"\n", out)
}

func TestStopTaskErrors(t *testing.T) {
	_, errOut, _, _ := session(t, `$t = Start-VM dev01 -RunAsync; $null = Wait-Task $t; Stop-Task $t -Confirm:$false; Wait-Task -Task Task-task-9`)
	assert.Contains(t, errOut, "The task 'Task-task-1001' cannot be cancelled.")
	assert.Contains(t, errOut, "Task with id 'Task-task-9' was not found using the specified filter(s).")
}

// Get-Task lists the running tasks and the last 200 completed ones, as
// vCenter's recent tasks do: a long loop does not keep every task.
func TestGetTaskKeepsTheLast200Completed(t *testing.T) {
	out, errOut, res, _ := session(t, `
$first = Start-VM dev01 -RunAsync | Wait-Task
foreach ($i in 1..500) { Stop-VM dev01 -Confirm:$false | Out-Null; Start-VM dev01 | Out-Null }
$tasks = @(Get-Task)
"$($tasks.Count) $($tasks[0].Id) $($tasks[-1].Id)"
(Get-Task -Id Task-task-1001 -ErrorAction SilentlyContinue) -eq $null
`)
	require.Empty(t, errOut)
	assert.Equal(t, 0, res.ExitCode)
	// 1,001 tasks: Task-task-1001 .. Task-task-2001; the last 200 remain.
	assert.Equal(t, "200 Task-task-1802 Task-task-2001\nTrue\n", out)
}
