package builtin

import (
	"sort"
	"strings"

	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
)

// groupInfoType is the type of Group-Object's output.
const groupInfoType = "Microsoft.PowerShell.Commands.GroupInfo"

// groupObject is Group-Object (alias group): groups objects with equal
// property values into GroupInfo objects (Count, Name, Group, Values),
// or a hashtable with -AsHashTable.
func groupObject() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:             "Group-Object",
		Module:           utilityModule,
		ImplementingType: "Microsoft.PowerShell.Commands.GroupObjectCommand",
		Synopsis:         "Groups objects that contain the same value for specified properties.",
		OutputType:       []string{"System.Collections.Hashtable", groupInfoType},
		Parameters: []*eval.Parameter{
			inputObject(-1),
			{Name: "Property", Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Position: 0}}},
			{Name: "NoElement", Switch: true},
			{Name: "AsHashTable", Aliases: []string{"AHT"}, Switch: true, Sets: []eval.ParameterSet{{Name: "HashTable", Position: -1}}},
			{Name: "AsString", Switch: true, Sets: []eval.ParameterSet{{Name: "HashTable", Position: -1}}},
			{Name: "CaseSensitive", Switch: true},
			{Name: "Culture", Type: eval.StringType},
		},
		New: func() eval.Processor { return &grouper{} },
	}
}

type grouper struct {
	props   []propArg
	entries []sortEntry
	checked bool
	// mixed is set when the key values are not all of one type: groups
	// then keep the order of first appearance instead of being sorted.
	mixed bool
	types []string
	keys  keyMaker
}

func (g *grouper) Begin(c *eval.Call) error {
	if c.Has("Property") {
		props, err := parseProps(c, c.Value("Property"), keyExpression)
		if err != nil {
			return err
		}
		g.props = props
	}
	return nil
}

func (g *grouper) Process(c *eval.Call) error {
	in, has := c.Input()
	if !has {
		if !c.Has("InputObject") {
			return nil
		}
		in = c.Value("InputObject")
	}
	if !g.checked {
		g.checked = true
		if c.Switch("AsString") && !c.Switch("AsHashTable") {
			return c.ThrowTerminatingError(c.NewError(eval.NewException("System.ArgumentException",
				"The command cannot be run because the AsString parameter requires that you specify the AsHashtable parameter."), "ArgumentException", eval.InvalidArgument, true))
		}
		if c.Switch("AsHashTable") && !c.Switch("AsString") && len(g.props) > 1 {
			return c.ThrowTerminatingError(c.NewError(eval.NewException("System.ArgumentException",
				"The command cannot be run because using the AsHashTable parameter with more than one property requires adding the AsString parameter."), "ArgumentException", eval.InvalidArgument, c.Value("Property")))
		}
	}
	keys, err := g.keys.keysOf(c, g.props, in)
	if err != nil {
		return err
	}
	g.noteTypes(keys)
	g.entries = append(g.entries, sortEntry{obj: in, keys: keys})
	return nil
}

// noteTypes records the key types, to know whether groups can be sorted.
func (g *grouper) noteTypes(keys []sortKey) {
	if g.mixed {
		return
	}
	if g.types == nil {
		g.types = make([]string, len(keys))
	}
	for i, k := range keys {
		if value.IsNull(k.value) {
			continue
		}
		t := keyTypeName(k.value)
		switch g.types[i] {
		case "":
			g.types[i] = t
		case t:
		default:
			g.mixed = true
		}
	}
}

// group is one group being built.
type group struct {
	first sortEntry
	items []any
}

func (g *grouper) End(c *eval.Call) error {
	cs := c.Switch("CaseSensitive")
	same := func(a, b sortEntry) bool {
		for i := range a.keys {
			if a.keys[i].missing != b.keys[i].missing || !equalValues(a.keys[i].value, b.keys[i].value, cs) {
				return false
			}
		}
		return true
	}
	var groups []*group
	if !g.mixed {
		entries := g.entries
		sort.SliceStable(entries, func(i, j int) bool {
			for k := range entries[i].keys {
				if c := compareValues(entries[i].keys[k].value, entries[j].keys[k].value, cs); c != 0 {
					return c < 0
				}
			}
			return false
		})
		for _, e := range entries {
			if n := len(groups); n > 0 && same(groups[n-1].first, e) {
				groups[n-1].items = append(groups[n-1].items, e.obj)
				continue
			}
			groups = append(groups, &group{first: e, items: []any{e.obj}})
		}
	} else {
		for _, e := range g.entries {
			found := false
			for _, gr := range groups {
				if same(gr.first, e) {
					gr.items = append(gr.items, e.obj)
					found = true
					break
				}
			}
			if !found {
				groups = append(groups, &group{first: e, items: []any{e.obj}})
			}
		}
	}
	if len(groups) == 0 {
		return nil
	}
	if c.Switch("AsHashTable") {
		h := value.NewHashtable()
		for _, gr := range groups {
			var key any = groupName(gr.first.keys)
			if !c.Switch("AsString") {
				key = gr.first.keys[0].value
			}
			if err := h.Add(key, gr.items); err != nil {
				return c.WriteError(c.NewError(eval.NewException("System.Exception",
					"The objects grouped by this property cannot be expanded because there is a key duplication. Provide a valid value for the property, and then try again."), "The objects grouped by this property cannot be expanded because there is a key duplication. Provide a valid value for the property, and then try again.", eval.InvalidArgument, nil))
			}
		}
		return c.WriteObject(h)
	}
	for _, gr := range groups {
		if err := c.WriteObject(groupInfo(gr, c.Switch("NoElement"))); err != nil {
			return err
		}
	}
	return nil
}

// groupName joins a group's key values, as GroupInfo.Name does.
func groupName(keys []sortKey) string {
	var parts []string
	for _, k := range keys {
		if value.IsNull(k.value) {
			continue
		}
		parts = append(parts, keyString(k.value))
	}
	return strings.Join(parts, ", ")
}

// groupInfo builds a GroupInfo (or GroupInfoNoElement) object.
func groupInfo(gr *group, noElement bool) *value.PSObject {
	values := value.NewList(value.ArrayList, "System.Collections.ArrayList", "System.Object", nil)
	for _, k := range gr.first.keys {
		values.Append(k.value)
	}
	if noElement {
		o := value.NewPSObject("Microsoft.PowerShell.Commands.GroupInfoNoElement", groupInfoType)
		return o.Add("Values", values).Add("Count", int32(len(gr.items))).Add("Group", []any{}).Add("Name", groupName(gr.first.keys))
	}
	o := value.NewPSObject(groupInfoType)
	return o.Add("Values", values).Add("Count", int32(len(gr.items))).Add("Group", gr.items).Add("Name", groupName(gr.first.keys))
}

// keyTypeName is value.TypeName without its allocation for the common
// scalar kinds.
func keyTypeName(v any) string {
	switch v.(type) {
	case string:
		return "System.String"
	case int32:
		return "System.Int32"
	case int64:
		return "System.Int64"
	case float64:
		return "System.Double"
	case bool:
		return "System.Boolean"
	}
	return value.TypeName(v)
}
