package eval_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/keyhost/keyhost/ps/builtin"
	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
)

// invokeRunner returns a runner with the builtin cmdlets and Test-Invoke,
// a cmdlet that exercises every stream: it writes each input (or -Value)
// to the output, a warning for -Warn, host text for -Say, a
// non-terminating error for -Fail, and asks ShouldProcess (impact High)
// before each object. stdin feeds confirmation prompts ("" means none).
func invokeRunner(t *testing.T, stdin string) *eval.Runner {
	t.Helper()
	table := eval.NewCommandTable()
	builtin.Register(table)
	table.Register(&eval.CommandInfo{
		Name:                  "Test-Invoke",
		ImplementingType:      "Keyhost.Tests.TestInvoke",
		SupportsShouldProcess: true,
		ConfirmImpact:         eval.ImpactHigh,
		Parameters: []*eval.Parameter{
			{Name: "Value", Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Position: 0, ValueFromPipeline: true}}},
			{Name: "Warn", Type: eval.StringType},
			{Name: "Say", Type: eval.StringType},
			{Name: "Fail", Switch: true},
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				v := c.Value("Value")
				if c.Has("Warn") {
					if err := c.WriteWarning(c.String("Warn")); err != nil {
						return err
					}
				}
				if c.Has("Say") {
					c.WriteHost(c.String("Say"), eval.NoColor, eval.NoColor, true)
				}
				if c.Switch("Fail") {
					return c.WriteError(c.NewError(eval.NewException("System.InvalidOperationException", "failed on "+value.ToString(v)), "TestFailure", eval.InvalidOperation, v))
				}
				ok, err := c.ShouldProcess(value.ToString(v), "Test")
				if err != nil || !ok {
					return err
				}
				return c.WriteObject(v)
			})
		},
	})
	h := &eval.Host{}
	if stdin != "" {
		h.Stdin = strings.NewReader(stdin)
	}
	return eval.New(eval.WithHost(h), eval.WithCommands(table))
}

func TestInvokeCommandStreams(t *testing.T) {
	confirmed := map[string]any{"Confirm": false}
	with := func(extra map[string]any) map[string]any {
		out := map[string]any{"Confirm": false}
		for k, v := range extra {
			out[k] = v
		}
		return out
	}
	tests := []struct {
		name     string
		command  string
		params   map[string]any
		input    []any
		output   []any
		errors   []string // FullyQualifiedErrorIds
		term     string   // terminating FullyQualifiedErrorId prefix
		warnings []string
		host     string
	}{
		{name: "named parameter", command: "Test-Invoke", params: with(map[string]any{"Value": "web01"}), output: []any{"web01"}},
		{name: "pipeline input, one by one", command: "Test-Invoke", params: confirmed, input: []any{"a", "b"}, output: []any{"a", "b"}},
		{name: "nil input runs once", command: "Test-Invoke", params: confirmed, output: []any{nil}},
		{name: "empty input runs nothing", command: "Test-Invoke", params: confirmed, input: []any{}},
		{name: "builtin with pipeline", command: "Sort-Object", input: []any{int32(3), int32(1), int32(2)}, output: []any{int32(1), int32(2), int32(3)}},
		{name: "warning", command: "Test-Invoke", params: with(map[string]any{"Value": "x", "Warn": "careful"}), output: []any{"x"}, warnings: []string{"careful"}},
		{name: "WarningAction SilentlyContinue", command: "Test-Invoke", params: with(map[string]any{"Value": "x", "Warn": "careful", "WarningAction": "SilentlyContinue"}), output: []any{"x"}},
		{name: "host text", command: "Test-Invoke", params: with(map[string]any{"Value": "x", "Say": "hello"}), output: []any{"x"}, host: "hello\n"},
		{name: "non-terminating errors go on", command: "Test-Invoke", params: map[string]any{"Fail": true}, input: []any{"a", "b"},
			errors: []string{"TestFailure,Keyhost.Tests.TestInvoke", "TestFailure,Keyhost.Tests.TestInvoke"}},
		{name: "ErrorAction Stop ends at the first", command: "Test-Invoke", params: map[string]any{"Fail": true, "ErrorAction": "Stop"}, input: []any{"a", "b"},
			term: "TestFailure"},
		{name: "ErrorAction SilentlyContinue", command: "Test-Invoke", params: map[string]any{"Fail": true, "ErrorAction": "SilentlyContinue"}, input: []any{"a"}},
		{name: "WhatIf", command: "Test-Invoke", params: map[string]any{"Value": "web01", "WhatIf": true},
			host: "What if: Performing the operation \"Test\" on target \"web01\".\n"},
		{name: "prompt without stdin fails like -NonInteractive", command: "Test-Invoke", params: map[string]any{"Value": "web01"}, term: "HostException"},
		{name: "unknown command", command: "Get-Nothing", term: "CommandNotFoundException"},
		{name: "unknown parameter", command: "Test-Invoke", params: map[string]any{"Bogus": 1}, term: "NamedParameterNotFound"},
		{name: "quoted name", command: "Test Invoke", term: "CommandNotFoundException"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := invokeRunner(t, "")
			res, err := r.InvokeCommand(context.Background(), tt.command, tt.params, tt.input)
			require.NoError(t, err)
			assert.Equal(t, tt.output, res.Output)
			var ids []string
			for _, e := range res.Errors {
				ids = append(ids, e.FullyQualifiedErrorID)
			}
			assert.Equal(t, tt.errors, ids)
			if tt.term == "" {
				assert.Nil(t, res.Terminating)
			} else if assert.NotNil(t, res.Terminating) {
				assert.True(t, strings.HasPrefix(res.Terminating.FullyQualifiedErrorID, tt.term), res.Terminating.FullyQualifiedErrorID)
			}
			assert.Equal(t, tt.warnings, res.Warnings)
			assert.Equal(t, tt.host, res.Host)
		})
	}
}

func TestInvokeCommandPromptReadsStdin(t *testing.T) {
	r := invokeRunner(t, "n\ny\n")
	res, err := r.InvokeCommand(context.Background(), "Test-Invoke", nil, []any{"a", "b"})
	require.NoError(t, err)
	assert.Nil(t, res.Terminating)
	assert.Equal(t, []any{"b"}, res.Output, "answered no, then yes")
	assert.Contains(t, res.Host, "Are you sure you want to perform this action?")
}

func TestInvokeMisuse(t *testing.T) {
	r := invokeRunner(t, "")
	_, err := r.InvokeCommand(context.Background(), " ", nil, nil)
	assert.Error(t, err)
}

func TestInvokeScript(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		vars     map[string]any
		output   []any
		errors   int
		term     string
		exit     int
		host     string
		warnings []string
	}{
		{name: "output is collected, not formatted", src: "'a'; 1 + 1", output: []any{"a", int32(2)}},
		{name: "variables", src: "$vm", vars: map[string]any{"vm": "web01"}, output: []any{"web01"}},
		{name: "statement error and go on", src: "Get-Nothing; 'after'", output: []any{"after"}, errors: 1},
		{name: "Write-Error", src: "Write-Error 'bad'; 'after'", output: []any{"after"}, errors: 1},
		{name: "2>&1 keeps its meaning", src: "Write-Error 'bad' 2>&1 | ForEach-Object { 'got ' + $_ }", output: []any{"got bad"}},
		{name: "caught errors are not reported", src: "try { throw 'x' } catch { 'caught' }", output: []any{"caught"}},
		{name: "uncaught throw ends the script", src: "'before'; throw 'boom'; 'after'", output: []any{"before"}, term: "boom"},
		{name: "ErrorActionPreference Stop", src: "$ErrorActionPreference = 'Stop'; Write-Error 'bad'; 'after'", term: "Microsoft.PowerShell.Commands.WriteErrorException"},
		{name: "exit", src: "'x'; exit 3; 'y'", output: []any{"x"}, exit: 3},
		{name: "parse error", src: "if (", term: "IfStatementMissingCondition"},
		{name: "Write-Host", src: "Write-Host 'hi' -ForegroundColor Green; 'out'", output: []any{"out"}, host: "hi\n"},
		{name: "Out-Host is host text", src: "'shown' | Out-Host", host: "shown\n"},
		{name: "Test-Invoke warning", src: "Test-Invoke x -Warn 'w1' -Confirm:$false", output: []any{"x"}, warnings: []string{"w1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := invokeRunner(t, "")
			res := r.InvokeScript(context.Background(), "<test>", tt.src, tt.vars)
			assert.Equal(t, tt.output, res.Output)
			assert.Len(t, res.Errors, tt.errors)
			if tt.term == "" {
				assert.Nil(t, res.Terminating)
			} else if assert.NotNil(t, res.Terminating) {
				assert.Contains(t, res.Terminating.FullyQualifiedErrorID+" "+res.Terminating.Message(), tt.term)
			}
			assert.Equal(t, tt.exit, res.ExitCode)
			assert.Equal(t, tt.host, res.Host)
			assert.Equal(t, tt.warnings, res.Warnings)
		})
	}
}

func TestInvokeSessionPersistsAndRecovers(t *testing.T) {
	r := invokeRunner(t, "")
	ctx := context.Background()
	res := r.InvokeScript(ctx, "<test>", "$x = 5; function Get-Double($n) { 2 * $n }", nil)
	require.Nil(t, res.Terminating)

	// A failed call leaves nothing behind that changes the next one.
	res = r.InvokeScript(ctx, "<test>", "try { throw 'inside' } finally { }", nil)
	require.NotNil(t, res.Terminating)
	res, err := r.InvokeCommand(ctx, "Get-Double", map[string]any{"n": int32(21)}, nil)
	require.NoError(t, err)
	assert.Equal(t, []any{int32(42)}, res.Output)
	res = r.InvokeScript(ctx, "<test>", "Get-Nothing; $x", nil)
	assert.Equal(t, []any{int32(5)}, res.Output)
	assert.Len(t, res.Errors, 1, "an error after a failed try is reported, not treated as caught")

	// Parameters and input never leak into the session.
	_, err = r.InvokeCommand(ctx, "Test-Invoke", map[string]any{"Confirm": false}, []any{"a"})
	require.NoError(t, err)
	res = r.InvokeScript(ctx, "<test>", "$null -eq $KeyhostParameters -and $null -eq $KeyhostInput", nil)
	assert.Equal(t, []any{true}, res.Output)
	assert.NotEmpty(t, r.Errors(), "$Error keeps what the calls recorded")
}

func TestInvokeCancelled(t *testing.T) {
	r := invokeRunner(t, "")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res := r.InvokeScript(ctx, "<test>", "'a'; 'b'", nil)
	require.NotNil(t, res.Terminating)
	assert.Equal(t, "PipelineStopped", res.Terminating.FullyQualifiedErrorID)
	// The session serves the next call.
	res = r.InvokeScript(context.Background(), "<test>", "'c'", nil)
	assert.Equal(t, []any{"c"}, res.Output)
}
