package eval

import (
	"fmt"
	"strings"

	"github.com/keyhost/keyhost/ps/value"
)

// This file registers the enum types scripts name ([ConsoleColor]::Red,
// [System.Management.Automation.ErrorCategory]::ObjectNotFound) and
// System.Enum's static methods.

// ErrorCategoryType is System.Management.Automation.ErrorCategory.
var ErrorCategoryType = &value.EnumType{
	Name: "System.Management.Automation.ErrorCategory",
	Members: []string{"NotSpecified", "OpenError", "CloseError", "DeviceError", "DeadlockDetected", "InvalidArgument",
		"InvalidData", "InvalidOperation", "InvalidResult", "InvalidType", "MetadataError", "NotImplemented", "NotInstalled",
		"ObjectNotFound", "OperationStopped", "OperationTimeout", "SyntaxError", "ParserError", "PermissionDenied",
		"ResourceBusy", "ResourceExists", "ResourceUnavailable", "ReadError", "WriteError", "FromStdErr", "SecurityError",
		"ProtocolError", "ConnectionError", "AuthenticationError", "LimitsExceeded", "QuotaExceeded", "NotEnabled"},
}

// consoleColorType is System.ConsoleColor.
var consoleColorType = &value.EnumType{Name: "System.ConsoleColor", Members: consoleColors}

// stringComparisonType is System.StringComparison.
var stringComparisonType = &value.EnumType{Name: "System.StringComparison",
	Members: []string{"CurrentCulture", "CurrentCultureIgnoreCase", "InvariantCulture", "InvariantCultureIgnoreCase", "Ordinal", "OrdinalIgnoreCase"}}

// stringSplitOptionsType is System.StringSplitOptions (a flags enum).
var stringSplitOptionsType = &value.EnumType{Name: "System.StringSplitOptions",
	Members: []string{"None", "RemoveEmptyEntries", "TrimEntries"}, Values: []int64{0, 1, 2}}

// midpointRoundingType is System.MidpointRounding.
var midpointRoundingType = &value.EnumType{Name: "System.MidpointRounding",
	Members: []string{"ToEven", "AwayFromZero", "ToZero", "ToNegativeInfinity", "ToPositiveInfinity"}}

// regexOptionsType is System.Text.RegularExpressions.RegexOptions (flags).
var regexOptionsType = &value.EnumType{Name: "System.Text.RegularExpressions.RegexOptions",
	Members: []string{"None", "IgnoreCase", "Multiline", "ExplicitCapture", "Compiled", "Singleline", "IgnorePatternWhitespace", "RightToLeft", "ECMAScript", "CultureInvariant", "NonBacktracking"},
	Values:  []int64{0, 1, 2, 4, 8, 16, 32, 64, 256, 512, 1024}}

// scopedItemOptionsType is System.Management.Automation.ScopedItemOptions.
var scopedItemOptionsType = &value.EnumType{Name: "System.Management.Automation.ScopedItemOptions",
	Members: []string{"None", "ReadOnly", "Constant", "Private", "AllScope", "Unspecified"}, Values: []int64{0, 1, 2, 4, 8, 16}}

// commandTypesType is System.Management.Automation.CommandTypes.
var commandTypesType = &value.EnumType{Name: "System.Management.Automation.CommandTypes",
	Members: []string{"Alias", "Function", "Filter", "Cmdlet", "ExternalScript", "Application", "Script", "Configuration", "All"},
	Values:  []int64{1, 2, 4, 8, 16, 32, 64, 256, 383}}

func init() {
	for _, e := range []struct {
		t       *value.EnumType
		aliases []string
	}{
		{ErrorCategoryType, nil},
		{ActionPreferenceType, nil},
		{ConfirmImpactType, nil},
		{consoleColorType, nil},
		{stringComparisonType, nil},
		{stringSplitOptionsType, nil},
		{midpointRoundingType, nil},
		{regexOptionsType, nil},
		{scopedItemOptionsType, nil},
		{commandTypesType, nil},
	} {
		t := e.t
		registerType(&psType{Name: t.Name, Enum: t, Convert: func(v any) (any, error) {
			out, err := convertFlags(t, v)
			if err != nil {
				return nil, err
			}
			return out, nil
		}}, e.aliases...)
	}
	registerType(&psType{Name: "System.Enum", StaticMethod: func(_ *frame, name string, args []any) (any, bool, error) {
		return enumStatic(nil, name, args)
	}}, "enum")
}

// convertFlags converts to an enum value, accepting "A, B" for flag enums
// (the result is then their combined number when no single member has it).
func convertFlags(t *value.EnumType, v any) (any, error) {
	if s, ok := v.(string); ok && strings.Contains(s, ",") && t.Values != nil {
		var n int64
		for _, part := range strings.Split(s, ",") {
			e, err := t.Parse(part)
			if err != nil {
				return nil, err
			}
			n |= e.Int()
		}
		if e, err := t.Convert(n); err == nil {
			return e, nil
		}
		return n, nil
	}
	return t.Convert(v)
}

// enumFlags reads a flags argument (an enum, a number or "A, B").
func enumFlags(t *value.EnumType, v any) (int64, error) {
	if value.IsNull(v) {
		return 0, nil
	}
	if e, ok := v.(value.Enum); ok {
		return e.Int(), nil
	}
	if value.IsNumber(v) {
		return value.ToInt64(v)
	}
	out, err := convertFlags(t, value.ToString(v))
	if err != nil {
		return 0, err
	}
	if e, ok := out.(value.Enum); ok {
		return e.Int(), nil
	}
	return out.(int64), nil
}

// enumStatic implements [enum]::GetNames/GetValues/Parse/IsDefined and the
// same methods called on an enum type itself.
func enumStatic(self *psType, name string, args []any) (any, bool, error) {
	typeArg := func() (*value.EnumType, error) {
		if len(args) == 0 {
			return nil, fmt.Errorf("Value cannot be null. (Parameter 'enumType')")
		}
		tv, ok := args[0].(*TypeValue)
		if ok {
			if t, ok := lookupType(tv.Name); ok && t.Enum != nil {
				return t.Enum, nil
			}
		}
		return nil, fmt.Errorf("Type provided must be an Enum. (Parameter 'enumType')")
	}
	if self != nil && self.Enum != nil {
		args = append([]any{&TypeValue{Name: self.Name, t: self}}, args...)
	}
	switch strings.ToLower(name) {
	case "getnames", "getvalues":
		t, err := typeArg()
		if err != nil {
			return nil, true, err
		}
		return enumMembers(t, strings.EqualFold(name, "getnames")), true, nil
	case "parse":
		t, err := typeArg()
		if err != nil {
			return nil, true, err
		}
		if len(args) < 2 {
			return nil, false, nil
		}
		out, err := convertFlags(t, value.ToString(args[1]))
		if err != nil {
			return nil, true, fmt.Errorf("Requested value '%s' was not found.", value.ToString(args[1]))
		}
		return out, true, nil
	case "isdefined":
		t, err := typeArg()
		if err != nil {
			return nil, true, err
		}
		if len(args) < 2 {
			return nil, false, nil
		}
		if value.IsNumber(args[1]) {
			n, _ := value.ToInt64(args[1])
			for i := range t.Members {
				if e := (value.Enum{Type: t, Index: i}); e.Int() == n {
					return true, true, nil
				}
			}
			return false, true, nil
		}
		for _, m := range t.Members {
			if m == value.ToString(args[1]) {
				return true, true, nil
			}
		}
		return false, true, nil
	case "toobject":
		t, err := typeArg()
		if err != nil {
			return nil, true, err
		}
		if len(args) < 2 {
			return nil, false, nil
		}
		out, err := t.Convert(args[1])
		return out, true, err
	}
	return nil, false, nil
}
