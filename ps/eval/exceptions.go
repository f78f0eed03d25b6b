package eval

import (
	"fmt"
	"strings"

	"github.com/keyhost/keyhost/ps/value"
)

// exceptionBases maps the .NET and PowerShell exception types scripts
// meet to their base type, so that catch [T] and -is match derived types
// (catch [System.IO.IOException] catches a FileNotFoundException).
var exceptionBases = map[string]string{
	"System.SystemException":                                               "System.Exception",
	"System.ApplicationException":                                          "System.Exception",
	"System.ArgumentException":                                             "System.SystemException",
	"System.ArgumentNullException":                                         "System.ArgumentException",
	"System.ArgumentOutOfRangeException":                                   "System.ArgumentException",
	"System.InvalidOperationException":                                     "System.SystemException",
	"System.ObjectDisposedException":                                       "System.InvalidOperationException",
	"System.NotSupportedException":                                         "System.SystemException",
	"System.PlatformNotSupportedException":                                 "System.NotSupportedException",
	"System.NotImplementedException":                                       "System.SystemException",
	"System.FormatException":                                               "System.SystemException",
	"System.InvalidCastException":                                          "System.SystemException",
	"System.NullReferenceException":                                        "System.SystemException",
	"System.IndexOutOfRangeException":                                      "System.SystemException",
	"System.ArithmeticException":                                           "System.SystemException",
	"System.DivideByZeroException":                                         "System.ArithmeticException",
	"System.OverflowException":                                             "System.ArithmeticException",
	"System.TimeoutException":                                              "System.SystemException",
	"System.UnauthorizedAccessException":                                   "System.SystemException",
	"System.OperationCanceledException":                                    "System.SystemException",
	"System.Threading.Tasks.TaskCanceledException":                         "System.OperationCanceledException",
	"System.Collections.Generic.KeyNotFoundException":                      "System.SystemException",
	"System.IO.IOException":                                                "System.SystemException",
	"System.IO.FileNotFoundException":                                      "System.IO.IOException",
	"System.IO.DirectoryNotFoundException":                                 "System.IO.IOException",
	"System.IO.PathTooLongException":                                       "System.IO.IOException",
	"System.IO.EndOfStreamException":                                       "System.IO.IOException",
	"System.Net.WebException":                                              "System.InvalidOperationException",
	"System.Net.Http.HttpRequestException":                                 "System.Exception",
	"System.Security.SecurityException":                                    "System.SystemException",
	"System.Security.Authentication.AuthenticationException":               "System.SystemException",
	"System.Security.Authentication.InvalidCredentialException":            "System.Security.Authentication.AuthenticationException",
	"System.Security.Cryptography.CryptographicException":                  "System.SystemException",
	"System.Management.Automation.RuntimeException":                        "System.SystemException",
	"System.Management.Automation.ActionPreferenceStopException":           "System.Management.Automation.RuntimeException",
	"System.Management.Automation.ParameterBindingException":               "System.Management.Automation.RuntimeException",
	"System.Management.Automation.CmdletInvocationException":               "System.Management.Automation.RuntimeException",
	"System.Management.Automation.CommandNotFoundException":                "System.Management.Automation.RuntimeException",
	"System.Management.Automation.MethodException":                         "System.Management.Automation.RuntimeException",
	"System.Management.Automation.MethodInvocationException":               "System.Management.Automation.MethodException",
	"System.Management.Automation.ExtendedTypeSystemException":             "System.Management.Automation.RuntimeException",
	"System.Management.Automation.PropertyNotFoundException":               "System.Management.Automation.ExtendedTypeSystemException",
	"System.Management.Automation.GetValueException":                       "System.Management.Automation.ExtendedTypeSystemException",
	"System.Management.Automation.GetValueInvocationException":             "System.Management.Automation.GetValueException",
	"System.Management.Automation.SetValueException":                       "System.Management.Automation.ExtendedTypeSystemException",
	"System.Management.Automation.SetValueInvocationException":             "System.Management.Automation.SetValueException",
	"System.Management.Automation.SessionStateException":                   "System.Management.Automation.RuntimeException",
	"System.Management.Automation.ItemNotFoundException":                   "System.Management.Automation.SessionStateException",
	"System.Management.Automation.DriveNotFoundException":                  "System.Management.Automation.SessionStateException",
	"System.Management.Automation.ProviderNotFoundException":               "System.Management.Automation.SessionStateException",
	"System.Management.Automation.SessionStateUnauthorizedAccessException": "System.Management.Automation.SessionStateException",
	"System.Management.Automation.PSArgumentException":                     "System.ArgumentException",
	"System.Management.Automation.PSArgumentNullException":                 "System.ArgumentNullException",
	"System.Management.Automation.PSArgumentOutOfRangeException":           "System.ArgumentOutOfRangeException",
	"System.Management.Automation.PSInvalidOperationException":             "System.InvalidOperationException",
	"System.Management.Automation.PSNotSupportedException":                 "System.NotSupportedException",
	"System.Management.Automation.PSNotImplementedException":               "System.NotImplementedException",
	"System.Management.Automation.PSInvalidCastException":                  "System.InvalidCastException",
	"System.Management.Automation.ParseException":                          "System.Management.Automation.RuntimeException",
	"System.Management.Automation.IncompleteParseException":                "System.Management.Automation.ParseException",
	"System.Management.Automation.MetadataException":                       "System.Management.Automation.RuntimeException",
	"System.Management.Automation.ValidationMetadataException":             "System.Management.Automation.MetadataException",
	"System.Management.Automation.ArgumentTransformationMetadataException": "System.Management.Automation.MetadataException",
	"System.Management.Automation.ScriptCallDepthException":                "System.SystemException",
	"System.Management.Automation.PipelineStoppedException":                "System.Management.Automation.RuntimeException",
	"System.Management.Automation.Host.HostException":                      "System.Management.Automation.RuntimeException",
	"System.Management.Automation.PSSecurityException":                     "System.Management.Automation.RuntimeException",
	"System.Management.Automation.WildcardPatternException":                "System.Management.Automation.RuntimeException",
	"System.Management.Automation.PSRemotingTransportException":            "System.Management.Automation.RuntimeException",
	"System.Management.Automation.ApplicationFailedException":              "System.Management.Automation.RuntimeException",
	"Microsoft.PowerShell.Commands.WriteErrorException":                    "System.SystemException",
	"System.Text.RegularExpressions.RegexParseException":                   "System.ArgumentException",
	"System.Text.Json.JsonException":                                       "System.Exception",
	"System.Xml.XmlException":                                              "System.SystemException",
}

// exceptionChain returns a type and its bases, most derived first, ending
// with System.Exception. Unknown names get System.Exception as their base.
func exceptionChain(name string) []string {
	chain := []string{name}
	seen := map[string]bool{name: true}
	for cur := name; ; {
		base, ok := exceptionBases[cur]
		if !ok {
			if cur != "System.Exception" {
				chain = append(chain, "System.Exception")
			}
			return chain
		}
		if seen[base] {
			return chain
		}
		seen[base] = true
		chain = append(chain, base)
		cur = base
	}
}

// knownExceptionName returns the canonical full name of a known exception
// type written in any case, with or without "System.".
func knownExceptionName(written string) (string, bool) {
	if strings.EqualFold(written, "System.Exception") || strings.EqualFold(written, "Exception") {
		return "System.Exception", true
	}
	for name := range exceptionBases {
		if strings.EqualFold(name, written) || strings.EqualFold(name, "System."+written) {
			return name, true
		}
	}
	return "", false
}

// newExceptionOf returns an exception of a named type with its full base
// chain.
func newExceptionOf(typeName, message string) *Exception {
	return &Exception{Types: exceptionChain(typeName), Message: message}
}

// defaultExceptionMessage is .NET's message for an exception made without
// one.
func defaultExceptionMessage(typeName string) string {
	short := typeName[strings.LastIndexByte(typeName, '.')+1:]
	switch short {
	case "ArgumentException":
		return "Value does not fall within the expected range."
	case "ArgumentNullException":
		return "Value cannot be null."
	case "ArgumentOutOfRangeException":
		return "Specified argument was out of the range of valid values."
	case "InvalidOperationException":
		return "Operation is not valid due to the current state of the object."
	case "NotSupportedException":
		return "Specified method is not supported."
	case "NotImplementedException":
		return "The method or operation is not implemented."
	case "FormatException":
		return "One of the identified items was in an invalid format."
	case "TimeoutException":
		return "The operation has timed out."
	case "UnauthorizedAccessException":
		return "Attempted to perform an unauthorized operation."
	case "DivideByZeroException":
		return "Attempted to divide by zero."
	case "NullReferenceException":
		return "Object reference not set to an instance of an object."
	case "IndexOutOfRangeException":
		return "Index was outside the bounds of the array."
	case "KeyNotFoundException":
		return "The given key was not present in the dictionary."
	case "IOException":
		return "I/O error occurred."
	case "FileNotFoundException":
		return "Unable to find the specified file."
	case "RuntimeException":
		return "Exception of type 'System.Management.Automation.RuntimeException' was thrown."
	}
	return "Exception of type '" + typeName + "' was thrown."
}

// exceptionConstructor builds [T]::new(...) for an exception type: (),
// (message), (message, inner); argument exceptions take
// (message, paramName) or, for ArgumentNullException, (paramName).
func exceptionConstructor(typeName string) func(*frame, []any) (any, error) {
	short := typeName[strings.LastIndexByte(typeName, '.')+1:]
	return func(_ *frame, args []any) (any, error) {
		ex := newExceptionOf(typeName, defaultExceptionMessage(typeName))
		switch {
		case len(args) == 0:
		case short == "ArgumentNullException" && len(args) == 1:
			ex.ParamName = value.ToString(args[0])
			ex.Message = "Value cannot be null. (Parameter '" + ex.ParamName + "')"
		case (short == "ArgumentException" || short == "ArgumentOutOfRangeException" || short == "ArgumentNullException" || strings.HasPrefix(short, "PSArgument")) && len(args) == 2:
			if inner, ok := args[1].(*Exception); ok {
				ex.Message, ex.Inner = value.ToString(args[0]), inner
				break
			}
			msg := value.ToString(args[0])
			ex.ParamName = value.ToString(args[1])
			if short == "ArgumentNullException" || short == "ArgumentOutOfRangeException" {
				// (paramName, message)
				ex.ParamName, msg = value.ToString(args[0]), value.ToString(args[1])
			}
			ex.Message = msg + " (Parameter '" + ex.ParamName + "')"
		case len(args) <= 2:
			if !value.IsNull(args[0]) {
				ex.Message = value.ToString(args[0])
			}
			if len(args) == 2 {
				inner, ok := args[1].(*Exception)
				if !ok && !value.IsNull(args[1]) {
					return nil, fmt.Errorf("Cannot convert argument \"innerException\", with value: \"%s\", for \".ctor\" to type \"System.Exception\".", value.ToString(args[1]))
				}
				ex.Inner = inner
			}
		default:
			return nil, fmt.Errorf("Cannot find an overload for \"new\" and the argument count: \"%d\".", len(args))
		}
		return ex, nil
	}
}

func init() {
	register := func(name string) {
		ctor := exceptionConstructor(name)
		registerType(&psType{
			Name: name,
			New:  ctor,
			Convert: func(v any) (any, error) {
				if ex, ok := v.(*Exception); ok && ex.IsA(name) {
					return ex, nil
				}
				if s, ok := v.(string); ok {
					return ctor(nil, []any{s})
				}
				return nil, noConversion(v, name)
			},
		})
	}
	register("System.Exception")
	for name := range exceptionBases {
		register(name)
	}
}
