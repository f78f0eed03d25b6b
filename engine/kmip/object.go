package kmip

import (
	"bytes"
	"slices"
	"time"
)

// Object is a managed object of the embedded server: a symmetric key and
// the attributes the server keeps for it. Its fields are what a Store saves.
type Object struct {
	ID        string
	Type      ObjectType
	Names     []string
	Algorithm Algorithm
	Length    int32
	Usage     UsageMask
	State     State
	// Material is the key itself; nil once the object is destroyed.
	Material []byte

	Created     time.Time // Initial Date
	Activated   time.Time // Activation Date
	Deactivated time.Time // Deactivation Date
	Compromised time.Time // Compromise Date
	Destroyed   time.Time // Destroy Date

	Revocation        RevocationReasonCode
	RevocationMessage string
	// CompromiseOccurred is the Compromise Occurrence Date the client gave.
	CompromiseOccurred time.Time
}

// Clone returns a deep copy, so that callers never share key material with
// the server's own records.
func (o Object) Clone() Object {
	o.Names = slices.Clone(o.Names)
	o.Material = bytes.Clone(o.Material)
	return o
}

// destroyed reports whether the object's material is gone.
func (o *Object) destroyed() bool {
	return o.State == StateDestroyed || o.State == StateDestroyedCompromised
}

// Store persists the embedded server's objects, for example into the
// engine's state file. The server calls Save with a copy of an object after
// each change (creation, state change, destruction) and before it answers
// the client; if Save fails the change is dropped and the client gets a
// General Failure, so the store and the server never disagree.
type Store interface {
	Save(Object) error
}
