package eval_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/keyhost/keyhost/ps/builtin"
	"github.com/keyhost/keyhost/ps/eval"
)

// runHost runs a command string on a host the test configures.
func runHost(t *testing.T, h *eval.Host, src string) (string, string, eval.Result) {
	t.Helper()
	var out, errOut bytes.Buffer
	h.Stdout, h.Stderr = &out, &errOut
	table := eval.NewCommandTable()
	builtin.Register(table)
	r := eval.New(eval.WithHost(h), eval.WithCommands(table))
	res := r.RunCommand(context.Background(), "<test>", src)
	return out.String(), errOut.String(), res
}

func TestWriteProgress(t *testing.T) {
	tests := []struct {
		name     string
		terminal bool
		src      string
		want     string
	}{
		{"nothing when not a terminal", false, "Write-Progress -Activity Copy -Status half -PercentComplete 50; 'done'", "done\n"},
		{"a line on a terminal", true, "Write-Progress -Activity Copy -Status half -PercentComplete 50",
			"\r\x1b[K\x1b[1mCopy half [===============               ] 50%\x1b[0m"},
		{"completed clears the line", true, "Write-Progress -Activity Copy -Completed", "\r\x1b[K"},
		{"silenced by the preference", true, "$ProgressPreference = 'SilentlyContinue'; Write-Progress -Activity Copy", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, res := runHost(t, &eval.Host{Color: tc.terminal}, tc.src)
			assert.Equal(t, tc.want, out)
			assert.Empty(t, errOut)
			assert.Equal(t, 0, res.ExitCode)
		})
	}
}

func TestReadHostAndPrompts(t *testing.T) {
	tests := []struct {
		name, stdin, src, want string
	}{
		{"read-host without prompt", "hello\n", "$v = Read-Host; \"got $v\"", "got hello\n"},
		{"prompt for choice default", "\n", "$Host.UI.PromptForChoice('', 'Go?', @('&Yes', '&No'), 1)", "Go?\n[Y] Yes  [N] No  [?] Help (default is \"N\"): 1\n"},
		{"choice help then answer", "?\ny\n", "$Host.UI.PromptForChoice('C', '', @([System.Management.Automation.Host.ChoiceDescription]::new('&Yes', 'Do it')), 0)",
			"C\n[Y] Yes  [?] Help (default is \"Y\"): Y - Do it\n[Y] Yes  [?] Help (default is \"Y\"): 0\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, _ := runHost(t, &eval.Host{Stdin: strings.NewReader(tc.stdin)}, tc.src)
			assert.Equal(t, tc.want, out)
			assert.Empty(t, errOut)
		})
	}
}

func TestRunIsBoundedByContext(t *testing.T) {
	var out, errOut bytes.Buffer
	r := eval.New(eval.WithHost(&eval.Host{Stdout: &out, Stderr: &errOut}))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res := r.RunCommand(ctx, "<test>", "while ($true) { }")
	assert.Equal(t, 1, res.ExitCode)
	assert.True(t, res.Terminated)
	assert.Contains(t, errOut.String(), "The pipeline has been stopped.")
}
