package eval

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/keyhost/keyhost/ps/value"
)

func TestParseTypeName(t *testing.T) {
	for _, tc := range []struct {
		in    string
		base  string
		args  int
		array int
	}{
		{"int", "int", 0, 0},
		{"string[]", "string", 0, 1},
		{"int[][]", "int", 0, 2},
		{"System.Collections.Generic.List[string]", "System.Collections.Generic.List", 1, 0},
		{"System.Collections.Generic.Dictionary[string, object]", "System.Collections.Generic.Dictionary", 2, 0},
		{"System.Collections.Generic.List`1[[System.String, System.Private.CoreLib]]", "System.Collections.Generic.List", 1, 0},
		{"List[int][]", "List", 1, 1},
	} {
		spec, ok := parseTypeName(tc.in)
		require.True(t, ok, tc.in)
		assert.Equal(t, tc.base, spec.base, tc.in)
		assert.Len(t, spec.args, tc.args, tc.in)
		assert.Equal(t, tc.array, spec.array, tc.in)
	}
	for _, bad := range []string{"", "[", "List[", "List[a,]", "a]"} {
		_, ok := parseTypeName(bad)
		assert.False(t, ok, bad)
	}
}

func TestLookupType(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"int", "System.Int32"},
		{"Int32", "System.Int32"},
		{"System.Int32", "System.Int32"},
		{"string[]", "System.String[]"},
		{"regex", "System.Text.RegularExpressions.Regex"},
		{"Collections.ArrayList", "System.Collections.ArrayList"},
		{"System.Collections.Generic.List[string]", "System.Collections.Generic.List`1[System.String]"},
		{"System.Collections.Generic.Dictionary[string,int]", "System.Collections.Generic.Dictionary`2[System.String,System.Int32]"},
		{"InvalidOperationException", "System.InvalidOperationException"},
		{"ConsoleColor", "System.ConsoleColor"},
	} {
		pt, ok := lookupType(tc.in)
		require.True(t, ok, tc.in)
		assert.Equal(t, tc.want, pt.Name, tc.in)
	}
	_, ok := lookupType("No.Such.Type")
	assert.False(t, ok)
}

func TestIsType(t *testing.T) {
	l := value.NewList(value.GenericList, "System.Collections.Generic.List`1[System.String]", "System.String", nil)
	for _, tc := range []struct {
		v    any
		typ  string
		want bool
	}{
		{int32(1), "int", true},
		{int32(1), "long", false},
		{int32(1), "System.ValueType", true},
		{"x", "System.IComparable", true},
		{"x", "System.Collections.IEnumerable", true},
		{[]any{1}, "array", true},
		{[]any{1}, "System.Collections.IList", true},
		{l, "System.Collections.Generic.List[string]", true},
		{l, "System.Collections.Generic.List[int]", false},
		{value.NewHashtable(), "System.Collections.IDictionary", true},
		{newExceptionOf("System.IO.FileNotFoundException", "x"), "System.IO.IOException", true},
		{newExceptionOf("System.IO.FileNotFoundException", "x"), "System.SystemException", true},
		{nil, "object", false},
		{value.NewPSObject("VMware.VimAutomation.ViCore.Impl.V1.Inventory.VirtualMachineImpl", "VMware.VimAutomation.ViCore.Types.V1.Inventory.VirtualMachine"), "VMware.VimAutomation.ViCore.Types.V1.Inventory.VirtualMachine", true},
	} {
		assert.Equal(t, tc.want, isType(tc.v, tc.typ), "%v -is [%s]", tc.v, tc.typ)
	}
}

func TestExceptionChain(t *testing.T) {
	assert.Equal(t, []string{"System.IO.FileNotFoundException", "System.IO.IOException", "System.SystemException", "System.Exception"},
		exceptionChain("System.IO.FileNotFoundException"))
	assert.Equal(t, []string{"My.Custom.Exception", "System.Exception"}, exceptionChain("My.Custom.Exception"))
	assert.Equal(t, []string{"System.Exception"}, exceptionChain("System.Exception"))
	ex := newExceptionOf("System.Management.Automation.ItemNotFoundException", "m")
	assert.True(t, ex.IsA("SessionStateException"))
	assert.True(t, ex.IsA("System.Management.Automation.RuntimeException"))
	assert.False(t, ex.IsA("System.ArgumentException"))
}

func TestMatchHandler(t *testing.T) {
	thrown := &RuntimeError{Record: NewErrorRecord(newExceptionOf("System.InvalidOperationException", "x"), "x", OperationStopped, nil), FromThrow: true}
	clauses := [][]string{{"System.Management.Automation.RuntimeException"}, {"System.InvalidOperationException"}, nil}
	assert.Equal(t, 1, thrown.matchHandler(clauses), "the inner exception's handler wins")
	assert.Equal(t, 0, thrown.matchHandler([][]string{{"RuntimeException"}}), "the thrown RuntimeException wrapper matches too")
	assert.Equal(t, -1, thrown.matchHandler([][]string{{"System.ArgumentException"}}))
	stop := stopError(NewErrorRecord(newExceptionOf("System.Management.Automation.ItemNotFoundException", "x"), "x", ObjectNotFound, nil))
	assert.Equal(t, 0, stop.matchHandler([][]string{{"System.Management.Automation.ItemNotFoundException"}}))
	assert.Equal(t, 0, stop.matchHandler([][]string{{"ActionPreferenceStopException"}}))
}

func TestCommentHelp(t *testing.T) {
	h, ok := parseHelp(`
.SYNOPSIS
    One line.
.DESCRIPTION
    First.
      Indented.
.PARAMETER Name
    The name.
.EXAMPLE
    Do-It -Name x
.NOTES
    Notes here.
`)
	require.True(t, ok)
	assert.Equal(t, "One line.", h.synopsis)
	assert.Equal(t, "First.\n  Indented.", h.description)
	assert.Equal(t, "The name.", h.params["name"])
	assert.Equal(t, []string{"Do-It -Name x"}, h.examples)
	assert.Equal(t, "Notes here.", h.notes)
	_, ok = parseHelp("just a comment")
	assert.False(t, ok)
	c, ok := trailingComment("x\n<# .SYNOPSIS\n  s #>\n", 1)
	assert.True(t, ok)
	assert.Contains(t, c, ".SYNOPSIS")
	_, ok = trailingComment("# c\n\n\n\n", 1)
	assert.False(t, ok, "more than one blank line separates the help from the function")
}

func TestShortTypeNameAndSyntax(t *testing.T) {
	assert.Equal(t, "Int32", shortTypeName("System.Int32"))
	assert.Equal(t, "List`1", shortTypeName("System.Collections.Generic.List`1[System.String]"))
	assert.Equal(t, "Object[]", shortTypeName("System.Object[]"))
	assert.Equal(t, "string[]", shortParamType("System.String[]"))
	assert.Equal(t, "VirtualMachine", shortParamType("VMware.VimAutomation.ViCore.Types.V1.Inventory.VirtualMachine"))
	ci := &CommandInfo{Name: "Get-X", Parameters: []*Parameter{
		{Name: "Name", Type: StringType, Sets: []ParameterSet{{Name: AllParameterSets, Mandatory: true, Position: 0}}},
		{Name: "Force", Switch: true},
		{Name: "Count", Type: Int32Type},
	}}
	assert.Equal(t, "[-Name] <string> [-Force] [-Count <int>] [<CommonParameters>]", syntaxOf(ci, AllParameterSets, allParameters(ci), syntaxParamType))
	assert.Equal(t, "[-Name] <String> [-Force] [-Count <Int32>] [<CommonParameters>]", syntaxOf(ci, AllParameterSets, allParameters(ci), helpParamType))
}

func TestStopwatch(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	sw := &stopwatch{now: func() time.Time { return now }}
	sw.start()
	now = now.Add(1500 * time.Millisecond)
	ms, _ := sw.Property("ElapsedMilliseconds")
	assert.Equal(t, int64(1500), ms)
	_, _, err := sw.CallMethod("Stop", nil)
	require.NoError(t, err)
	now = now.Add(time.Hour)
	el, _ := sw.Property("Elapsed")
	assert.Equal(t, value.TimeSpan(15_000_000), el, "a stopped stopwatch does not advance")
	running, _ := sw.Property("IsRunning")
	assert.Equal(t, false, running)
	_, _, _ = sw.CallMethod("Restart", nil)
	ms, _ = sw.Property("ElapsedMilliseconds")
	assert.Equal(t, int64(0), ms)
}
