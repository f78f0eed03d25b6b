package server

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/sourcegraph/jsonrpc2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestHello(t *testing.T) {
	srv, _ := newTestServer(t)
	c := pipeClient(t, srv)
	hello, err := c.Hello(context.Background(), "")
	require.NoError(t, err)
	assert.Equal(t, "keyhost", hello["server"])
	assert.Equal(t, ProtocolVersion, hello["protocolVersion"])
	assert.Equal(t, true, hello["authenticated"])
	assert.Contains(t, hello["methods"], "cmdlet.invoke")
	caps := hello["capabilities"].(map[string]any)
	assert.Equal(t, false, caps["stateSave"])
	assert.Equal(t, "vcsa01.lab.local", hello["vcenter"].(map[string]any)["name"])
}

func TestCmdletList(t *testing.T) {
	srv, _ := newTestServer(t)
	c := pipeClient(t, srv)
	var list struct {
		Cmdlets []cmdletInfo `json:"cmdlets"`
	}
	require.NoError(t, c.Call(context.Background(), "cmdlet.list", nil, &list))
	byName := map[string]cmdletInfo{}
	for _, ci := range list.Cmdlets {
		byName[ci.Name] = ci
	}
	require.Contains(t, byName, "Get-VM")
	require.Contains(t, byName, "Set-VM")
	assert.NotContains(t, byName, "Write-Host", "PowerShell's own cmdlets are the client's")
	assert.NotContains(t, byName, "ConvertTo-SecureString")

	setVM := byName["Set-VM"]
	assert.True(t, setVM.SupportsShouldProcess)
	assert.Equal(t, "High", setVM.ConfirmImpact)
	assert.Equal(t, "EncryptParameterSet", setVM.DefaultParameterSet)
	var vm, skip *paramInfo
	for i := range setVM.Parameters {
		switch setVM.Parameters[i].Name {
		case "VM":
			vm = &setVM.Parameters[i]
		case "SkipHardDisks":
			skip = &setVM.Parameters[i]
		}
	}
	require.NotNil(t, vm)
	require.NotNil(t, skip)
	assert.Equal(t, "VMware.VimAutomation.ViCore.Types.V1.Inventory.VirtualMachine[]", vm.Type)
	assert.True(t, vm.Sets[0].ValueFromPipeline)
	assert.Equal(t, 0, vm.Sets[0].Position)
	assert.True(t, skip.Switch)
	assert.Equal(t, -1, skip.Sets[0].Position)
	for _, p := range setVM.Parameters {
		assert.NotEqual(t, "ErrorAction", p.Name, "common parameters are not listed")
	}
}

func TestInvokeGetVM(t *testing.T) {
	srv, _ := newTestServer(t)
	c := pipeClient(t, srv)
	res, err := c.Invoke(context.Background(), "Get-VM", map[string]any{"Name": "web01"}, nil)
	require.NoError(t, err)
	require.Empty(t, res.Errors)
	require.Len(t, res.Output, 1)
	vm := mustObject(t, res.Output[0])
	assert.Equal(t, "VMware.VimAutomation.ViCore.Impl.V1.VM.UniversalVirtualMachineImpl", vm["$type"])
	assert.Contains(t, vm["$types"], "VMware.VimAutomation.ViCore.Types.V1.Inventory.VirtualMachine")
	assert.Equal(t, "VirtualMachine-vm-101", vm["$ref"])
	assert.Equal(t, "web01", vm["$string"])
	assert.Equal(t, "web01", vm["Name"])
	assert.Equal(t, "PoweredOn", vm["PowerState"], "enums are their names")
	assert.Equal(t, []any{"ExtensionData"}, vm["$lazy"], "views only on request")
	assert.NotContains(t, vm, "ExtensionData")
	host := vm["VMHost"].(map[string]any)
	assert.Equal(t, true, host["$stub"], "nested inventory objects are stubs")
	assert.Equal(t, "HostSystem-host-10", host["$ref"])
	assert.Equal(t, "esx01.lab.local", host["Name"])
}

func TestInvokeWithViews(t *testing.T) {
	srv, _ := newTestServer(t)
	c := pipeClient(t, srv)
	var res Result
	require.NoError(t, c.Call(context.Background(), "cmdlet.invoke", map[string]any{
		"name": "Get-VM", "parameters": map[string]any{"Name": "web01"}, "views": true,
	}, &res))
	var vm struct {
		ExtensionData struct {
			Config struct {
				KeyID struct {
					ProviderID struct {
						ID string `json:"Id"`
					} `json:"ProviderId"`
				} `json:"KeyId"`
			} `json:"Config"`
		} `json:"ExtensionData"`
	}
	require.Len(t, res.Output, 1)
	require.NoError(t, json.Unmarshal(res.Output[0], &vm))
	assert.Equal(t, "NKP-Primary", vm.ExtensionData.Config.KeyID.ProviderID.ID)
}

func TestObjectGet(t *testing.T) {
	srv, _ := newTestServer(t)
	c := pipeClient(t, srv)
	ctx := context.Background()
	var got struct {
		Value json.RawMessage `json:"value"`
	}
	require.NoError(t, c.Call(ctx, "object.get", map[string]any{"ref": "VirtualMachine-vm-101", "property": "ExtensionData"}, &got))
	view := mustObject(t, got.Value)
	assert.Equal(t, "VMware.Vim.VirtualMachine", view["$type"])
	cfg := view["Config"].(map[string]any)
	assert.Equal(t, "NKP-Primary", cfg["KeyId"].(map[string]any)["ProviderId"].(map[string]any)["Id"])

	require.NoError(t, c.Call(ctx, "object.get", map[string]any{"ref": "HostSystem-host-10"}, &got))
	host := mustObject(t, got.Value)
	assert.Equal(t, "esx01.lab.local", host["Name"])
	assert.NotContains(t, host, "$stub", "at the top an object is whole")

	err := c.Call(ctx, "object.get", map[string]any{"ref": "VirtualMachine-vm-99999"}, &got)
	assertRPCError(t, err, CodeInvalidParams, "no longer exists")
	err = c.Call(ctx, "object.get", map[string]any{"ref": "VirtualMachine-vm-101", "property": "Nope"}, &got)
	assertRPCError(t, err, CodeInvalidParams, "no property")
}

// assertRPCError checks that err is a JSON-RPC error with code and a
// message containing text.
func assertRPCError(t *testing.T, err error, code int64, text string) {
	t.Helper()
	var re *jsonrpc2.Error
	require.True(t, errors.As(err, &re), "want a JSON-RPC error, got %v", err)
	assert.Equal(t, code, re.Code, re.Message)
	assert.Contains(t, re.Message, text)
}

func TestObjectsPassBackByReference(t *testing.T) {
	srv, w := newTestServer(t)
	c := pipeClient(t, srv)
	ctx := context.Background()
	vms, err := c.Invoke(ctx, "Get-VM", map[string]any{"Name": "web01"}, nil)
	require.NoError(t, err)
	kps, err := c.Invoke(ctx, "Get-KeyProvider", map[string]any{"Name": "NKP-Secondary"}, nil)
	require.NoError(t, err)
	require.Len(t, kps.Output, 1)

	// The objects go back as they came: the server resolves "$ref".
	var vm, kp any
	require.NoError(t, json.Unmarshal(vms.Output[0], &vm))
	require.NoError(t, json.Unmarshal(kps.Output[0], &kp))
	res, err := c.Invoke(ctx, "Set-VM", map[string]any{"VM": vm, "KeyProvider": kp, "SkipHardDisks": true, "Confirm": false}, nil)
	require.NoError(t, err)
	require.Empty(t, res.Errors)
	assert.Equal(t, "NKP-Secondary", providerOf(t, w, "vm-101"))
	objs, err := res.Objects()
	require.NoError(t, err)
	require.Len(t, objs, 1)
	assert.Equal(t, "VirtualMachine-vm-101", objs[0].Ref)
}

func TestInvokeConfirmationAndWhatIf(t *testing.T) {
	tests := []struct {
		name      string
		params    map[string]any
		changed   bool
		term      string
		hostText  string
		outputLen int
	}{
		{name: "no Confirm fails as -NonInteractive", params: map[string]any{}, term: "NonInteractive mode"},
		{name: "Confirm false", params: map[string]any{"Confirm": false}, changed: true, outputLen: 1},
		{name: "WhatIf", params: map[string]any{"WhatIf": true}, hostText: "What if: "},
		{name: "Confirm true still cannot prompt", params: map[string]any{"Confirm": true}, term: "NonInteractive mode"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, w := newTestServer(t)
			c := pipeClient(t, srv)
			params := map[string]any{"VM": "web01", "KeyProvider": Ref("KeyProvider-NKP-Secondary"), "SkipHardDisks": true}
			for k, v := range tt.params {
				params[k] = v
			}
			res, err := c.Invoke(context.Background(), "Set-VM", params, nil)
			require.NoError(t, err)
			assert.Len(t, res.Output, tt.outputLen)
			if tt.term != "" {
				require.True(t, res.Failed())
				assert.Contains(t, res.Errors[len(res.Errors)-1].Message, tt.term)
			} else {
				assert.Empty(t, res.Errors)
			}
			assert.Contains(t, res.Host, tt.hostText)
			want := "NKP-Primary"
			if tt.changed {
				want = "NKP-Secondary"
			}
			assert.Equal(t, want, providerOf(t, w, "vm-101"))
		})
	}
}

func TestInvokeErrors(t *testing.T) {
	srv, _ := newTestServer(t)
	c := pipeClient(t, srv)
	ctx := context.Background()

	// A name that matches nothing: PowerCLI's non-terminating error.
	res, err := c.Invoke(ctx, "Get-VM", map[string]any{"Name": []any{"nosuch", "web01"}}, nil)
	require.NoError(t, err)
	require.Len(t, res.Errors, 1)
	e := res.Errors[0]
	assert.False(t, e.Terminating)
	assert.Equal(t, "Core_OutputHelper_WriteNotFoundError,VMware.VimAutomation.ViCore.Cmdlets.Commands.GetVM", e.FullyQualifiedErrorID)
	assert.Equal(t, "ObjectNotFound", e.Category)
	assert.Contains(t, e.Message, "VM with name 'nosuch' was not found")
	assert.Contains(t, e.Position, "Get-VM @KeyhostParameters")
	assert.Len(t, res.Output, 1, "the other name is still found")

	// -ErrorAction Stop makes it terminating.
	res, err = c.Invoke(ctx, "Get-VM", map[string]any{"Name": []any{"nosuch", "web01"}, "ErrorAction": "Stop"}, nil)
	require.NoError(t, err)
	require.True(t, res.Failed())

	// A binding error is a terminating error record, not a protocol error.
	res, err = c.Invoke(ctx, "Get-VM", map[string]any{"Bogus": 1}, nil)
	require.NoError(t, err)
	require.True(t, res.Failed())
	assert.Contains(t, res.Errors[0].FullyQualifiedErrorID, "NamedParameterNotFound")
}

func TestInvokePipelineInput(t *testing.T) {
	srv, _ := newTestServer(t)
	c := pipeClient(t, srv)
	res, err := c.Invoke(context.Background(), "Get-HardDisk", nil, []any{Ref("VirtualMachine-vm-101"), Ref("VirtualMachine-vm-104")})
	require.NoError(t, err)
	require.Empty(t, res.Errors)
	objs, err := res.Objects()
	require.NoError(t, err)
	var refs []string
	for _, o := range objs {
		refs = append(refs, o.Ref)
	}
	assert.Equal(t, []string{"VirtualMachine-vm-101/2000", "VirtualMachine-vm-101/2001", "VirtualMachine-vm-104/2000", "VirtualMachine-vm-104/2001"}, refs)
}

func TestScriptRun(t *testing.T) {
	srv, w := newTestServer(t)
	c := pipeClient(t, srv)
	ctx := context.Background()

	res, err := c.RunScript(ctx, "$n = 0; Write-Host 'hello' -ForegroundColor Green; Write-Warning 'careful'; $vm.Name", map[string]any{"vm": Ref("VirtualMachine-vm-104")})
	require.NoError(t, err)
	assert.Equal(t, "hello\n", res.Host)
	assert.Equal(t, []string{"careful"}, res.Warnings)
	require.Len(t, res.Output, 1)
	assert.JSONEq(t, `"db02"`, string(res.Output[0]))

	// The session keeps its state between calls.
	res, err = c.RunScript(ctx, "$n + 1; $vm.Name", nil)
	require.NoError(t, err)
	assert.JSONEq(t, `1`, string(res.Output[0]))

	// FAQ script 01, with the variables its caller sets.
	res, err = c.RunScript(ctx, "$keyprovider = Get-KeyProvider -Name $keyprovidername -ErrorAction Stop\nSet-VM -VM $vm -KeyProvider $keyprovider -SkipHardDisks -Confirm:$false",
		map[string]any{"keyprovidername": "NKP-Secondary", "vm": Ref("VirtualMachine-vm-101")})
	require.NoError(t, err)
	require.Empty(t, res.Errors)
	assert.Equal(t, "NKP-Secondary", providerOf(t, w, "vm-101"))

	res, err = c.RunScript(ctx, "'a'; exit 4", nil)
	require.NoError(t, err)
	require.NotNil(t, res.ExitCode)
	assert.Equal(t, 4, *res.ExitCode)

	res, err = c.RunScript(ctx, "foreach ($x in ", nil)
	require.NoError(t, err)
	require.True(t, res.Failed())
	assert.Equal(t, "ParserError", res.Errors[0].Category)
}

func TestStateSave(t *testing.T) {
	srv, _ := newTestServer(t)
	c := pipeClient(t, srv)
	err := c.Call(context.Background(), "state.save", nil, nil)
	assertRPCError(t, err, CodeStateSave, "no state file")

	calls := 0
	srv2, _ := newTestServer(t, func(cfg *Config) {
		cfg.Save = func() (SaveResult, error) {
			calls++
			return SaveResult{Path: "/x/state.json", Generation: 7, Saved: true}, nil
		}
	})
	c2 := pipeClient(t, srv2)
	var got SaveResult
	require.NoError(t, c2.Call(context.Background(), "state.save", map[string]any{}, &got))
	assert.Equal(t, SaveResult{Path: "/x/state.json", Generation: 7, Saved: true}, got)
	assert.Equal(t, 1, calls)
}

func TestBadParams(t *testing.T) {
	srv, _ := newTestServer(t)
	c := pipeClient(t, srv)
	tests := []struct {
		method string
		params any
		code   int64
		text   string
	}{
		{"no.such", nil, CodeMethodNotFound, "method not found"},
		{"cmdlet.invoke", nil, CodeInvalidParams, `"name" is required`},
		{"cmdlet.invoke", []any{"Get-VM"}, CodeInvalidParams, "must be a JSON object"},
		{"cmdlet.invoke", map[string]any{"name": 5}, CodeInvalidParams, `"name" must be a string, not a number`},
		{"cmdlet.invoke", map[string]any{"name": "Get-VM", "parameter": map[string]any{}}, CodeInvalidParams, `unknown field "parameter"`},
		{"cmdlet.invoke", map[string]any{"name": "Write-Host"}, CodeInvalidParams, "not a cmdlet keyhost serves"},
		{"cmdlet.invoke", map[string]any{"name": "Get-VM", "parameters": []any{1}}, CodeInvalidParams, `"parameters" must be an object`},
		{"cmdlet.invoke", map[string]any{"name": "Get-VM", "input": map[string]any{}}, CodeInvalidParams, `"input" must be an array`},
		{"cmdlet.invoke", map[string]any{"name": "Set-VM", "parameters": map[string]any{"VM": Ref("web01")}}, CodeInvalidParams, "not an object reference"},
		{"cmdlet.invoke", map[string]any{"name": "Set-VM", "parameters": map[string]any{"VM": Ref("VirtualMachine-vm-999")}}, CodeInvalidParams, "no longer exists"},
		{"cmdlet.invoke", map[string]any{"name": "Set-VM", "parameters": map[string]any{"VM": map[string]any{"$ref": 5}}}, CodeInvalidParams, `"$ref" must be a string`},
		{"cmdlet.invoke", map[string]any{"name": "Export-KeyProvider", "parameters": map[string]any{"Password": map[string]any{"$type": "System.Security.SecureString"}}}, CodeInvalidParams, `"$plain"`},
		{"script.run", map[string]any{"script": ""}, CodeInvalidParams, `"script" is required`},
		{"script.run", map[string]any{"script": "1", "variables": "x"}, CodeInvalidParams, `"variables" must be an object`},
		{"object.get", map[string]any{"ref": true}, CodeInvalidParams, `"ref" must be a string`},
		{"task.get", map[string]any{}, CodeInvalidParams, `"id" is required`},
		{"task.wait", map[string]any{"id": "Task-task-1", "timeoutMs": -1}, CodeInvalidParams, "must not be negative"},
		{"cmdlet.list", map[string]any{"x": 1}, CodeInvalidParams, `unknown field "x"`},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.text, func(t *testing.T) {
			err := c.Call(context.Background(), tt.method, tt.params, nil)
			assertRPCError(t, err, tt.code, tt.text)
		})
	}
	// The connection is still good after all that.
	res, err := c.Invoke(context.Background(), "Get-Cluster", nil, nil)
	require.NoError(t, err)
	assert.Len(t, res.Output, 3)
}

func TestSessionsAreSeparate(t *testing.T) {
	srv, _ := newTestServer(t)
	a, b := pipeClient(t, srv), pipeClient(t, srv)
	ctx := context.Background()
	_, err := a.RunScript(ctx, "$mine = 'a'", nil)
	require.NoError(t, err)
	res, err := b.RunScript(ctx, "\"[$mine]\"", nil)
	require.NoError(t, err)
	assert.JSONEq(t, `"[]"`, string(res.Output[0]))
	res, err = a.RunScript(ctx, "$mine", nil)
	require.NoError(t, err)
	assert.True(t, strings.Contains(string(res.Output[0]), "a"))
}
