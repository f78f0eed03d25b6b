package builtin

import (
	"sort"

	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
)

// sortObject is Sort-Object (alias sort): orders objects by properties,
// script blocks or calculated keys @{Expression=...; Descending=$true}.
// keyhost's sort is always stable (pwsh's is only with -Stable, -Top or
// -Bottom; ties come out in input order here).
func sortObject() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                "Sort-Object",
		Module:              utilityModule,
		ImplementingType:    "Microsoft.PowerShell.Commands.SortObjectCommand",
		Synopsis:            "Sorts objects by property values.",
		DefaultParameterSet: "Default",
		Parameters: []*eval.Parameter{
			inputObject(-1),
			{Name: "Property", Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Position: 0}}},
			{Name: "Descending", Switch: true},
			{Name: "Unique", Switch: true},
			{Name: "Stable", Switch: true, Sets: []eval.ParameterSet{{Name: "Default", Position: -1}}},
			{Name: "Top", Type: eval.Int32Type, Validate: validateRange(1, maxInt32), Sets: []eval.ParameterSet{{Name: "Top", Mandatory: true, Position: -1}}},
			{Name: "Bottom", Type: eval.Int32Type, Validate: validateRange(1, maxInt32), Sets: []eval.ParameterSet{{Name: "Bottom", Mandatory: true, Position: -1}}},
			{Name: "CaseSensitive", Switch: true},
			{Name: "Culture", Type: eval.StringType},
		},
		New: func() eval.Processor { return &sorter{} },
	}
}

// sortKey is one key value of an object; missing is set when the object
// lacks the property (such objects sort last whatever the order).
type sortKey struct {
	value   any
	missing bool
}

// sortEntry is an object with its keys.
type sortEntry struct {
	obj  any
	keys []sortKey
}

type sorter struct {
	props   []propArg
	entries []sortEntry
	keys    keyMaker
}

func (s *sorter) Begin(c *eval.Call) error {
	if c.Has("Property") {
		props, err := parseProps(c, c.Value("Property"), keyExpression, keyAscending, keyDescending)
		if err != nil {
			return err
		}
		s.props = props
	}
	return nil
}

// keysOf evaluates the sort keys of an object; with no properties the
// object itself is the key.
func keysOf(c *eval.Call, props []propArg, obj any) ([]sortKey, error) {
	var k keyMaker
	return k.keysOf(c, props, obj)
}

// keyMaker evaluates sort keys for many objects, handing out key slices
// from shared blocks instead of allocating one per object.
type keyMaker struct{ slab []sortKey }

// keysOf is the package's keysOf, allocating from the maker's blocks.
func (k *keyMaker) keysOf(c *eval.Call, props []propArg, obj any) ([]sortKey, error) {
	n := max(1, len(props))
	if len(k.slab) < n {
		k.slab = make([]sortKey, 256*n)
	}
	keys := k.slab[:n:n]
	k.slab = k.slab[n:]
	if len(props) == 0 {
		keys[0] = sortKey{value: obj}
		return keys, nil
	}
	for i, p := range props {
		v, found, err := p.firstValue(c, obj)
		if err != nil {
			return nil, err
		}
		if !found {
			keys[i] = sortKey{missing: p.script == nil}
			continue
		}
		keys[i] = sortKey{value: v}
	}
	return keys, nil
}

func (s *sorter) Process(c *eval.Call) error {
	in, has := c.Input()
	if !has {
		if !c.Has("InputObject") {
			return nil
		}
		in = c.Value("InputObject")
	}
	keys, err := s.keys.keysOf(c, s.props, in)
	if err != nil {
		return err
	}
	s.entries = append(s.entries, sortEntry{obj: in, keys: keys})
	return nil
}

// compareKeys orders two entries key by key.
func (s *sorter) compareKeys(a, b sortEntry, desc, cs bool) int {
	for i := range a.keys {
		ka, kb := a.keys[i], b.keys[i]
		switch {
		case ka.missing && kb.missing:
			continue
		case ka.missing:
			return 1
		case kb.missing:
			return -1
		}
		d := desc
		if i < len(s.props) && s.props[i].descending != nil {
			d = *s.props[i].descending
		}
		c := compareValues(ka.value, kb.value, cs)
		if d {
			c = -c
		}
		if c != 0 {
			return c
		}
	}
	return 0
}

func (s *sorter) End(c *eval.Call) error {
	desc, cs := c.Switch("Descending"), c.Switch("CaseSensitive")
	entries := s.entries
	bottom := c.Has("Bottom")
	sort.SliceStable(entries, func(i, j int) bool { return s.compareKeys(entries[i], entries[j], desc, cs) < 0 })
	if c.Switch("Unique") {
		var out []sortEntry
		for _, e := range entries {
			if len(out) > 0 && s.compareKeys(out[len(out)-1], e, desc, cs) == 0 {
				continue
			}
			out = append(out, e)
		}
		entries = out
	}
	if c.Has("Top") {
		n, _ := value.ToInt32(c.Value("Top"))
		if int(n) < len(entries) {
			entries = entries[:n]
		}
	}
	if bottom {
		n, _ := value.ToInt32(c.Value("Bottom"))
		if int(n) < len(entries) {
			entries = entries[len(entries)-int(n):]
		}
	}
	for _, e := range entries {
		if err := c.WriteObject(e.obj); err != nil {
			return err
		}
	}
	return nil
}
