package engine

import (
	"errors"
	"fmt"
)

// Fault names, after the vim faults vCenter raises for the same conditions.
const (
	FaultInvalidPowerState = "InvalidPowerState"
	FaultInvalidState      = "InvalidState"
	FaultNotFound          = "NotFound"
	FaultInvalidArgument   = "InvalidArgument"
	FaultNotSupported      = "NotSupported"
	FaultAlreadyExists     = "AlreadyExists"
	FaultInUse             = "ResourceInUse"
	FaultRuntime           = "RuntimeFault"
)

// Fault is a typed vSphere-style fault returned by World operations. Message
// is the localized text a vCenter would show; except where a comment says
// otherwise the exact vCenter wording is UNVERIFIED and the text is keyhost's
// own. Object names the managed object concerned (a MoRef string such as
// "VirtualMachine-vm-101", or a key provider name), when there is one.
type Fault struct {
	Name    string
	Message string
	Object  string
	// Err is the underlying cause of a RuntimeFault, or of another fault
	// that has one (an import's nkpbackup error); often nil.
	Err error
}

// Error returns the fault's message, so callers that print errors show what
// vCenter would show.
func (f *Fault) Error() string { return f.Message }

// Unwrap exposes the cause of a RuntimeFault.
func (f *Fault) Unwrap() error { return f.Err }

// AsFault returns the *Fault inside err, if any.
func AsFault(err error) (*Fault, bool) {
	var f *Fault
	if errors.As(err, &f) {
		return f, true
	}
	return nil, false
}

func newFault(name string, obj MoRef, format string, args ...any) *Fault {
	return &Fault{Name: name, Object: obj.String(), Message: fmt.Sprintf(format, args...)}
}

// invalidPowerState uses vSphere's real text for InvalidPowerState.
func invalidPowerState(obj MoRef, current PowerState) *Fault {
	return newFault(FaultInvalidPowerState, obj,
		"The attempted operation cannot be performed in the current state (%s).", current.display())
}

func invalidState(obj MoRef, format string, args ...any) *Fault {
	return newFault(FaultInvalidState, obj, format, args...)
}

func invalidArgument(obj MoRef, format string, args ...any) *Fault {
	return newFault(FaultInvalidArgument, obj, format, args...)
}

func notSupported(obj MoRef, format string, args ...any) *Fault {
	return newFault(FaultNotSupported, obj, format, args...)
}

func notFound(kind, id string) *Fault {
	return &Fault{Name: FaultNotFound, Object: id, Message: fmt.Sprintf("The %s '%s' was not found.", kind, id)}
}

// runtimeFault wraps an internal failure (random source, KMS, corrupt key
// material) the way vCenter reports a SystemError: "A general system error
// occurred: ..." (that prefix is vSphere's real text).
func runtimeFault(obj MoRef, err error) *Fault {
	if f, ok := AsFault(err); ok {
		return f
	}
	return &Fault{Name: FaultRuntime, Object: obj.String(), Message: "A general system error occurred: " + err.Error(), Err: err}
}

// providerFault names a key provider rather than an inventory object.
func providerFault(name, provider, format string, args ...any) *Fault {
	return &Fault{Name: name, Object: provider, Message: fmt.Sprintf(format, args...)}
}
