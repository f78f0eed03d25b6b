package engine

import (
	"errors"
	"fmt"

	"github.com/keyhost/keyhost/engine/kmip"
)

// Outages, injected by tests and tools. Neither is saved in the state file:
// like a vCenter task, an outage belongs to the running world.
//
// While vCenter is down, everything vCenter does fails with a
// FaultVCenterUnavailable fault: crypto reconfigurations, key provider
// management, vSAN encryption, host crypto settings, registering and
// unlocking VMs. The hosts keep working: they power VMs on and off, take
// snapshots and reboot, with the keys they hold (host_keystore.go,
// host_runtime.go).
//
// While a Standard provider's KMS is unreachable, vCenter can neither
// create its keys nor fetch them: new keys from it and operations that
// need vCenter to send its existing keys fail with an error wrapping
// ErrKMSUnreachable. Hosts that hold the keys keep using them.

// FaultVCenterUnavailable is keyhost's fault for an operation vCenter
// would carry out while it is down (a client would see no answer at all).
const FaultVCenterUnavailable = "VCenterUnavailable"

// ErrKMSUnreachable reports a KMS vCenter cannot reach: an injected outage
// (SetKMSReachable) or a KMIP server that does not answer.
var ErrKMSUnreachable = errors.New("key management server unreachable")

// SetVCenterAvailable brings the simulated vCenter down (false) or back up
// (true). It is not a state change (Generation does not move).
func (w *World) SetVCenterAvailable(up bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.vcenterDown = !up
}

// VCenterAvailable reports whether vCenter is up.
func (w *World) VCenterAvailable() bool {
	w.mu.RLock()
	defer w.mu.RUnlock()
	return !w.vcenterDown
}

// SetKMSReachable makes the KMS of a Standard key provider unreachable
// (false) for vCenter, or reachable again (true). Not a state change.
func (w *World) SetKMSReachable(provider string, reachable bool) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	p, err := w.providerLocked(provider)
	if err != nil {
		return err
	}
	if p.Type != ProviderStandard {
		return providerFault(FaultNotSupported, provider, "Key provider %s is a Native Key Provider; it has no KMS.", provider)
	}
	p.unreachable = !reachable
	return nil
}

// requireVCenter fails an operation vCenter carries out while it is down.
func (w *World) requireVCenter(what string) error {
	if !w.vcenterDown {
		return nil
	}
	return &Fault{Name: FaultVCenterUnavailable, Message: fmt.Sprintf("vCenter Server %s is not available; cannot %s.", w.st.VCenter.Name, what)}
}

// kmsError marks a KMS failure that means the server could not be reached
// (nil stays nil).
func kmsError(err error) error {
	if _, ok := errors.AsType[*kmip.UnreachableError](err); ok && !errors.Is(err, ErrKMSUnreachable) {
		return fmt.Errorf("%w: %w", ErrKMSUnreachable, err)
	}
	return err
}

// unreachableError is the error of a KMS behind an injected outage.
func unreachableError(p *providerRecord) error {
	return fmt.Errorf("key provider %s: cannot reach its key management server: %w", p.Name, ErrKMSUnreachable)
}
