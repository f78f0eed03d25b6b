package pester

import (
	"fmt"
	"strings"

	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
)

// Should -HaveParameter: a command (from Get-Command) has a parameter,
// optionally of a type, mandatory, with a default value or an alias.

// testHaveParameter is Should -HaveParameter.
func testHaveParameter(a *assertion) (outcome, error) {
	if value.IsNull(a.actual) || !eval.IsCommandInfo(a.actual) {
		return outcome{}, throwf(a.c, "Input value must be non-null CommandInfo object. You can get one by calling Get-Command.")
	}
	name := a.str("ParameterName")
	cmdName := value.ToString(mustProperty(a.actual, "Name"))
	params, _ := mustProperty(a.actual, "Parameters").(*value.Hashtable)
	var meta any
	has := false
	if params != nil {
		meta, has = params.Get(name)
	}
	var filters, buts []string
	not := ""
	if a.negate {
		not = " not"
	}
	filters = append(filters, "to"+not+" have a parameter "+name)
	mandatory := a.has("Mandatory") && value.ToBool(a.arg("Mandatory"))
	wantType := a.has("Type") && !value.IsNull(a.arg("Type"))
	switch {
	case !a.negate && !has:
		buts = append(buts, "the parameter is missing")
	case a.negate && !has:
		return pass()
	case a.negate && !(mandatory || wantType || a.has("DefaultValue") || a.has("HasArgumentCompleter")):
		buts = append(buts, "the parameter exists")
	default:
		if a.has("Mandatory") {
			isMandatory := parameterMandatory(meta)
			if a.negate || !mandatory {
				filters = append(filters, "which is not mandatory")
			} else {
				filters = append(filters, "which is mandatory")
			}
			switch {
			case a.negate && mandatory && isMandatory:
				buts = append(buts, "it was mandatory")
			case !a.negate && mandatory && !isMandatory:
				buts = append(buts, "it wasn't mandatory")
			case !a.negate && !mandatory && isMandatory:
				buts = append(buts, "it was mandatory")
			}
		}
		if wantType {
			want := exceptionTypeName(a.arg("Type"))
			actual, _ := eval.TypeValueName(mustProperty(meta, "ParameterType"))
			same := strings.EqualFold(want, actual)
			prefix := ""
			if a.negate {
				prefix = "not "
			}
			filters = append(filters, prefix+"of type ["+want+"]")
			switch {
			case !a.negate && !same:
				buts = append(buts, "it was of type ["+actual+"]")
			case a.negate && same:
				buts = append(buts, "it was of type ["+want+"]")
			}
		}
		if a.has("DefaultValue") {
			want := a.str("DefaultValue")
			actual := parameterDefault(a.actual, name)
			same := strings.EqualFold(actual, want)
			filters = append(filters, fmt.Sprintf("the default value%s to be %s", not, formatNicely(want)))
			switch {
			case !a.negate && !same:
				buts = append(buts, "the default value was "+formatNicely(actual))
			case a.negate && same:
				buts = append(buts, "the default value was "+formatNicely(want))
			}
		}
		if a.has("HasArgumentCompleter") {
			wants := value.ToBool(a.arg("HasArgumentCompleter"))
			if a.negate || !wants {
				filters = append(filters, "without ArgumentCompletion")
			} else {
				filters = append(filters, "with ArgumentCompletion")
			}
			if !a.negate && wants {
				// keyhost's commands register no argument completers.
				buts = append(buts, "it has no ArgumentCompletion")
			}
		}
		if alias := a.str("Alias"); alias != "" {
			found := false
			for _, x := range value.Enumerate(mustProperty(meta, "Aliases")) {
				if strings.EqualFold(value.ToString(x), alias) {
					found = true
				}
			}
			filters = append(filters, fmt.Sprintf("to%s have an alias '%s'", not, alias))
			switch {
			case !a.negate && !found:
				buts = append(buts, fmt.Sprintf("it didn't have an alias '%s'", alias))
			case a.negate && found:
				buts = append(buts, fmt.Sprintf("it had an alias '%s'", alias))
			}
		}
	}
	if len(buts) == 0 {
		return pass()
	}
	filter := joinAnd(filters, 3)
	if filter != "" {
		filter = " " + filter
	}
	return fail(fmt.Sprintf("Expected command %s%s,%s but %s.", cmdName, filter, a.becauseText(), joinAnd(buts, 2)))
}

// mustProperty reads a property, $null when missing.
func mustProperty(v any, name string) any {
	x, _ := value.GetProperty(v, name)
	return x
}

// parameterMandatory reports whether a ParameterMetadata is mandatory in
// any of its parameter sets.
func parameterMandatory(meta any) bool {
	sets, ok := mustProperty(meta, "ParameterSets").(*value.Hashtable)
	if !ok {
		return false
	}
	for _, s := range sets.Values() {
		if value.ToBool(mustProperty(s, "IsMandatory")) {
			return true
		}
	}
	return false
}

// parameterDefault is the default value of a function's parameter as
// Pester's tokenizer reads it: a string's content, a variable's name, or
// the expression's text; "" when there is none.
func parameterDefault(cmd any, name string) string {
	ci, _, ok := eval.CommandInfoOf(cmd)
	if !ok {
		return ""
	}
	for _, p := range ci.Parameters {
		if !strings.EqualFold(p.Name, name) {
			continue
		}
		d := strings.TrimSpace(p.Default)
		if len(d) >= 2 && (d[0] == '\'' || d[0] == '"') && d[len(d)-1] == d[0] {
			return d[1 : len(d)-1]
		}
		return strings.TrimPrefix(d, "$")
	}
	return ""
}
