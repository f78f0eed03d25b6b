package builtin

import (
	"strings"

	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
)

// whereOperator is one of Where-Object's operator switches and the
// parameter set it selects.
type whereOperator struct {
	name, set, alias string
	op               operator
	cs               bool
}

// whereOperators are Where-Object's operator switches, as in pwsh (each
// is its own parameter set; EqualSet is the default, where -EQ may be
// left out).
var whereOperators = []whereOperator{
	{"EQ", "EqualSet", "IEQ", opEq, false}, {"CEQ", "CaseSensitiveEqualSet", "", opEq, true},
	{"NE", "NotEqualSet", "INE", opNe, false}, {"CNE", "CaseSensitiveNotEqualSet", "", opNe, true},
	{"GT", "GreaterThanSet", "IGT", opGt, false}, {"CGT", "CaseSensitiveGreaterThanSet", "", opGt, true},
	{"LT", "LessThanSet", "ILT", opLt, false}, {"CLT", "CaseSensitiveLessThanSet", "", opLt, true},
	{"GE", "GreaterOrEqualSet", "IGE", opGe, false}, {"CGE", "CaseSensitiveGreaterOrEqualSet", "", opGe, true},
	{"LE", "LessOrEqualSet", "ILE", opLe, false}, {"CLE", "CaseSensitiveLessOrEqualSet", "", opLe, true},
	{"Like", "LikeSet", "ILike", opLike, false}, {"CLike", "CaseSensitiveLikeSet", "", opLike, true},
	{"NotLike", "NotLikeSet", "INotLike", opNotLike, false}, {"CNotLike", "CaseSensitiveNotLikeSet", "", opNotLike, true},
	{"Match", "MatchSet", "IMatch", opMatch, false}, {"CMatch", "CaseSensitiveMatchSet", "", opMatch, true},
	{"NotMatch", "NotMatchSet", "INotMatch", opNotMatch, false}, {"CNotMatch", "CaseSensitiveNotMatchSet", "", opNotMatch, true},
	{"Contains", "ContainsSet", "IContains", opContains, false}, {"CContains", "CaseSensitiveContainsSet", "", opContains, true},
	{"NotContains", "NotContainsSet", "INotContains", opNotContains, false}, {"CNotContains", "CaseSensitiveNotContainsSet", "", opNotContains, true},
	{"In", "InSet", "IIn", opIn, false}, {"CIn", "CaseSensitiveInSet", "", opIn, true},
	{"NotIn", "NotInSet", "INotIn", opNotIn, false}, {"CNotIn", "CaseSensitiveNotInSet", "", opNotIn, true},
	{"Is", "IsSet", "", opIs, false}, {"IsNot", "IsNotSet", "", opIsNot, false},
	{"Not", "Not", "", opNot, false},
}

// whereObject is Where-Object (aliases ? and where): a filter script, or
// the simplified syntax `Where-Object Name -eq 'x'`.
func whereObject() *eval.CommandInfo {
	params := []*eval.Parameter{
		inputObject(-1),
		// FilterScript takes any value: a bare word in its position
		// (Where-Object Name) names a property, as pwsh's binder decides
		// by trying the other parameter sets.
		{Name: "FilterScript", Sets: []eval.ParameterSet{{Name: "ScriptBlockSet", Mandatory: true, Position: 0}}},
	}
	var propSets, valueSets []eval.ParameterSet
	for _, o := range whereOperators {
		propSets = append(propSets, eval.ParameterSet{Name: o.set, Mandatory: true, Position: 0})
		if o.op != opNot {
			valueSets = append(valueSets, eval.ParameterSet{Name: o.set, Position: 1})
		}
	}
	params = append(params,
		&eval.Parameter{Name: "Property", Type: eval.StringType, NotNullOrEmpty: true, Sets: propSets},
		&eval.Parameter{Name: "Value", Sets: valueSets})
	for _, o := range whereOperators {
		p := &eval.Parameter{Name: o.name, Switch: true, Sets: []eval.ParameterSet{{Name: o.set, Mandatory: o.set != "EqualSet"}}}
		if o.alias != "" {
			p.Aliases = []string{o.alias}
		}
		params = append(params, p)
	}
	return &eval.CommandInfo{
		Name:                "Where-Object",
		Module:              coreModule,
		ImplementingType:    "Microsoft.PowerShell.Commands.WhereObjectCommand",
		Synopsis:            "Selects objects from a collection based on their property values.",
		DefaultParameterSet: "EqualSet",
		Parameters:          params,
		New:                 func() eval.Processor { return &where{} },
	}
}

// where is one Where-Object invocation.
type where struct {
	script *eval.ScriptBlock
	// property and the operator of the simplified syntax.
	property string
	op       operator
	cs       bool
	// truth tests the property's truth (Where-Object Name, no -EQ).
	truth bool
	value any
}

func (w *where) Begin(c *eval.Call) error {
	set := c.ParameterSetName()
	if set == "ScriptBlockSet" {
		if sb, ok := c.Value("FilterScript").(*eval.ScriptBlock); ok {
			w.script = sb
			return nil
		}
		// A bare property name: test its truth.
		w.property = c.String("FilterScript")
		w.truth = true
		return nil
	}
	w.property = c.String("Property")
	for _, o := range whereOperators {
		if o.set == set {
			w.op, w.cs = o.op, o.cs
		}
	}
	explicitEq := c.Switch("EQ")
	hasValue := c.Has("Value")
	if set == "EqualSet" && !explicitEq {
		if hasValue {
			return c.ThrowTerminatingError(c.NewError(argumentException("An operator is required to compare the two specified values. Include a valid operator in the command, and then try the command again. For example, Get-Process | Where-Object -Property Name -eq Idle"),
				"OperatorNotSpecified", eval.InvalidArgument, nil))
		}
		w.truth = true
		return nil
	}
	if !hasValue && w.op != opNot {
		return c.ThrowTerminatingError(c.NewError(argumentException("The specified operator requires both the -Property and -Value parameters. Provide values for both parameters, and then try the command again."),
			"ValueNotSpecifiedForWhereObject", eval.InvalidArgument, nil))
	}
	w.value = c.Value("Value")
	if s, ok := w.value.(string); ok && (w.op == opIs || w.op == opIsNot) && len(s) > 2 && s[0] == '[' && s[len(s)-1] == ']' {
		w.value = s[1 : len(s)-1]
	}
	return nil
}

// argumentException is PowerShell's PSArgumentException.
func argumentException(msg string) *eval.Exception {
	return eval.NewException("System.Management.Automation.PSArgumentException", msg)
}

func (w *where) Process(c *eval.Call) error {
	in, has := c.Input()
	if !has {
		in = c.Value("InputObject")
		if !c.Has("InputObject") {
			return nil
		}
	}
	if w.script != nil {
		out, err := c.InvokeScript(w.script, in)
		if err != nil {
			return err
		}
		if truth(out) {
			return c.WriteObject(in)
		}
		return nil
	}
	lvalue := propertyValue(in, w.property)
	if w.truth {
		if value.ToBool(lvalue) {
			return c.WriteObject(in)
		}
		return nil
	}
	ok, err := compare(w.op, lvalue, w.value, w.cs)
	if err != nil {
		return c.WriteError(c.NewError(eval.NewException("System.Management.Automation.RuntimeException", err.Error()), "OperatorFailed", eval.InvalidOperation, in))
	}
	if ok {
		return c.WriteObject(in)
	}
	return nil
}

func (w *where) End(*eval.Call) error { return nil }

// truth is the truth of a script's output, as if it were one value.
func truth(out []any) bool {
	switch len(out) {
	case 0:
		return false
	case 1:
		return value.ToBool(out[0])
	}
	return true
}

// propertyValue reads a property for the simplified syntax: a
// hashtable's key, or the object's property (a wildcard name matching
// exactly one property); nil when there is none.
func propertyValue(obj any, name string) any {
	if value.IsNull(obj) {
		return nil
	}
	if h, ok := obj.(*value.Hashtable); ok {
		if v, ok := h.Get(name); ok {
			return v
		}
	}
	if strings.ContainsAny(name, "*?[") {
		if o, ok := obj.(value.Object); ok {
			var match string
			n := 0
			for _, p := range o.PropertyNames() {
				if wildcardMatch(name, p) {
					match, n = p, n+1
				}
			}
			if n == 1 {
				v, _ := value.GetProperty(obj, match)
				return v
			}
			return nil
		}
	}
	v, _ := eval.GetMember(obj, name)
	return v
}
