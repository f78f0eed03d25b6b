package kmip

import "fmt"

// Error is a KMIP server's refusal of one operation, with the context needed
// to act on it: which operation, on which object, and what the server said.
// It unwraps to its ResultReason, so errors.Is(err, kmip.ReasonItemNotFound)
// works.
type Error struct {
	Operation Operation
	// ID is the Unique Identifier the request named, if any.
	ID      string
	Status  ResultStatus
	Reason  ResultReason
	Message string
}

// Error formats as "kmip Get 1234: Item Not Found: <server's message>".
func (e *Error) Error() string {
	s := "kmip " + e.Operation.String()
	if e.ID != "" {
		s += " " + e.ID
	}
	switch {
	case e.Reason != 0:
		s += ": " + e.Reason.String()
	case e.Status != StatusOperationFailed:
		s += ": " + e.Status.String()
	default:
		s += ": operation failed"
	}
	if e.Message != "" {
		s += ": " + e.Message
	}
	return s
}

// Unwrap returns the result reason (nil when the server gave none).
func (e *Error) Unwrap() error {
	if e.Reason == 0 {
		return nil
	}
	return e.Reason
}

// failure builds the error a server reports; see Server.
func failure(reason ResultReason, format string, a ...any) *Error {
	return &Error{Status: StatusOperationFailed, Reason: reason, Message: fmt.Sprintf(format, a...)}
}
