package eval

import (
	"fmt"
	"strings"

	"github.com/keyhost/keyhost/ps/ast"
	"github.com/keyhost/keyhost/ps/value"
)

// Parameter validation: the Validate* attributes and the checks a
// mandatory parameter makes, with the texts of PowerShell's Metadata and
// ParameterBinderStrings resources.

// validationError is ParameterArgumentValidationError for a parameter.
func (f *frame) validationError(ci *CommandInfo, p *Parameter, cmd ast.Node, msg string) error {
	return f.bindErrorOf(ci, cmd, "ParameterArgumentValidationError", "System.Management.Automation.ParameterBindingValidationException",
		fmt.Sprintf("Cannot validate argument on parameter '%s'. %s", p.Name, msg), InvalidData)
}

// validateArgument runs the parameter's validation attributes.
func (f *frame) validateArgument(ci *CommandInfo, p *Parameter, v any, cmd ast.Node) error {
	if p.NotNullOrEmpty || p.NotNullOrWhiteSpace {
		empty := value.IsNull(v)
		hasNullItem := false
		switch x := v.(type) {
		case string:
			empty = x == "" || (p.NotNullOrWhiteSpace && strings.TrimSpace(x) == "")
		case []any:
			empty = len(x) == 0
			for _, it := range x {
				if value.IsNull(it) {
					hasNullItem = true
				}
				if s, ok := it.(string); ok && (s == "" || (p.NotNullOrWhiteSpace && strings.TrimSpace(s) == "")) {
					hasNullItem = true
				}
			}
		}
		switch {
		case empty && p.NotNullOrWhiteSpace:
			return f.validationError(ci, p, cmd, "The argument is null, empty, or consists of only white-space characters. Provide an argument that contains non white-space characters, and then try the command again.")
		case empty:
			return f.validationError(ci, p, cmd, "The argument is null or empty. Provide an argument that is not null or empty, and then try the command again.")
		case hasNullItem:
			return f.validationError(ci, p, cmd, "The argument is null, empty, or an element of the argument collection contains a null value. Supply a collection that does not contain any null values and then try the command again.")
		}
	}
	if p.NotNull {
		if value.IsNull(v) {
			return f.validationError(ci, p, cmd, "The argument is null. Provide a valid value for the argument, and then try running the command again.")
		}
		if arr, ok := v.([]any); ok {
			for _, it := range arr {
				if value.IsNull(it) {
					return f.validationError(ci, p, cmd, "The argument has a null value, or an element of the argument collection contains a null value. Provide a collection that does not contain any null values, and then try the command again.")
				}
			}
		}
	}
	if value.IsNull(v) {
		// The other validators do not run on $null.
		return nil
	}
	if len(p.ValidateSet) > 0 {
		for _, item := range value.Enumerate(v) {
			s := value.ToString(item)
			ok := false
			for _, allowed := range p.ValidateSet {
				if strings.EqualFold(allowed, s) {
					ok = true
					break
				}
			}
			if !ok {
				return f.validationError(ci, p, cmd, fmt.Sprintf("The argument \"%s\" does not belong to the set \"%s\" specified by the ValidateSet attribute. Supply an argument that is in the set and then try the command again.", s, strings.Join(p.ValidateSet, ",")))
			}
		}
	}
	for _, check := range p.Validate {
		if msg := check(v); msg != "" {
			return f.validationError(ci, p, cmd, msg)
		}
	}
	for _, sb := range p.validateScripts {
		for _, item := range value.Enumerate(v) {
			out, err := f.collectList(func(e emitter) error { return f.invokeBlockInScope(sb, item, nil, e) })
			if err != nil {
				var rt *RuntimeError
				if asRuntime(err, &rt) {
					return f.validationError(ci, p, cmd, rt.Record.Message())
				}
				return err
			}
			if !value.ToBool(listValue(out)) {
				return f.validationError(ci, p, cmd, fmt.Sprintf("The \"%s\" validation script for the argument with value \"%s\" did not return a result of True. Determine why the validation script failed, and then try the command again.", sb.Text, value.ToString(item)))
			}
		}
	}
	return nil
}

func asRuntime(err error, out **RuntimeError) bool {
	rt, ok := err.(*RuntimeError)
	if ok {
		*out = rt
	}
	return ok
}

// checkMandatoryValue is the check a mandatory parameter makes on the
// value it gets: no $null, no empty string, no empty collection, unless an
// Allow* attribute permits it.
func (f *frame) checkMandatoryValue(ci *CommandInfo, p *Parameter, v any, cmd ast.Node) error {
	fail := func(id, what string) error {
		return f.bindErrorOf(ci, cmd, id, "System.Management.Automation.ParameterBindingValidationException",
			fmt.Sprintf("Cannot bind argument to parameter '%s' because it is %s.", p.Name, what), InvalidData)
	}
	switch x := v.(type) {
	case nil:
		if !p.AllowNull {
			return fail("ParameterArgumentValidationErrorNullNotAllowed", "null")
		}
	case string:
		if x == "" && !p.AllowEmptyString && !p.AllowNull {
			return fail("ParameterArgumentValidationErrorEmptyStringNotAllowed", "an empty string")
		}
	case []any:
		if len(x) == 0 && !p.AllowEmptyCollection {
			return fail("ParameterArgumentValidationErrorEmptyArrayNotAllowed", "an empty array")
		}
	}
	return nil
}

// rangeValidator is [ValidateRange(min, max)] or [ValidateRange('Positive')].
func rangeValidator(args []any) func(any) string {
	if len(args) == 1 {
		kind := strings.ToLower(value.ToString(args[0]))
		return func(v any) string {
			for _, it := range value.Enumerate(v) {
				c, err := value.Compare(it, int32(0), false)
				if err != nil {
					continue
				}
				msg := ""
				switch kind {
				case "positive":
					if c <= 0 {
						msg = "The argument \"%s\" cannot be validated because its value is not greater than zero."
					}
				case "nonnegative":
					if c < 0 {
						msg = "The argument \"%s\" cannot be validated because its value is not greater than or equal to zero."
					}
				case "negative":
					if c >= 0 {
						msg = "The argument \"%s\" cannot be validated because its value is not less than zero."
					}
				case "nonpositive":
					if c > 0 {
						msg = "The argument \"%s\" cannot be validated because its value is not less than or equal to zero."
					}
				}
				if msg != "" {
					return fmt.Sprintf(msg, value.ToString(it))
				}
			}
			return ""
		}
	}
	if len(args) != 2 {
		return nil
	}
	lo, hi := args[0], args[1]
	return func(v any) string {
		for _, it := range value.Enumerate(v) {
			if c, err := value.Compare(it, lo, false); err == nil && c < 0 {
				return fmt.Sprintf("The %s argument is less than the minimum allowed range of %s. Supply an argument that is greater than or equal to %s and then try the command again.", value.ToString(it), value.ToString(lo), value.ToString(lo))
			}
			if c, err := value.Compare(it, hi, false); err == nil && c > 0 {
				return fmt.Sprintf("The %s argument is greater than the maximum allowed range of %s. Supply an argument that is less than or equal to %s and then try the command again.", value.ToString(it), value.ToString(hi), value.ToString(hi))
			}
		}
		return ""
	}
}

// patternValidator is [ValidatePattern(regex[, Options = ...])]; it
// ignores case unless the options say otherwise.
func patternValidator(pattern string, caseSensitive bool) func(any) string {
	re, err := compileRegex(pattern, caseSensitive)
	return func(v any) string {
		for _, it := range value.Enumerate(v) {
			s := value.ToString(it)
			if err != nil || !re.MatchString(s) {
				return fmt.Sprintf("The argument \"%s\" does not match the \"%s\" pattern. Supply an argument that matches \"%s\" and try the command again.", s, pattern, pattern)
			}
		}
		return ""
	}
}

// lengthValidator is [ValidateLength(min, max)].
func lengthValidator(lo, hi int) func(any) string {
	return func(v any) string {
		for _, it := range value.Enumerate(v) {
			n := len([]rune(value.ToString(it)))
			if n < lo {
				return fmt.Sprintf("The character length (%d) of the argument is too short. Specify an argument with a length that is greater than or equal to \"%d\", and then try the command again.", n, lo)
			}
			if n > hi {
				return fmt.Sprintf("The character length of the %d argument is too long. Shorten the character length of the argument so it is fewer than or equal to \"%d\" characters, and then try the command again.", n, hi)
			}
		}
		return ""
	}
}

// countValidator is [ValidateCount(min, max)].
func countValidator(lo, hi int) func(any) string {
	return func(v any) string {
		n := len(value.Enumerate(v))
		if n >= lo && n <= hi {
			return ""
		}
		if lo == hi {
			return fmt.Sprintf("The parameter requires exactly %d value(s) - %d value(s) were provided.", lo, n)
		}
		return fmt.Sprintf("The parameter requires at least %d value(s) and no more than %d value(s) - %d value(s) were provided.", lo, hi, n)
	}
}
