package eval

import (
	"bytes"
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The hooks the Pester runner uses.

func TestRunScriptBlockScopesAndErrors(t *testing.T) {
	r := New()
	err := r.WithCall(context.Background(), "Test", func(c *Call) error {
		block := c.GlobalScope().NewScriptScope()
		setup, err := c.CompileScriptBlock(`$fromSetup = 'set'`)
		require.NoError(t, err)
		// Dot-sourced: the variable lands in the block's scope.
		require.NoError(t, c.RunScriptBlock(setup, RunOptions{Scope: block}))
		test := block.NewChildScope()
		body, err := c.CompileScriptBlock(`$out = "$fromSetup $data"; $out; $leak = 1`)
		require.NoError(t, err)
		var got []any
		require.NoError(t, c.RunScriptBlock(body, RunOptions{Scope: test, NewScope: true, Vars: []NamedValue{{Name: "data", Value: "x"}}, Output: func(v any) error {
			got = append(got, v)
			return nil
		}}))
		assert.Equal(t, []any{"set x"}, got)
		assert.Nil(t, test.lookup("leak"), "a new scope keeps its variables")
		// A statement-terminating error comes back instead of being
		// reported, as inside try.
		bad, err := c.CompileScriptBlock(`Get-Nothing; 'after'`)
		require.NoError(t, err)
		got = nil
		runErr := c.RunScriptBlock(bad, RunOptions{Scope: test, Output: func(v any) error { got = append(got, v); return nil }})
		var rt *RuntimeError
		require.ErrorAs(t, runErr, &rt)
		assert.Empty(t, got)
		// break outside a loop is flow control, not an error.
		brk, _ := c.CompileScriptBlock(`break`)
		assert.True(t, IsFlowControl(c.RunScriptBlock(brk, RunOptions{Scope: test})))
		return nil
	})
	require.NoError(t, err)
}

func TestMockHooks(t *testing.T) {
	var out bytes.Buffer
	table := NewCommandTable()
	r := New(WithCommands(table), WithHost(&Host{Stdout: &out}))
	err := r.WithCall(context.Background(), "Test", func(c *Call) error {
		scope := c.GlobalScope().NewChildScope()
		def, _ := c.CompileScriptBlock(`function Get-Thing([string]$Name) { "real $Name" }`)
		require.NoError(t, c.RunScriptBlock(def, RunOptions{Scope: scope}))
		ref := c.ResolveCommand(scope, "Get-Thing", nil)
		require.NotNil(t, ref)
		assert.Equal(t, "Get-Thing", ref.Name())
		assert.False(t, ref.Advanced())
		table.RegisterHidden("PesterMock||Get-Thing", &CommandInfo{Name: "Get-Thing", Parameters: ref.Info().Parameters, New: func() Processor {
			return ProcessFunc(func(c *Call) error { return c.WriteObject("mocked " + c.String("Name")) })
		}})
		scope.SetAliasTo("Get-Thing", "PesterMock||Get-Thing")
		call, _ := c.CompileScriptBlock(`Get-Thing a`)
		var got []any
		collect := func(v any) error { got = append(got, v); return nil }
		require.NoError(t, c.RunScriptBlock(call, RunOptions{Scope: scope, NewScope: true, Output: collect}))
		assert.Equal(t, []any{"mocked a"}, got)
		// The real command stays reachable past the alias.
		orig := c.ResolveCommand(scope, "Get-Thing", func(target string) bool { return target == "PesterMock||Get-Thing" })
		require.NotNil(t, orig)
		got = nil
		require.NoError(t, c.InvokeCommand(orig, []CommandArg{{Name: "Name", Value: "b"}}, collect))
		assert.Equal(t, []any{"real b"}, got)
		assert.True(t, scope.RemoveAliasTo("Get-Thing", "PesterMock||Get-Thing"))
		table.UnregisterHidden("PesterMock||Get-Thing")
		_, found := table.Lookup("PesterMock||Get-Thing")
		assert.False(t, found)
		return nil
	})
	require.NoError(t, err)
}
