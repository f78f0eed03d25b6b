package builtin

import (
	"fmt"
	"math"
	"strings"
	"unicode"

	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/format"
	"github.com/keyhost/keyhost/ps/value"
	"github.com/keyhost/keyhost/ps/wildcard"
)

// measureObject is Measure-Object (alias measure): counts objects and
// computes sums, averages, extremes and the standard deviation of their
// values (GenericMeasure), or counts lines, words and characters of text
// (TextMeasure).
func measureObject() *eval.CommandInfo {
	generic := []eval.ParameterSet{{Name: "GenericMeasure", Position: -1}}
	text := []eval.ParameterSet{{Name: "TextMeasure", Position: -1}}
	return &eval.CommandInfo{
		Name:                "Measure-Object",
		Module:              utilityModule,
		ImplementingType:    "Microsoft.PowerShell.Commands.MeasureObjectCommand",
		Synopsis:            "Calculates the numeric properties of objects, and the characters, words, and lines in string objects, such as files of text.",
		DefaultParameterSet: "GenericMeasure",
		Parameters: []*eval.Parameter{
			inputObject(-1),
			{Name: "Property", Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Position: 0}}},
			{Name: "StandardDeviation", Switch: true, Sets: generic},
			{Name: "Sum", Switch: true, Sets: generic},
			{Name: "AllStats", Switch: true, Sets: generic},
			{Name: "Average", Switch: true, Sets: generic},
			{Name: "Maximum", Switch: true, Sets: generic},
			{Name: "Minimum", Switch: true, Sets: generic},
			{Name: "Line", Switch: true, Sets: text},
			{Name: "Word", Switch: true, Sets: text},
			{Name: "Character", Switch: true, Sets: text},
			{Name: "IgnoreWhiteSpace", Switch: true, Sets: text},
		},
		New: func() eval.Processor { return &measurer{} },
	}
}

// stats accumulates one property's statistics.
type stats struct {
	name                string
	count               int
	sum, sumSquares     float64
	min, max            any
	lines, words, chars int
}

type measurer struct {
	props                        []propArg
	stats                        []*stats
	sum, avg, max, min, std      bool
	lines, words, chars, ignoreW bool
	records                      int
	nonNumeric                   bool
}

func (m *measurer) Begin(c *eval.Call) error {
	all := c.Switch("AllStats")
	m.sum, m.avg, m.max, m.min, m.std = c.Switch("Sum") || all, c.Switch("Average") || all, c.Switch("Maximum") || all, c.Switch("Minimum") || all, c.Switch("StandardDeviation") || all
	m.lines, m.words, m.chars, m.ignoreW = c.Switch("Line"), c.Switch("Word"), c.Switch("Character"), c.Switch("IgnoreWhiteSpace")
	if c.Has("Property") {
		props, err := parseProps(c, c.Value("Property"), keyExpression)
		if err != nil {
			return err
		}
		m.props = props
	}
	return nil
}

// entry returns the statistics of a property, creating them.
func (m *measurer) entry(name string) *stats {
	for _, s := range m.stats {
		if strings.EqualFold(s.name, name) {
			return s
		}
	}
	s := &stats{name: name}
	m.stats = append(m.stats, s)
	return s
}

func (m *measurer) Process(c *eval.Call) error {
	in, has := c.Input()
	if !has {
		if !c.Has("InputObject") {
			return nil
		}
		in = c.Value("InputObject")
	}
	if in == nil {
		return nil
	}
	m.records++
	if len(m.props) == 0 {
		return m.analyze(c, m.entry("$_"), in)
	}
	counted := map[string]bool{}
	for _, p := range m.props {
		rs, err := p.resolve(c, in)
		if err != nil {
			return err
		}
		if len(rs) == 0 {
			if p.script == nil && !wildcard.HasWildcard(p.name) {
				m.entry(p.name)
			}
			continue
		}
		for _, r := range rs {
			key := strings.ToLower(r.name)
			if counted[key] {
				continue
			}
			counted[key] = true
			if err := m.analyze(c, m.entry(r.name), r.value); err != nil {
				return err
			}
		}
	}
	return nil
}

// analyze adds one value to a property's statistics.
func (m *measurer) analyze(c *eval.Call, s *stats, v any) error {
	s.count++
	if m.lines || m.words || m.chars {
		text := format.DisplayText(v)
		if m.chars {
			s.chars += countChars(text, m.ignoreW)
		}
		if m.words {
			s.words += len(strings.FieldsFunc(text, unicode.IsSpace))
		}
		if m.lines {
			s.lines += countLines(text)
		}
	}
	if m.sum || m.avg || m.std {
		f, err := value.ToFloat64(v)
		if err != nil {
			m.nonNumeric = true
			return c.WriteError(c.NewError(eval.NewException("System.InvalidOperationException", fmt.Sprintf("Input object \"%s\" is not numeric.", value.ToString(v))), "NonNumericInputObject", eval.InvalidType, v))
		}
		s.sum += f
		s.sumSquares += f * f
	}
	if m.min {
		s.min = extreme(v, s.min, true)
	}
	if m.max {
		s.max = extreme(v, s.max, false)
	}
	return nil
}

// countChars counts characters, leaving out white space when asked.
func countChars(s string, ignoreWhiteSpace bool) int {
	n := 0
	for _, r := range s {
		if !ignoreWhiteSpace || !unicode.IsSpace(r) {
			n++
		}
	}
	return n
}

// countLines counts lines as pwsh does: 'abc\nd' has two, 'abc\n' one.
func countLines(s string) int {
	if s == "" {
		return 0
	}
	n := strings.Count(s, "\n")
	if !strings.HasSuffix(s, "\n") {
		n++
	}
	return n
}

// extreme keeps the smaller (or larger) of a value and the current
// extreme: numbers compare as numbers, anything else by PowerShell's
// comparison (as strings when the kinds differ).
func extreme(v, cur any, isMin bool) any {
	if value.IsNull(cur) {
		return v
	}
	if value.IsNull(v) {
		return cur
	}
	a, b := any(cur), any(v)
	af, aerr := value.ToFloat64(cur)
	bf, berr := value.ToFloat64(v)
	if aerr == nil && berr == nil && !isString(cur) && !isString(v) {
		a, b = af, bf
	} else if value.TypeName(cur) != value.TypeName(v) {
		a, b = format.DisplayText(cur), format.DisplayText(v)
	}
	c := compareValues(a, b, false)
	if (isMin && c > 0) || (!isMin && c < 0) {
		return v
	}
	return cur
}

func isString(v any) bool { _, ok := v.(string); return ok }

func (m *measurer) End(c *eval.Call) error {
	if m.records == 0 && len(m.props) == 0 {
		m.entry("$_")
	}
	for _, s := range m.stats {
		if s.count == 0 && len(m.props) > 0 {
			id := "GenericMeasurePropertyNotFound"
			if c.ParameterSetName() == "TextMeasure" {
				id = "TextMeasurePropertyNotFound"
			}
			rec := c.NewError(argumentException(fmt.Sprintf("The property \"%s\" cannot be found in the input for any objects.", s.name)), id, eval.InvalidArgument, nil)
			if err := c.WriteError(rec); err != nil {
				return err
			}
			continue
		}
		var property any
		if len(m.props) > 0 {
			property = s.name
		}
		var out *value.PSObject
		if c.ParameterSetName() == "TextMeasure" {
			out = value.NewPSObject("Microsoft.PowerShell.Commands.TextMeasureInfo", "Microsoft.PowerShell.Commands.MeasureInfo")
			out.Add("Lines", optionalInt(m.lines, s.lines)).Add("Words", optionalInt(m.words, s.words)).
				Add("Characters", optionalInt(m.chars, s.chars)).Add("Property", property)
		} else {
			out = m.genericInfo(s, property)
		}
		if err := c.WriteObject(out); err != nil {
			return err
		}
	}
	return nil
}

// optionalInt is a measured count, or $null when it was not asked for.
func optionalInt(asked bool, n int) any {
	if !asked {
		return nil
	}
	return int32(n)
}

// genericInfo builds GenericMeasureInfo (numeric extremes) or
// GenericObjectMeasureInfo (extremes of other kinds, such as strings).
func (m *measurer) genericInfo(s *stats, property any) *value.PSObject {
	numeric := func(v any) bool {
		if value.IsNull(v) {
			return true
		}
		_, err := value.ToFloat64(v)
		return err == nil
	}
	typeName := "Microsoft.PowerShell.Commands.GenericMeasureInfo"
	asDouble := numeric(s.min) && numeric(s.max)
	if !asDouble {
		typeName = "Microsoft.PowerShell.Commands.GenericObjectMeasureInfo"
	}
	var sum, avg, std, max, min any
	if !m.nonNumeric {
		if m.sum {
			sum = s.sum
		}
		if m.avg && s.count > 0 {
			avg = s.sum / float64(s.count)
		}
		if m.std && s.count > 1 {
			mean := s.sum / float64(s.count)
			variance := (s.sumSquares - float64(s.count)*mean*mean) / float64(s.count-1)
			std = math.Sqrt(math.Max(variance, 0))
		} else if m.std {
			std = 0.0
		}
	}
	extremeValue := func(v any) any {
		if value.IsNull(v) || !asDouble {
			return v
		}
		f, _ := value.ToFloat64(v)
		return f
	}
	if m.max {
		max = extremeValue(s.max)
	}
	if m.min {
		min = extremeValue(s.min)
	}
	out := value.NewPSObject(typeName, "Microsoft.PowerShell.Commands.MeasureInfo")
	return out.Add("Count", int32(s.count)).Add("Average", avg).Add("Sum", sum).Add("Maximum", max).
		Add("Minimum", min).Add("StandardDeviation", std).Add("Property", property)
}
