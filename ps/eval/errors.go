package eval

import (
	"fmt"
	"strings"

	"github.com/keyhost/keyhost/ps/token"
	"github.com/keyhost/keyhost/ps/value"
)

// ErrorCategory is PowerShell's System.Management.Automation.ErrorCategory.
type ErrorCategory string

// The error categories keyhost uses (names as in .NET).
const (
	NotSpecified        ErrorCategory = "NotSpecified"
	InvalidArgument     ErrorCategory = "InvalidArgument"
	InvalidData         ErrorCategory = "InvalidData"
	InvalidOperation    ErrorCategory = "InvalidOperation"
	InvalidResult       ErrorCategory = "InvalidResult"
	InvalidType         ErrorCategory = "InvalidType"
	ObjectNotFound      ErrorCategory = "ObjectNotFound"
	OperationStopped    ErrorCategory = "OperationStopped"
	ParserError         ErrorCategory = "ParserError"
	PermissionDenied    ErrorCategory = "PermissionDenied"
	ResourceExists      ErrorCategory = "ResourceExists"
	ResourceUnavailable ErrorCategory = "ResourceUnavailable"
	SyntaxError         ErrorCategory = "SyntaxError"
	ConnectionError     ErrorCategory = "ConnectionError"
	SecurityError       ErrorCategory = "SecurityError"
	DeviceError         ErrorCategory = "DeviceError"
	NotImplemented      ErrorCategory = "NotImplemented"
	ReadError           ErrorCategory = "ReadError"
	WriteError          ErrorCategory = "WriteError"
)

// Exception is a .NET exception as scripts see it: a type name (for catch
// [Type] and -is), a message and an optional inner exception.
type Exception struct {
	// TypeNames lists the exception type and its base types, most derived
	// first, e.g. ActionPreferenceStopException, RuntimeException,
	// SystemException, Exception.
	Types   []string
	Message string
	Inner   *Exception
	// ErrorRecord is set on exceptions that carry a record
	// (ActionPreferenceStopException, RuntimeException from throw).
	ErrorRecord *ErrorRecord
	// WasThrownFromThrowStatement is set for `throw`; the error view then
	// labels the error "Exception".
	WasThrownFromThrowStatement bool
	// Payload is the object thrown by `throw $obj` when it is not an
	// exception or record (RuntimeException's TargetObject).
	Payload any
	// ParamName is ArgumentException.ParamName.
	ParamName string
}

// Common exception type chains.
var (
	runtimeExceptionTypes = []string{"System.Management.Automation.RuntimeException", "System.SystemException", "System.Exception"}
	stopExceptionTypes    = append([]string{"System.Management.Automation.ActionPreferenceStopException"}, runtimeExceptionTypes...)
	bindingExceptionTypes = append([]string{"System.Management.Automation.ParameterBindingException"}, runtimeExceptionTypes...)
	notFoundTypes         = append([]string{"System.Management.Automation.CommandNotFoundException"}, runtimeExceptionTypes...)
	methodInvokeTypes     = append([]string{"System.Management.Automation.MethodInvocationException", "System.Management.Automation.MethodException"}, runtimeExceptionTypes...)
	hostExceptionTypes    = append([]string{"System.Management.Automation.Host.HostException"}, runtimeExceptionTypes...)
	parseExceptionTypes   = append([]string{"System.Management.Automation.ParseException"}, runtimeExceptionTypes...)
)

// NewException returns an exception of the given .NET type with its base
// types (catch [System.IO.IOException] catches a FileNotFoundException).
// Unknown type names get System.Exception as their base.
func NewException(typeName, message string) *Exception {
	return newExceptionOf(typeName, message)
}

// RuntimeException returns a System.Management.Automation.RuntimeException.
func RuntimeException(message string) *Exception {
	return &Exception{Types: runtimeExceptionTypes, Message: message}
}

// TypeNames implements value.Object.
func (e *Exception) TypeNames() []string {
	return append(append([]string(nil), e.Types...), "System.Object")
}

// Property implements value.Object.
func (e *Exception) Property(name string) (any, bool) {
	switch strings.ToLower(name) {
	case "message":
		return e.Message, true
	case "innerexception":
		if e.Inner == nil {
			return nil, true
		}
		return e.Inner, true
	case "errorrecord":
		if e.ErrorRecord == nil {
			return nil, true
		}
		return e.ErrorRecord, true
	case "wasthrownfromthrowstatement":
		return e.WasThrownFromThrowStatement, true
	case "targetobject":
		return e.Payload, true
	case "paramname":
		if !e.IsA("System.ArgumentException") {
			return nil, false
		}
		return e.ParamName, true
	case "hresult":
		return int32(-2146233088), true
	case "data":
		return value.NewHashtable(), true
	case "stacktrace", "source", "helplink", "targetsite":
		return nil, true
	}
	return nil, false
}

// CallMethod implements value.MethodCaller.
func (e *Exception) CallMethod(name string, args []any) (any, bool, error) {
	switch strings.ToLower(name) {
	case "getbaseexception":
		inner := e
		for inner.Inner != nil {
			inner = inner.Inner
		}
		return inner, true, nil
	case "tostring":
		s := e.String()
		if e.Inner != nil {
			s += "\n ---> " + e.Inner.String()
		}
		return s, true, nil
	}
	return nil, false, nil
}

// PropertyNames implements value.Object.
func (e *Exception) PropertyNames() []string {
	names := []string{"Message", "InnerException"}
	if e.ErrorRecord != nil {
		names = append(names, "ErrorRecord")
	}
	return append(names, "WasThrownFromThrowStatement")
}

// Error implements error, so Go code can return a .NET exception of a
// given type (the evaluator wraps it as MethodInvocationException).
func (e *Exception) Error() string { return e.Message }

// String is Exception.ToString's first line: the type and message.
func (e *Exception) String() string { return e.Types[0] + ": " + e.Message }

// IsA reports whether the exception is of type t or derives from it (t may be
// a full name or the short name after the last dot).
func (e *Exception) IsA(t string) bool {
	for _, n := range e.Types {
		if typeNameMatches(n, t) {
			return true
		}
	}
	return false
}

// typeNameMatches compares a full .NET type name with a name as written in
// a script, which may omit the namespace or the System. prefix.
func typeNameMatches(full, written string) bool {
	if strings.EqualFold(full, written) {
		return true
	}
	if strings.EqualFold(full, "System."+written) {
		return true
	}
	if i := strings.LastIndexByte(full, '.'); i >= 0 && strings.EqualFold(full[i+1:], written) {
		return true
	}
	return false
}

// InvocationInfo says where an error happened.
type InvocationInfo struct {
	// CommandName is the command that failed ("" for a language error).
	CommandName string
	// ScriptName is the script file path ("" for a command string).
	ScriptName string
	// Line is the full source line; Pos the start of the failing extent and
	// EndPos its end on the same line.
	Line   string
	Pos    token.Pos
	EndPos token.Pos
	// InvocationName is the name as typed.
	InvocationName string
}

// PositionMessage is PowerShell's "At file:line char:col" block with the
// line and a ~~~ marker under the failing extent.
func (ii *InvocationInfo) PositionMessage() string {
	if ii == nil || !ii.Pos.IsValid() {
		return ""
	}
	where := ii.ScriptName
	if where == "" {
		where = "line"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "At %s:%d char:%d\n+ %s\n+ ", where, ii.Pos.Line, ii.Pos.Col, ii.Line)
	b.WriteString(strings.Repeat(" ", ii.Pos.Col-1))
	b.WriteString(strings.Repeat("~", ii.markerLen()))
	return b.String()
}

// markerLen is the length of the ~~~ marker: the extent on its first line.
func (ii *InvocationInfo) markerLen() int {
	lineRunes := len([]rune(ii.Line))
	end := lineRunes + 1
	if ii.EndPos.IsValid() && ii.EndPos.Line == ii.Pos.Line {
		end = ii.EndPos.Col
	}
	n := end - ii.Pos.Col
	if max := lineRunes - (ii.Pos.Col - 1); n > max {
		n = max
	}
	if n < 1 {
		n = 1
	}
	return n
}

// TypeNames implements value.Object.
func (ii *InvocationInfo) TypeNames() []string {
	return []string{"System.Management.Automation.InvocationInfo", "System.Object"}
}

// Property implements value.Object.
func (ii *InvocationInfo) Property(name string) (any, bool) {
	switch strings.ToLower(name) {
	case "scriptname":
		return ii.ScriptName, true
	case "scriptlinenumber":
		return int32(ii.Pos.Line), true
	case "offsetinline":
		return int32(ii.Pos.Col), true
	case "line":
		return ii.Line, true
	case "positionmessage":
		return ii.PositionMessage(), true
	case "invocationname":
		return ii.InvocationName, true
	case "mycommand":
		if ii.CommandName == "" {
			return nil, true
		}
		return &commandInfoObject{kind: "Cmdlet", name: ii.CommandName}, true
	}
	return nil, false
}

// PropertyNames implements value.Object.
func (ii *InvocationInfo) PropertyNames() []string {
	return []string{"MyCommand", "ScriptLineNumber", "OffsetInLine", "ScriptName", "Line", "PositionMessage", "InvocationName"}
}

// ErrorRecord is System.Management.Automation.ErrorRecord: what $Error
// holds, what catch blocks see as $_, and what the error view prints.
type ErrorRecord struct {
	Exception             *Exception
	FullyQualifiedErrorID string
	Category              ErrorCategory
	// Activity is CategoryInfo.Activity: usually the command name.
	Activity string
	// TargetName is CategoryInfo.TargetName.
	TargetName   string
	TargetObject any
	Invocation   *InvocationInfo
	// ErrorDetailsMessage replaces the exception message in views when set.
	ErrorDetailsMessage string
	ScriptStackTrace    string
}

// NewErrorRecord builds a record; fqid is the id without the command class
// (the binder or cmdlet appends ",Class").
func NewErrorRecord(ex *Exception, fqid string, cat ErrorCategory, target any) *ErrorRecord {
	return &ErrorRecord{Exception: ex, FullyQualifiedErrorID: fqid, Category: cat, TargetObject: target}
}

// Message is the text the error view shows.
func (r *ErrorRecord) Message() string {
	if r.ErrorDetailsMessage != "" {
		return r.ErrorDetailsMessage
	}
	if r.Exception != nil {
		return r.Exception.Message
	}
	return ""
}

// categoryReason is CategoryInfo.Reason: the exception's short type name.
func (r *ErrorRecord) categoryReason() string {
	if r.Exception == nil || len(r.Exception.Types) == 0 {
		return ""
	}
	t := r.Exception.Types[0]
	if i := strings.LastIndexByte(t, '.'); i >= 0 {
		return t[i+1:]
	}
	return t
}

// CategoryInfoString is CategoryInfo.ToString(): "Category: (target:Type) [Activity], Reason".
func (r *ErrorRecord) CategoryInfoString() string {
	targetType := ""
	if r.TargetObject != nil {
		targetType = value.TypeName(r.TargetObject)
		if i := strings.LastIndexByte(targetType, '.'); i >= 0 {
			targetType = targetType[i+1:]
		}
	}
	return fmt.Sprintf("%s: (%s:%s) [%s], %s", r.Category, r.targetName(), targetType, r.Activity, r.categoryReason())
}

// targetName is CategoryInfo.TargetName: the name given for the target,
// else the target object's string form.
func (r *ErrorRecord) targetName() string {
	if r.TargetName != "" || r.TargetObject == nil {
		return r.TargetName
	}
	return value.ToString(r.TargetObject)
}

// TypeNames implements value.Object.
func (r *ErrorRecord) TypeNames() []string {
	return []string{"System.Management.Automation.ErrorRecord", "System.Object"}
}

// Property implements value.Object.
func (r *ErrorRecord) Property(name string) (any, bool) {
	switch strings.ToLower(name) {
	case "exception":
		return r.Exception, true
	case "fullyqualifiederrorid":
		return r.FullyQualifiedErrorID, true
	case "categoryinfo":
		return r.categoryInfo(), true
	case "targetobject":
		return r.TargetObject, true
	case "invocationinfo":
		if r.Invocation == nil {
			return nil, true
		}
		return r.Invocation, true
	case "errordetails":
		if r.ErrorDetailsMessage == "" {
			return nil, true
		}
		return value.NewPSObject("System.Management.Automation.ErrorDetails").Add("Message", r.ErrorDetailsMessage), true
	case "scriptstacktrace":
		return r.ScriptStackTrace, true
	case "pipelineiterationinfo":
		return []any{}, true
	}
	return nil, false
}

// PropertyNames implements value.Object.
func (r *ErrorRecord) PropertyNames() []string {
	return []string{"Exception", "TargetObject", "CategoryInfo", "FullyQualifiedErrorId", "ErrorDetails", "InvocationInfo", "ScriptStackTrace", "PipelineIterationInfo"}
}

// String is ErrorRecord.ToString(): the message.
func (r *ErrorRecord) String() string { return r.Message() }

func (r *ErrorRecord) categoryInfo() *value.PSObject {
	o := value.NewPSObject("System.Management.Automation.ErrorCategoryInfo")
	o.Add("Category", string(r.Category)).
		Add("Activity", r.Activity).
		Add("Reason", r.categoryReason()).
		Add("TargetName", r.targetName()).
		Add("TargetType", func() string {
			if r.TargetObject == nil {
				return ""
			}
			return value.TypeName(r.TargetObject)
		}())
	o.ToStringFunc = r.CategoryInfoString
	return o
}

// RuntimeError is a terminating error travelling up the Go stack: it ends
// the statement (StatementOnly) or the script, unless a try/catch or trap
// handles it.
type RuntimeError struct {
	Record *ErrorRecord
	// StatementOnly marks a statement-terminating error (a cmdlet's
	// ThrowTerminatingError, a binding error, an unknown command, a failed
	// method call): when nothing catches it, $ErrorActionPreference
	// decides at the statement: Continue reports it and the script goes on
	// with the next statement.
	StatementOnly bool
	// FromThrow marks an error raised by the throw statement: it ends the
	// script unless caught, but $ErrorActionPreference SilentlyContinue or
	// Ignore suppresses it at the statement (about_Error_Handling's
	// asymmetry). A RuntimeError with neither flag cannot be suppressed:
	// an error escalated by -ErrorAction Stop, or one that $ErrorAction-
	// Preference = 'Stop' already turned script-terminating.
	FromThrow bool
	// outer is the exception chain that was "thrown" around the record's
	// exception (ActionPreferenceStopException for an escalated error);
	// nil means the engine's usual RuntimeException wrapper.
	outer []string
	// command is set for $PSCmdlet.ThrowTerminatingError(): the error ends
	// that advanced function; only its caller's statement handles it.
	command *Call
}

// Error implements error.
func (e *RuntimeError) Error() string { return e.Record.Message() }

// newRuntimeError wraps a record as a terminating error.
func newRuntimeError(rec *ErrorRecord, statementOnly bool) *RuntimeError {
	return &RuntimeError{Record: rec, StatementOnly: statementOnly}
}

// stopError is an error escalated by -ErrorAction Stop or
// $ErrorActionPreference = 'Stop': an ActionPreferenceStopException around
// the original record, which only try/catch or trap stop.
func stopError(rec *ErrorRecord) *RuntimeError {
	return &RuntimeError{Record: rec, outer: stopExceptionTypes}
}

// escalate turns an error into one nothing but try/catch or trap stops,
// keeping what catch matches.
func (e *RuntimeError) escalate() *RuntimeError {
	return &RuntimeError{Record: e.Record, outer: e.outer}
}

// exceptionLayers returns the two exception chains catch and trap match,
// as PowerShell's FindMatchingHandler does: the inner exception first,
// then the thrown (outer) one.
func (e *RuntimeError) exceptionLayers() (inner, outer []string) {
	ex := e.Record.Exception
	if e.outer != nil {
		if ex != nil {
			inner = ex.Types
		}
		return inner, e.outer
	}
	if ex == nil {
		return nil, runtimeExceptionTypes
	}
	if ex.IsA("System.Management.Automation.RuntimeException") {
		if ex.Inner != nil {
			inner = ex.Inner.Types
		}
		return inner, ex.Types
	}
	return ex.Types, runtimeExceptionTypes
}

// matchHandler picks the handler for an error among clauses whose type
// lists are given (an empty list is a catch-all): the first clause that
// matches the inner exception, else the first matching the outer one.
// It returns -1 when none matches.
func (e *RuntimeError) matchHandler(clauses [][]string) int {
	inner, outer := e.exceptionLayers()
	find := func(chain []string) int {
		for i, types := range clauses {
			if len(types) == 0 {
				return i
			}
			for _, t := range types {
				for _, n := range chain {
					if typeNameMatches(n, t) {
						return i
					}
				}
			}
		}
		return -1
	}
	h := -1
	if inner != nil {
		h = find(inner)
	}
	if h == -1 || len(clauses[h]) == 0 {
		if o := find(outer); o != -1 {
			h = o
		}
	}
	return h
}

// Flow-control signals travel as errors so that every construct between a
// break and its loop unwinds naturally (finally blocks included).

type breakSignal struct{ label string }

func (b *breakSignal) Error() string { return "break outside a loop" }

type continueSignal struct{ label string }

func (c *continueSignal) Error() string { return "continue outside a loop" }

type returnSignal struct{}

func (returnSignal) Error() string { return "return" }

// ExitError is raised by `exit N`; the runner turns it into the exit code.
type ExitError struct{ Code int }

// Error implements error.
func (e *ExitError) Error() string { return fmt.Sprintf("exit %d", e.Code) }
