package engine

import (
	"fmt"
	"strconv"
	"strings"
)

// MoRef is a managed object reference as vCenter writes it: a type such as
// "VirtualMachine" and a value such as "vm-101". PowerCLI ids are
// Type + "-" + Value ("VirtualMachine-vm-101"), which String returns.
type MoRef struct {
	Type  string
	Value string
}

// String returns the PowerCLI form "Type-Value", or "" for the zero MoRef.
func (m MoRef) String() string {
	if m.Type == "" && m.Value == "" {
		return ""
	}
	return m.Type + "-" + m.Value
}

// IsZero reports whether m refers to nothing.
func (m MoRef) IsZero() bool { return m == MoRef{} }

// Managed object types.
const (
	TypeDatacenter = "Datacenter"
	TypeCluster    = "ClusterComputeResource"
	TypeHost       = "HostSystem"
	TypeVM         = "VirtualMachine"
	TypeDatastore  = "Datastore"
	TypeSnapshot   = "VirtualMachineSnapshot"
)

// idPrefix returns the vCenter prefix of MoRef values of type typ.
func idPrefix(typ string) string {
	switch typ {
	case TypeDatacenter:
		return "datacenter-"
	case TypeCluster:
		return "domain-c"
	case TypeHost:
		return "host-"
	case TypeVM:
		return "vm-"
	case TypeDatastore:
		return "datastore-"
	case TypeSnapshot:
		return "snapshot-"
	}
	return ""
}

// firstID is where numbering starts for each type. Each type has its own
// counter (a real vCenter shares one), which keeps the demo's ids stable when
// objects of another type are added.
func firstID(typ string) int {
	switch typ {
	case TypeDatacenter:
		return 2
	case TypeCluster:
		return 8
	case TypeHost:
		return 10
	case TypeDatastore:
		return 20
	case TypeVM:
		return 101
	case TypeSnapshot:
		return 1001
	}
	return 1
}

// idNumber returns the number in a MoRef value of type typ ("vm-101" → 101).
func idNumber(typ, value string) (int, bool) {
	rest, ok := strings.CutPrefix(value, idPrefix(typ))
	if !ok || rest == "" {
		return 0, false
	}
	n, err := strconv.Atoi(rest)
	if err != nil || n < 0 || strconv.Itoa(n) != rest {
		return 0, false
	}
	return n, true
}

// idAllocator hands out MoRef values that are never reused, even after the
// object that had one is gone, as vCenter does.
type idAllocator map[string]int

func (a idAllocator) next(typ string) string {
	n, ok := a[typ]
	if !ok || n < firstID(typ) {
		n = firstID(typ)
	}
	a[typ] = n + 1
	return idPrefix(typ) + strconv.Itoa(n)
}

// claim records an explicitly given id (from an imported inventory or a state
// file) so that later allocations do not hand it out again.
func (a idAllocator) claim(typ, value string) error {
	n, ok := idNumber(typ, value)
	if !ok {
		return fmt.Errorf("id %q is not a %s id (%s<number>)", value, typ, idPrefix(typ))
	}
	if a[typ] <= n {
		a[typ] = n + 1
	}
	return nil
}

// bareID accepts either a MoRef value ("vm-101") or the PowerCLI form
// ("VirtualMachine-vm-101") and returns the value.
func bareID(typ, id string) string {
	return strings.TrimPrefix(id, typ+"-")
}
