package server

import (
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
)

func TestEncode(t *testing.T) {
	enum := &value.EnumType{Name: "Test.Color", Members: []string{"Red", "Green"}}
	custom := value.NewPSObject()
	custom.Add("a", int32(1)).Add("b", []any{"x", nil})
	typed := value.NewPSObject("Test.Thing", "Test.Base")
	typed.Add("Name", "thing1")
	typed.ToStringFunc = func() string { return "thing1" }
	ht := value.NewHashtable()
	ht.Set("k", true)
	ht.Set(int32(2), "two")
	when := time.Date(2026, 11, 24, 3, 11, 8, 500_000_000, time.UTC)
	tests := []struct {
		name string
		in   any
		want string
	}{
		{"null", nil, `null`},
		{"automation null", value.AutomationNull, `null`},
		{"bool", true, `true`},
		{"int", int32(-5), `-5`},
		{"long", int64(1) << 40, `1099511627776`},
		{"byte", uint8(7), `7`},
		{"double", 2.5, `2.5`},
		{"NaN", math.NaN(), `"NaN"`},
		{"infinity", math.Inf(-1), `"-Infinity"`},
		{"decimal", value.NewDecimal(12345, 2), `123.45`},
		{"string escapes", "a\"b\\c\n\t\x01", `"a\"b\\c\n\t\u0001"`},
		{"invalid UTF-8", "a\xffb", `"a\ufffdb"`},
		{"line separator", "a\u2028b", `"a\u2028b"`},
		{"enum", enum.Member("Green"), `"Green"`},
		{"utc date", value.NewDateTime(when, value.KindUtc), `"2026-11-24T03:11:08.5Z"`},
		{"unspecified date", value.NewDateTime(when, value.KindUnspecified), `"2026-11-24T03:11:08.5"`},
		{"array", []any{int32(1), "a", []any{}}, `[1,"a",[]]`},
		{"hashtable", ht, `{"k":true,"2":"two"}`},
		{"custom object", custom, `{"$type":"System.Management.Automation.PSCustomObject","$types":["System.Management.Automation.PSCustomObject"],"a":1,"b":["x",null]}`},
		{"typed object with a string form", typed, `{"$type":"Test.Thing","$types":["Test.Thing","Test.Base"],"$string":"thing1","Name":"thing1"}`},
		{"secure string", value.NewSecureString("hunter2"), `{"$type":"System.Security.SecureString","$types":["System.Security.SecureString"],"Length":7}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(newEncoder(nil, false).encode(tt.in))
			assert.Equal(t, tt.want, got)
			assert.True(t, json.Valid([]byte(got)))
		})
	}
}

// TestEncodeNeverSendsSecrets: a SecureString anywhere in a value shows
// its length, never its text.
func TestEncodeNeverSendsSecrets(t *testing.T) {
	cred := eval.NewCredential("admin", value.NewSecureString("s3cret-pw"))
	o := value.NewPSObject()
	o.Add("Credential", cred).Add("List", []any{value.NewSecureString("s3cret-pw")})
	got := string(newEncoder(nil, true).encode(o))
	assert.NotContains(t, got, "s3cret")
	assert.Contains(t, got, `"Length":9`)
}

func TestEncodeErrorRecord(t *testing.T) {
	rec := eval.NewErrorRecord(eval.NewException("System.InvalidOperationException", "it broke"), "Broke,Test.Cmd", eval.InvalidOperation, "web01")
	rec.Activity = "Set-VM"
	e := newEncoder(nil, false)
	var m map[string]any
	require.NoError(t, json.Unmarshal(e.encode(rec), &m))
	assert.Equal(t, map[string]any{
		"$type": "System.Management.Automation.ErrorRecord", "message": "it broke", "fullyQualifiedErrorId": "Broke,Test.Cmd",
		"category": "InvalidOperation", "position": "", "exceptionType": "System.InvalidOperationException",
		"targetName": "web01", "activity": "Set-VM",
	}, m)
}

// TestEncodeBounds: cycles and runaway nesting end in finite JSON.
func TestEncodeBounds(t *testing.T) {
	self := value.NewPSObject("Test.Node")
	self.Add("Me", self)
	got := newEncoder(nil, false).encode(self)
	require.True(t, json.Valid(got), string(got))
	assert.Contains(t, string(got), `"$stub":true`)

	arr := []any{nil}
	arr[0] = arr
	got = newEncoder(nil, false).encode(arr)
	assert.Equal(t, `[null]`, string(got))

	deep := any("bottom")
	for range 100 {
		deep = []any{deep}
	}
	got = newEncoder(nil, false).encode(deep)
	require.True(t, json.Valid(got))
	assert.Equal(t, defaultMaxDepth, strings.Count(string(got), "[")-strings.Count(string(got), "[]"), "nesting stops at the limit")
	assert.Contains(t, string(got), `"System.Object[]"`, "with the rest as its string form")
}

// TestEncodeReferences: objects with a reference carry it; nested ones
// are stubs; ExtensionData is lazy unless views are asked for.
func TestEncodeReferences(t *testing.T) {
	host := value.NewPSObject("Test.Host")
	host.Add("Name", "esx01").Add("Id", "HostSystem-host-10").Add("Secret", "not in a stub")
	view := value.NewPSObject("Test.View")
	view.Add("Deep", "yes")
	vm := value.NewPSObject("Test.VM")
	vm.Add("Name", "web01").Add("VMHost", host).Add("ExtensionData", view)
	refOf := func(v any) (string, bool) {
		switch v {
		case host:
			return "HostSystem-host-10", true
		case vm:
			return "VirtualMachine-vm-101", true
		}
		return "", false
	}
	var m map[string]any
	require.NoError(t, json.Unmarshal(newEncoder(refOf, false).encode(vm), &m))
	assert.Equal(t, "VirtualMachine-vm-101", m["$ref"])
	assert.Equal(t, []any{"ExtensionData"}, m["$lazy"])
	assert.NotContains(t, m, "ExtensionData")
	stub := m["VMHost"].(map[string]any)
	assert.Equal(t, true, stub["$stub"])
	assert.Equal(t, "esx01", stub["Name"])
	assert.NotContains(t, stub, "Secret")

	m = nil
	require.NoError(t, json.Unmarshal(newEncoder(refOf, true).encode(vm), &m))
	assert.Equal(t, "yes", m["ExtensionData"].(map[string]any)["Deep"])
	assert.NotContains(t, m, "$lazy")
}

func TestDecode(t *testing.T) {
	resolved := value.NewPSObject("Test.VM")
	d := &decoder{resolve: func(ref string) (any, error) {
		if ref == "VirtualMachine-vm-101" {
			return resolved, nil
		}
		return nil, errors.New("no such object")
	}}
	tests := []struct {
		name string
		in   string
		want any
	}{
		{"null", `null`, nil},
		{"int", `42`, int32(42)},
		{"long", `4294967296`, int64(4294967296)},
		{"double", `2.5`, 2.5},
		{"big integer", `123456789012345678901234567890`, 1.2345678901234568e+29},
		{"string", `"web01"`, "web01"},
		{"array", `[1,"a",[true]]`, []any{int32(1), "a", []any{true}}},
		{"reference", `{"$ref":"VirtualMachine-vm-101","Name":"ignored"}`, resolved},
		{"secure string", `{"$type":"System.Security.SecureString","$plain":"pw"}`, value.NewSecureString("pw")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := d.decode(json.RawMessage(tt.in))
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}

	h, err := d.decode(json.RawMessage(`{"$type":"System.Collections.Hashtable","b":1,"a":2}`))
	require.NoError(t, err)
	require.IsType(t, &value.Hashtable{}, h)
	assert.Equal(t, []any{"b", "a"}, h.(*value.Hashtable).Keys(), "members keep their order")

	o, err := d.decode(json.RawMessage(`{"$types":["Test.A","Test.B"],"$string":"x","Z":1,"Y":{"n":null}}`))
	require.NoError(t, err)
	require.IsType(t, &value.PSObject{}, o)
	assert.Equal(t, []string{"Test.A", "Test.B", "System.Object"}, o.(*value.PSObject).TypeNames())
	assert.Equal(t, []string{"Z", "Y"}, o.(*value.PSObject).PropertyNames(), "$ members are markers, not properties")

	for _, bad := range []string{
		`{"$ref":"VirtualMachine-vm-999"}`,
		`{"$ref":7}`,
		`{"$type":"System.Security.SecureString"}`,
		`{"a":1,"A":2}`,
		`{"$types":"x"}`,
		strings.Repeat("[", 100) + strings.Repeat("]", 100),
	} {
		_, err := d.decode(json.RawMessage(bad))
		assert.Error(t, err, bad)
	}
}
