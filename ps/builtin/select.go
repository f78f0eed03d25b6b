package builtin

import (
	"fmt"
	"sort"
	"strings"

	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
	"github.com/keyhost/keyhost/ps/wildcard"
)

// selectObject is Select-Object (alias select): picks properties
// (creating "Selected.<type>" custom objects), expands one, or picks
// objects by position (-First, -Last, -Skip, -SkipLast, -Index) and
// uniqueness.
func selectObject() *eval.CommandInfo {
	defSkip := []eval.ParameterSet{{Name: "DefaultParameter", Position: -1}, {Name: "SkipLastParameter", Position: -1}}
	return &eval.CommandInfo{
		Name:                "Select-Object",
		Module:              utilityModule,
		ImplementingType:    "Microsoft.PowerShell.Commands.SelectObjectCommand",
		Synopsis:            "Selects objects or object properties.",
		DefaultParameterSet: "DefaultParameter",
		Parameters: []*eval.Parameter{
			inputObject(-1),
			{Name: "Property", Sets: []eval.ParameterSet{{Name: "DefaultParameter", Position: 0}, {Name: "SkipLastParameter", Position: 0}}},
			{Name: "ExcludeProperty", Type: eval.StringArrayType, Sets: defSkip},
			{Name: "ExpandProperty", Type: eval.StringType, Sets: defSkip},
			{Name: "Unique", Switch: true},
			{Name: "CaseInsensitive", Switch: true},
			{Name: "Last", Type: eval.Int32Type, Validate: validateRange(0, maxInt32), Sets: []eval.ParameterSet{{Name: "DefaultParameter", Position: -1}}},
			{Name: "First", Type: eval.Int32Type, Validate: validateRange(0, maxInt32), Sets: []eval.ParameterSet{{Name: "DefaultParameter", Position: -1}}},
			{Name: "Skip", Type: eval.Int32Type, Validate: validateRange(0, maxInt32), Sets: []eval.ParameterSet{{Name: "DefaultParameter", Position: -1}}},
			{Name: "SkipLast", Type: eval.Int32Type, Validate: validateRange(0, maxInt32), Sets: []eval.ParameterSet{{Name: "SkipLastParameter", Position: -1}}},
			{Name: "Wait", Switch: true, Sets: []eval.ParameterSet{{Name: "DefaultParameter", Position: -1}, {Name: "IndexParameter", Position: -1}}},
			{Name: "Index", Type: intArrayType, Sets: []eval.ParameterSet{{Name: "IndexParameter", Position: -1}}},
			{Name: "SkipIndex", Type: intArrayType, Sets: []eval.ParameterSet{{Name: "SkipIndexParameter", Position: -1}}},
		},
		New: func() eval.Processor { return &selector{} },
	}
}

// selector is one Select-Object invocation.
type selector struct {
	props    []propArg
	exclude  []string
	expand   string
	hasProps bool

	first, last, skip, skipLast int
	firstOrLast                 bool
	// queue holds objects -Last or -SkipLast may still output.
	queue    []any
	streamed int
	// done is set once -First has what it needs.
	done bool

	index    []int
	include  bool
	filterAt int
	objectAt int

	unique    bool
	cs        bool
	uniques   []uniqueEntry
	inputType string

	// lastType and selectedType cache the "Selected.<type>" name of the
	// last input type: objects in a pipeline mostly share their type.
	lastType, selectedType string
	// matched is reused from object to object.
	matched []resolvedProp
}

// selectedTypeName is the first type name of the objects Select-Object
// makes from in.
func (s *selector) selectedTypeName(in any) string {
	t := value.TypeName(in)
	if t != s.lastType || s.selectedType == "" {
		s.lastType, s.selectedType = t, "Selected."+t
	}
	return s.selectedType
}

// uniqueEntry is an object -Unique has kept, with the properties the
// command added to it.
type uniqueEntry struct {
	obj   any
	added []resolvedProp
}

func (s *selector) Begin(c *eval.Call) error {
	if c.Has("Property") {
		props, err := parseProps(c, c.Value("Property"), keyName, keyExpression)
		if err != nil {
			return err
		}
		s.props = props
		s.hasProps = len(props) > 0
	}
	s.exclude = c.Strings("ExcludeProperty")
	if c.Has("ExcludeProperty") && !s.hasProps {
		// -ExcludeProperty implies -Property *.
		s.props, s.hasProps = []propArg{{name: "*"}}, true
	}
	s.expand = c.String("ExpandProperty")
	s.unique = c.Switch("Unique")
	s.cs = !c.Switch("CaseInsensitive")
	intOf := func(name string) int {
		if !c.Has(name) {
			return 0
		}
		n, _ := value.ToInt32(c.Value(name))
		return int(n)
	}
	s.first, s.last, s.skip, s.skipLast = intOf("First"), intOf("Last"), intOf("Skip"), intOf("SkipLast")
	s.firstOrLast = c.Has("First") || c.Has("Last")
	for _, name := range []string{"Index", "SkipIndex"} {
		if c.Has(name) {
			s.include = name == "Index"
			for _, v := range value.Enumerate(c.Value(name)) {
				n, _ := value.ToInt32(v)
				s.index = append(s.index, int(n))
			}
			sort.Ints(s.index)
		}
	}
	return nil
}

func (s *selector) Process(c *eval.Call) error {
	in, has := c.Input()
	if !has {
		if !c.Has("InputObject") {
			return nil
		}
		in = c.Value("InputObject")
	}
	if in == nil || s.done {
		return nil
	}
	if s.inputType == "" {
		s.inputType = value.TypeName(in)
	}
	if c.Has("Index") || c.Has("SkipIndex") {
		return s.indexed(c, in)
	}
	s.enqueue(in)
	if out, ok := s.dequeue(); ok {
		if err := s.emit(c, out); err != nil {
			return err
		}
	}
	if s.firstOrLast && s.last == 0 && s.first != 0 && s.streamed >= s.first && !c.Switch("Wait") {
		// Everything -First wants is out: stop the commands upstream.
		s.done = true
		if err := s.flush(c); err != nil {
			return err
		}
		return c.StopUpstream()
	}
	return nil
}

// enqueue adds an object to the queue, dropping the oldest when -Last
// needs no more (SelectObjectQueue.Enqueue).
func (s *selector) enqueue(obj any) {
	if s.last > 0 && len(s.queue) >= s.last+s.skip && s.first == 0 {
		s.queue = s.queue[1:]
	} else if s.last > 0 && len(s.queue) >= s.last && s.first != 0 {
		s.queue = s.queue[1:]
	}
	s.queue = append(s.queue, obj)
}

// pop removes the oldest queued object.
func (s *selector) pop() any {
	v := s.queue[0]
	if len(s.queue) == 1 {
		// Emptied: reuse the array from its start (streaming objects
		// through an empty queue then allocates nothing).
		s.queue = s.queue[:0]
	} else {
		s.queue = s.queue[1:]
	}
	return v
}

// dequeue returns the object that may be output now, if any
// (SelectObjectQueue.StreamingDequeue).
func (s *selector) dequeue() (any, bool) {
	if s.skip == 0 {
		if s.skipLast > 0 {
			if len(s.queue) > s.skipLast {
				return s.pop(), true
			}
			return nil, false
		}
		if s.streamed < s.first || !s.firstOrLast {
			s.streamed++
			return s.pop(), true
		}
		if s.last == 0 {
			s.pop()
		}
		return nil, false
	}
	if s.last == 0 {
		s.pop()
		s.skip--
	} else if s.first != 0 {
		s.skip--
		s.pop()
	}
	return nil, false
}

// indexed handles -Index and -SkipIndex.
func (s *selector) indexed(c *eval.Call, in any) error {
	defer func() { s.objectAt++ }()
	if s.include {
		if s.filterAt < len(s.index) && s.objectAt == s.index[s.filterAt] {
			for s.filterAt < len(s.index) && s.index[s.filterAt] == s.objectAt {
				s.filterAt++
			}
			if err := s.emit(c, in); err != nil {
				return err
			}
		}
		if s.filterAt >= len(s.index) && !c.Switch("Wait") {
			s.done = true
			if err := s.flush(c); err != nil {
				return err
			}
			return c.StopUpstream()
		}
		return nil
	}
	if s.filterAt < len(s.index) && s.objectAt == s.index[s.filterAt] {
		for s.filterAt < len(s.index) && s.index[s.filterAt] == s.objectAt {
			s.filterAt++
		}
		return nil
	}
	return s.emit(c, in)
}

func (s *selector) End(c *eval.Call) error {
	if s.done {
		return nil
	}
	return s.flush(c)
}

// flush outputs what the queue still holds and the unique objects.
func (s *selector) flush(c *eval.Call) error {
	if c.ParameterSetName() == "DefaultParameter" {
		if s.first != 0 {
			for len(s.queue) > 0 {
				if err := s.emit(c, s.pop()); err != nil {
					return err
				}
			}
		} else {
			for len(s.queue) > s.skip {
				if err := s.emit(c, s.pop()); err != nil {
					return err
				}
			}
		}
	}
	s.queue = nil
	for _, u := range s.uniques {
		if err := c.WriteObject(u.obj); err != nil {
			return err
		}
	}
	s.uniques = nil
	return nil
}

// excluded reports whether -ExcludeProperty removes a property.
func (s *selector) excluded(name string) bool {
	for _, p := range s.exclude {
		if wildcard.Match(p, name, false) {
			return true
		}
	}
	return false
}

// emit processes one selected object: picks its properties or expands
// one, then writes it (or keeps it, with -Unique).
func (s *selector) emit(c *eval.Call, in any) error {
	if !s.hasProps && s.expand == "" {
		s.markSelected(in, false)
		return s.write(c, in, nil)
	}
	matched := s.matched[:0]
	for _, p := range s.props {
		n0 := len(matched)
		var err error
		if matched, err = p.appendResolved(c, in, matched); err != nil {
			return err
		}
		if len(matched) == n0 && (p.script != nil || !wildcard.HasWildcard(p.name)) {
			// A property the object lacks still becomes a (null) property.
			matched = append(matched, resolvedProp{name: p.displayName()})
		}
		if len(s.exclude) > 0 {
			kept := matched[:n0]
			for _, r := range matched[n0:] {
				if !s.excluded(r.name) {
					kept = append(kept, r)
				}
			}
			matched = kept
		}
	}
	if s.unique {
		// -Unique keeps matched with the object: no reuse.
		s.matched = nil
	} else {
		s.matched = matched
	}
	if s.expand == "" {
		out := value.NewPSObject(s.selectedTypeName(in), value.PSCustomObjectType)
		for i, m := range matched {
			// A name twice (any case) is an error; objects have few
			// properties, so a scan beats a map.
			dup := false
			for _, prev := range matched[:i] {
				if strings.EqualFold(prev.name, m.name) {
					dup = true
					break
				}
			}
			if dup {
				if err := c.WriteError(c.NewError(argumentException(fmt.Sprintf("The property cannot be processed because the property \"%s\" already exists.", m.name)),
					"AlreadyExistingUserSpecifiedPropertyNoExpand", eval.InvalidOperation, in)); err != nil {
					return err
				}
				continue
			}
			out.Add(m.name, m.value)
		}
		return s.write(c, out, matched)
	}
	return s.expandProperty(c, in, matched)
}

// markSelected gives a custom object passed through unchanged the
// "Selected." type name pwsh adds.
func (s *selector) markSelected(obj any, force bool) {
	o, ok := obj.(*value.PSObject)
	if !ok || value.TypeName(o) != value.PSCustomObjectType {
		return
	}
	name := "Selected." + s.inputType
	for _, n := range o.TypeNames() {
		if n == name && !force {
			return
		}
	}
	o.InsertTypeName(name)
}

// expandProperty writes the value(s) of -ExpandProperty, with the
// -Property properties added to each.
func (s *selector) expandProperty(c *eval.Call, in any, matched []resolvedProp) error {
	rs, err := propArg{name: s.expand}.resolve(c, in)
	if err != nil {
		return err
	}
	if len(rs) == 0 {
		return c.WriteError(c.NewError(argumentException(fmt.Sprintf("Property \"%s\" cannot be found.", s.expand)), "ExpandPropertyNotFound", eval.InvalidArgument, in))
	}
	if len(rs) > 1 {
		return c.WriteError(c.NewError(argumentException("Multiple properties cannot be expanded."), "MutlipleExpandProperties", eval.InvalidArgument, in))
	}
	v := rs[0].value
	if value.IsNull(v) {
		return nil
	}
	items := []any{v}
	if value.IsCollection(v) {
		items = value.Enumerate(v)
	}
	for _, it := range items {
		if value.IsNull(it) {
			continue
		}
		if o, ok := it.(*value.PSObject); ok {
			for _, m := range matched {
				if _, exists := o.Property(m.name); exists {
					if err := c.WriteError(c.NewError(argumentException(fmt.Sprintf("The property cannot be processed because the property \"%s\" already exists.", m.name)),
						"AlreadyExistingUserSpecifiedPropertyExpand", eval.InvalidOperation, in)); err != nil {
						return err
					}
					continue
				}
				o.Add(m.name, m.value)
			}
		}
		if err := s.write(c, it, matched); err != nil {
			return err
		}
	}
	return nil
}

// write outputs an object, or keeps it when -Unique and it is new.
func (s *selector) write(c *eval.Call, obj any, added []resolvedProp) error {
	if !s.unique {
		return c.WriteObject(obj)
	}
	for _, u := range s.uniques {
		if len(u.added) != len(added) {
			continue
		}
		if len(added) == 0 {
			if equalValues(obj, u.obj, s.cs) {
				return nil
			}
			continue
		}
		same := true
		for i := range added {
			if !strings.EqualFold(added[i].name, u.added[i].name) || !equalValues(added[i].value, u.added[i].value, s.cs) {
				same = false
				break
			}
		}
		if same {
			return nil
		}
	}
	s.uniques = append(s.uniques, uniqueEntry{obj: obj, added: added})
	return nil
}
