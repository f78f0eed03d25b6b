package pester

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
)

func TestHumanTime(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{0, "0ms"},
		{12 * time.Millisecond, "12ms"},
		{12*time.Millisecond + 500*time.Microsecond, "12ms"},
		{13*time.Millisecond + 500*time.Microsecond, "14ms"},
		{999 * time.Millisecond, "999ms"},
		{time.Second, "1s"},
		{1030 * time.Millisecond, "1.03s"},
		{1500 * time.Millisecond, "1.5s"},
		{75 * time.Second, "75s"},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, humanTime(tc.d), tc.d.String())
	}
}

func TestTemplateSource(t *testing.T) {
	tests := []struct {
		name, want string
		found      bool
	}{
		{"plain", `"plain"`, false},
		{"adds <a> and <b>", `"adds $($a) and $($b)"`, true},
		{"<_>", `"$($_)"`, true},
		{"VM <vm.Name> costs $5", "\"VM $($vm.Name) costs `$5\"", true},
		{"quote \" and `<escaped`>", "\"quote `\" and `<escaped`>\"", false},
		{"a <> b", `"a <> b"`, false},
		{"unclosed <a", `"unclosed <a"`, false},
	}
	for _, tc := range tests {
		got, found := templateSource(tc.name)
		assert.Equal(t, tc.want, got, tc.name)
		assert.Equal(t, tc.found, found, tc.name)
	}
}

func TestFormatNicely(t *testing.T) {
	h := value.NewHashtable()
	h.Set("a", 1)
	tests := []struct {
		v    any
		want string
	}{
		{nil, "$null"},
		{true, "$true"},
		{false, "$false"},
		{"", "<empty>"},
		{"web01", "'web01'"},
		{int32(5), "5"},
		{1.5, "1.5"},
		{[]any{int32(1), "a", int32(3)}, "@(1, 'a', 3)"},
		{[]any{}, "@()"},
		{[]any{"only"}, "only"},
		{h, "System.Collections.Hashtable"},
		{eval.NewTypeValue("int"), "[int]"},
		{eval.NewTypeValue("System.IO.FileInfo"), "[System.IO.FileInfo]"},
		{[]any{int32(1), int32(2), int32(3), int32(4), int32(5), int32(6), int32(7), int32(8), int32(9), int32(10), int32(11)}, "@(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, ...1 more)"},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, formatNicely(tc.v))
	}
}

func TestFormatBecause(t *testing.T) {
	assert.Equal(t, "", formatBecause(""))
	assert.Equal(t, "", formatBecause("   "))
	assert.Equal(t, " because the KMS is down,", formatBecause("the KMS is down"))
	assert.Equal(t, " because the KMS is down,", formatBecause(" because the KMS is down "))
}

func TestFilter(t *testing.T) {
	tests := []struct {
		name string
		f    filter
		want map[string]bool
	}{
		{"no filter runs all", filter{}, map[string]bool{"VM.a": true, "VM.b": true, "Unit.c": true, "Unit.d": true}},
		{"tags are inherited", filter{tag: []string{"integ*"}}, map[string]bool{"VM.a": true, "VM.b": true, "Unit.c": false, "Unit.d": false}},
		{"exclude tags win", filter{excludeTag: []string{"Integration"}}, map[string]bool{"VM.a": false, "VM.b": false, "Unit.c": true, "Unit.d": true}},
		{"full names", filter{fullName: []string{"Unit.*"}}, map[string]bool{"VM.a": false, "VM.b": false, "Unit.c": true, "Unit.d": true}},
		{"own tag", filter{tag: []string{"Slow"}}, map[string]bool{"VM.a": false, "VM.b": false, "Unit.c": false, "Unit.d": true}},
		{"own tag excluded", filter{excludeTag: []string{"Slow"}}, map[string]bool{"VM.a": true, "VM.b": true, "Unit.c": true, "Unit.d": false}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			root := &Block{IsRoot: true}
			vm := &Block{Name: "VM", Path: []string{"VM"}, Tag: []string{"Integration"}, Parent: root}
			unit := &Block{Name: "Unit", Path: []string{"Unit"}, Parent: root}
			root.Blocks, root.items = []*Block{vm, unit}, []any{vm, unit}
			add := func(b *Block, name string, tags ...string) {
				tt := &Test{Name: name, Path: append(append([]string{}, b.Path...), name), Tag: tags, Block: b}
				b.Tests, b.items = append(b.Tests, tt), append(b.items, tt)
			}
			add(vm, "a")
			add(vm, "b")
			add(unit, "c")
			add(unit, "d", "Slow")
			f := tc.f
			f.apply(root)
			got := map[string]bool{}
			root.eachTest(func(tt *Test) { got[tt.Path[0]+"."+tt.Name] = tt.ShouldRun })
			assert.Equal(t, tc.want, got)
			assert.Equal(t, tc.want["VM.a"], vm.ShouldRun)
		})
	}
}
