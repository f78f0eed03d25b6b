package builtin

import (
	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
)

// compareObject is Compare-Object (aliases compare, diff): reports the
// objects of two sets that differ (SideIndicator <= for the reference
// only, => for the difference only, == for both with -IncludeEqual).
func compareObject() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:             "Compare-Object",
		Module:           utilityModule,
		ImplementingType: "Microsoft.PowerShell.Commands.CompareObjectCommand",
		Synopsis:         "Compares two sets of objects.",
		Parameters: []*eval.Parameter{
			{Name: "ReferenceObject", Type: objectArrayType, AllowEmptyCollection: true, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Mandatory: true, Position: 0}}},
			{Name: "DifferenceObject", Type: objectArrayType, AllowEmptyCollection: true, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Mandatory: true, Position: 1, ValueFromPipeline: true}}},
			{Name: "SyncWindow", Type: eval.Int32Type, Validate: validateRange(0, maxInt32)},
			{Name: "Property"},
			{Name: "ExcludeDifferent", Switch: true},
			{Name: "IncludeEqual", Switch: true},
			{Name: "PassThru", Switch: true},
			{Name: "Culture", Type: eval.StringType},
			{Name: "CaseSensitive", Switch: true},
		},
		New: func() eval.Processor { return &comparer{window: 1<<31 - 1} },
	}
}

// comparer runs pwsh's matching algorithm: each difference object is
// matched against the next reference object, then against the backlogs
// of unmatched objects (at most SyncWindow of each).
type comparer struct {
	props        []propArg
	window       int
	includeEqual bool
	cs           bool
	refs         []sortEntry
	refIndex     int
	inited       bool
	refBacklog   []sortEntry
	diffBacklog  []sortEntry
}

func (p *comparer) Begin(c *eval.Call) error {
	if c.Has("SyncWindow") {
		n, _ := value.ToInt32(c.Value("SyncWindow"))
		p.window = int(n)
	}
	if c.Has("Property") {
		props, err := parseProps(c, c.Value("Property"), keyExpression)
		if err != nil {
			return err
		}
		p.props = props
	}
	p.includeEqual = c.Switch("IncludeEqual")
	if c.Switch("ExcludeDifferent") && !(c.Has("IncludeEqual") && !p.includeEqual) {
		p.includeEqual = true
	}
	p.cs = c.Switch("CaseSensitive")
	return nil
}

// entries evaluates the comparison keys of objects.
func (p *comparer) entries(c *eval.Call, objs []any) ([]sortEntry, error) {
	out := make([]sortEntry, 0, len(objs))
	for _, o := range objs {
		keys, err := keysOf(c, p.props, o)
		if err != nil {
			return nil, err
		}
		out = append(out, sortEntry{obj: o, keys: keys})
	}
	return out, nil
}

// same reports whether two entries match.
func (p *comparer) same(a, b sortEntry) bool {
	for i := range a.keys {
		if a.keys[i].missing != b.keys[i].missing || compareValues(a.keys[i].value, b.keys[i].value, p.cs) != 0 {
			return false
		}
	}
	return true
}

func (p *comparer) Process(c *eval.Call) error {
	refs := value.Enumerate(c.Value("ReferenceObject"))
	diffs := value.Enumerate(c.Value("DifferenceObject"))
	if !p.inited {
		p.inited = true
		entries, err := p.entries(c, refs)
		if err != nil {
			return err
		}
		p.refs = entries
	}
	if len(p.refs) == 0 {
		entries, err := p.entries(c, diffs)
		if err != nil {
			return err
		}
		for _, e := range entries {
			if err := p.emit(c, e, "=>"); err != nil {
				return err
			}
		}
		return nil
	}
	entries, err := p.entries(c, diffs)
	if err != nil {
		return err
	}
	for _, e := range entries {
		e := e
		if err := p.step(c, &e); err != nil {
			return err
		}
	}
	return nil
}

// matchAndRemove finds and removes a matching entry in a backlog.
func (p *comparer) matchAndRemove(e *sortEntry, list *[]sortEntry) (sortEntry, bool) {
	if e == nil {
		return sortEntry{}, false
	}
	for i, x := range *list {
		if p.same(*e, x) {
			*list = append((*list)[:i], (*list)[i+1:]...)
			return x, true
		}
	}
	return sortEntry{}, false
}

// step processes one difference entry (nil: only draw a reference).
func (p *comparer) step(c *eval.Call, diff *sortEntry) error {
	var ref *sortEntry
	if p.refIndex < len(p.refs) {
		ref = &p.refs[p.refIndex]
		p.refIndex++
	}
	if ref != nil && diff != nil && p.same(*ref, *diff) {
		return p.match(c, *ref)
	}
	if m, ok := p.matchAndRemove(diff, &p.refBacklog); ok {
		if err := p.match(c, m); err != nil {
			return err
		}
		diff = nil
	}
	if _, ok := p.matchAndRemove(ref, &p.diffBacklog); ok {
		if err := p.match(c, *ref); err != nil {
			return err
		}
		ref = nil
	}
	if diff != nil {
		if p.window > 0 {
			for len(p.diffBacklog) >= p.window {
				if err := p.emit(c, p.diffBacklog[0], "=>"); err != nil {
					return err
				}
				p.diffBacklog = p.diffBacklog[1:]
			}
			p.diffBacklog = append(p.diffBacklog, *diff)
		} else if err := p.emit(c, *diff, "=>"); err != nil {
			return err
		}
	}
	if ref != nil {
		if p.window > 0 {
			for len(p.refBacklog) >= p.window {
				if err := p.emit(c, p.refBacklog[0], "<="); err != nil {
					return err
				}
				p.refBacklog = p.refBacklog[1:]
			}
			p.refBacklog = append(p.refBacklog, *ref)
		} else if err := p.emit(c, *ref, "<="); err != nil {
			return err
		}
	}
	return nil
}

// match emits a matched entry when -IncludeEqual asks for it.
func (p *comparer) match(c *eval.Call, e sortEntry) error {
	if !p.includeEqual {
		return nil
	}
	return p.write(c, e, "==")
}

// emit writes an unmatched entry unless -ExcludeDifferent.
func (p *comparer) emit(c *eval.Call, e sortEntry, side string) error {
	if c.Switch("ExcludeDifferent") {
		return nil
	}
	return p.write(c, e, side)
}

// write outputs an entry with its SideIndicator.
func (p *comparer) write(c *eval.Call, e sortEntry, side string) error {
	if c.Switch("PassThru") {
		if o, ok := e.obj.(*value.PSObject); ok {
			o.Remove("SideIndicator")
			o.Add("SideIndicator", side)
		}
		return c.WriteObject(e.obj)
	}
	out := value.NewPSObject()
	if len(p.props) == 0 {
		out.Add("InputObject", e.obj)
	} else {
		for i, prop := range p.props {
			name := prop.displayName()
			if _, exists := out.Property(name); !exists {
				out.Add(name, e.keys[i].value)
			}
		}
	}
	out.Add("SideIndicator", side)
	return c.WriteObject(out)
}

func (p *comparer) End(c *eval.Call) error {
	for p.refIndex < len(p.refs) {
		if err := p.step(c, nil); err != nil {
			return err
		}
	}
	for _, e := range p.diffBacklog {
		if err := p.emit(c, e, "=>"); err != nil {
			return err
		}
	}
	p.diffBacklog = nil
	for _, e := range p.refBacklog {
		if err := p.emit(c, e, "<="); err != nil {
			return err
		}
	}
	p.refBacklog = nil
	return nil
}
